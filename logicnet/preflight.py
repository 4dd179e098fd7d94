"""Checks run before anything starts (``logicnet doctor``, ``logicnet localnet``).

Each check answers one question an operator would otherwise learn the hard way, hours
later in a pm2 log: is the hotkey there, is it registered, is the port free, does the LLM
answer, which sandbox layers are there. Every check has a deadline and returns a
``Check``; none raises for an expected failure, and no key reaches its text.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as _dt
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from logicnet.credentials import Secret, redact
from logicnet.errors import LogicNetError

__all__ = [
    "Check",
    "check_axon_port",
    "check_chat_endpoint",
    "check_clock",
    "check_hotkeys",
    "check_llm",
    "check_registered",
    "check_sandbox",
    "check_similarity",
    "check_wallet",
]

OK, WARN, FAIL, SKIP = "ok", "warn", "FAIL", "skip"
CHAIN_DEADLINE_S = 20.0


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok, warn, FAIL, skip
    detail: str
    fix: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAIL


# --------------------------------------------------------------------------- wallet


def check_wallet(name: str, hotkey: str, path: str) -> list[Check]:
    """The hotkey file loads and coldkeypub.txt is there; a coldkey here is a warning."""
    root = Path(path).expanduser() / name
    hotkey_file = root / "hotkeys" / hotkey
    checks: list[Check] = []
    make = (
        f"btcli wallet new_hotkey --wallet.name {name} --wallet.hotkey {hotkey} "
        f"--wallet.path {path}, or copy hotkeys/{hotkey} and coldkeypub.txt here"
    )
    if not hotkey_file.is_file():
        return [
            Check(
                "hotkey file",
                FAIL,
                f"no hotkey '{hotkey}' in wallet '{name}' ({hotkey_file} is missing)",
                make,
            )
        ]
    try:
        from logicnet.wallets import load_wallet

        wallet = load_wallet(name, hotkey, path)
        address = wallet.hotkey.ss58_address
    except LogicNetError as exc:
        return [Check("hotkey file", FAIL, str(exc), make)]
    checks.append(Check("hotkey file", OK, f"{hotkey_file} ({address})"))
    if (root / "coldkeypub.txt").is_file():
        checks.append(Check("coldkeypub.txt", OK, str(root / "coldkeypub.txt")))
    else:
        checks.append(
            Check(
                "coldkeypub.txt",
                FAIL,
                f"{root / 'coldkeypub.txt'} is missing",
                f"btcli wallet regen_coldkeypub --wallet.name {name} --wallet.path {path}",
            )
        )
    if (root / "coldkey").is_file():
        checks.append(
            Check(
                "no coldkey here",
                WARN,
                f"{root / 'coldkey'} is on this machine; a "
                "miner or validator needs only the hotkey and coldkeypub.txt",
                "move the coldkey to an offline machine (keep a backup of its mnemonic)",
            )
        )
    else:
        checks.append(Check("no coldkey here", OK, "only the hotkey and coldkeypub.txt"))
    return checks


def hotkey_address(name: str, hotkey: str, path: str) -> str | None:
    try:
        from logicnet.wallets import load_wallet

        return str(load_wallet(name, hotkey, path).hotkey.ss58_address)
    except LogicNetError:
        return None


# --------------------------------------------------------------------------- chain


def check_registered(
    chain: Any,
    hotkey: str | None,
    netuid: int,
    network: str,
    deadline_s: float = CHAIN_DEADLINE_S,
    local: bool = False,
    wallet: tuple[str, str] = ("...", "..."),
) -> Check:
    """``chain`` is a ChainSource (``ChainSettings.open()``); its reads carry the deadline.
    ``local``: it is a registry file, and the fix is about the file, not the network.
    ``wallet``: the wallet's and the hotkey's names, for the fix to quote."""
    from logicnet.chain import ChainError

    if hotkey is None:
        return Check("registered", SKIP, "no hotkey to look up (see the wallet check)")
    started = time.monotonic()
    try:
        snapshot = _bounded(chain.snapshot, deadline_s, f"read the metagraph of {network}")
    except (ChainError, LogicNetError) as exc:
        return Check(
            "registered",
            FAIL,
            f"{chain.description}: {exc}",
            "write the registry as README 'Local mode' shows (logicnet localnet --dir DIR "
            "writes one)"
            if local
            else "check --subtensor.network (finney, test, local, ws://host:port) and that "
            "this machine reaches it; or --localnet.registry FILE for local mode",
        )
    finally:
        close = getattr(chain, "close", None)
        if close is not None:
            close()
    me = snapshot.by_hotkey(hotkey)
    took = time.monotonic() - started
    if me is None:
        return Check(
            "registered",
            FAIL,
            f"hotkey {hotkey} is not registered on netuid {netuid} ({chain.description})",
            f"btcli subnet register --netuid {netuid} --wallet.name {wallet[0]} "
            f"--wallet.hotkey {wallet[1]} (costs TAO; check `btcli subnet burn-cost` first)",
        )
    block = f", block {snapshot.block}" if snapshot.block is not None else ""
    return Check(
        "registered",
        OK,
        f"uid {me.uid} on netuid {netuid} ({chain.description}{block}, read in {took:.1f} s)",
    )


def _bounded(fn: Callable[[], Any], deadline_s: float, what: str) -> Any:
    """``fn()`` in a daemon thread, abandoned after ``deadline_s``: a websocket to an address
    that never answers may hang, and a daemon thread does not hold the process at exit."""
    result: list[Any] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # handed to the caller's thread as is
            error.append(exc)

    thread = threading.Thread(target=target, name="doctor-chain", daemon=True)
    thread.start()
    thread.join(deadline_s)
    if thread.is_alive():
        raise LogicNetError(f"{what}: no answer within {deadline_s:.0f} s")
    if error:
        raise error[0]
    return result[0]


# --------------------------------------------------------------------------- hotkeys


class _ReadOnce:
    """A chain whose metagraph is read once for every hotkey checked (closed at the end)."""

    def __init__(self, chain: Any) -> None:
        self.chain = chain
        self.description = chain.description
        self._snapshot: Any = None

    def snapshot(self) -> Any:
        if self._snapshot is None:
            self._snapshot = self.chain.snapshot()
        return self._snapshot

    def close(self) -> None:
        """Kept open for the next hotkey; ``check_hotkeys`` closes the chain itself."""


def check_hotkeys(settings: Any, deadline_s: float = CHAIN_DEADLINE_S) -> list[Check]:
    """Wallet, registration and axon port of each hotkey ``settings`` (MinerSettings)
    serves. With several hotkeys each row names its hotkey, and an unregistered one is a
    warning while another is registered: the miner serves the others without it."""
    chain = settings.chain
    slots = settings.slots
    several = bool(settings.hotkeys)
    source = chain.open()
    reader = _ReadOnce(source)
    host = settings.axon_ip or ("127.0.0.1" if chain.local else None)
    rows: list[Check] = []
    registered: list[int] = []  # indexes of the "registered" rows
    try:
        for index, slot in enumerate(slots):
            wallet_rows = check_wallet(chain.wallet_name, slot.name, chain.wallet_path)
            if index > 0:  # coldkeypub.txt and the coldkey are the wallet's, said once
                wallet_rows = [r for r in wallet_rows if r.name == "hotkey file"]
            hotkey = hotkey_address(chain.wallet_name, slot.name, chain.wallet_path)
            found = [
                *wallet_rows,
                check_registered(
                    reader,
                    hotkey,
                    chain.netuid,
                    chain.network,
                    deadline_s=deadline_s,
                    local=chain.local,
                    wallet=(chain.wallet_name, slot.name),
                ),
                check_axon_port(slot.port, host),
            ]
            registered.append(len(rows) + len(found) - 2)
            if several:
                found = [
                    dataclasses.replace(r, name=f"{r.name} ({slot.name})")
                    if r.name in ("hotkey file", "registered", "axon port")
                    else r
                    for r in found
                ]
            rows += found
    finally:
        source.close()
    if several and any(rows[i].status == OK for i in registered):
        for i in registered:
            if rows[i].status == FAIL and "is not registered" in rows[i].detail:
                rows[i] = dataclasses.replace(
                    rows[i],
                    status=WARN,
                    detail=rows[i].detail + "; the miner serves the other hotkeys without it",
                )
    return rows


# --------------------------------------------------------------------------- port


def check_axon_port(port: int, host: str | None) -> Check:
    bind = host or "0.0.0.0"
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((bind, port))
            s.listen(1)
        except OSError as exc:
            fix = (
                f"stop what listens there (`ss -ltnp 'sport = :{port}'`) or pick another "
                "--axon.port"
                if exc.errno == 98
                else "check --axon.ip and --axon.port"
            )
            return Check("axon port", FAIL, f"cannot listen on {bind}:{port}: {exc.strerror}", fix)
    return Check(
        "axon port",
        OK,
        f"{bind}:{port} is free and bindable (open it in the firewall for validators)",
    )


# --------------------------------------------------------------------------- LLM


def check_chat_endpoint(base_url: str, model: str, key: Secret, deadline_s: float) -> str | None:
    """None when ``base_url`` answers a one-token chat within ``deadline_s``; else why not."""
    import openai

    async def ask() -> None:
        client = openai.AsyncOpenAI(
            base_url=base_url, api_key=key.reveal(), max_retries=0, timeout=deadline_s
        )
        try:
            await asyncio.wait_for(
                client.chat.completions.create(
                    model=model,
                    messages=[{"role": "user", "content": "Say OK."}],
                    max_tokens=1,
                    temperature=0.0,
                ),
                deadline_s,
            )
        finally:
            await client.close()

    try:
        asyncio.run(ask())
    except asyncio.TimeoutError:
        return f"no reply within {deadline_s:g} s"
    except openai.APIStatusError as exc:
        return redact(f"HTTP {exc.status_code}: {_short(exc)}", key)
    except openai.APITimeoutError:
        return f"no reply within {deadline_s:g} s"
    except openai.APIConnectionError as exc:
        return redact(f"connection failed: {_short(exc.__cause__ or exc)}", key)
    except (openai.OpenAIError, ValueError, TypeError) as exc:
        return redact(f"unreadable reply: {_short(exc)}", key)
    return None


def check_llm(
    base_urls: tuple[str, ...],
    model: str,
    key: Secret,
    required: bool,
    deadline_s: float = 10.0,
    why: str = "",
) -> list[Check]:
    """One row per endpoint; a dead endpoint fails only when the role needs it."""
    rows = []
    for url in base_urls:
        started = time.monotonic()
        problem = check_chat_endpoint(url, model, key, deadline_s)
        if problem is None:
            rows.append(
                Check(
                    "LLM endpoint",
                    OK,
                    f"{url} answered a one-token chat with model "
                    f"{model} in {time.monotonic() - started:.1f} s (key from "
                    f"{key.source})",
                )
            )
        else:
            rows.append(
                Check(
                    "LLM endpoint",
                    FAIL if required else WARN,
                    f"{url} (model {model}): {problem}" + (f"; {why}" if why else ""),
                    "start the server (vLLM: `vllm serve MODEL --port 8000`), check "
                    "the URL ends in /v1, the model name, and the key in .env",
                )
            )
    return rows


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- sandbox


def check_sandbox(required: bool, allow_unisolated: bool) -> Check:
    try:
        from logicnet.miner.sandbox import detect_layers

        layers = detect_layers()
    except (LogicNetError, ImportError, OSError) as exc:
        return Check(
            "sandbox",
            FAIL if required else WARN,
            f"unavailable: {exc}",
            "apt install bubblewrap; on Docker hosts allow user namespaces",
        )
    described = layers.describe()
    isolated = bool(getattr(layers, "bubblewrap", False))
    if isolated:
        return Check("sandbox", OK, described)
    status = FAIL if required and not allow_unisolated else WARN
    return Check(
        "sandbox",
        status,
        f"{described} (no filesystem isolation)",
        "apt install bubblewrap (or --miner.sandbox.allow_unisolated, at your risk)",
    )


# --------------------------------------------------------------------------- similarity


def check_similarity() -> Check:
    started = time.monotonic()
    try:
        from logicnet.validator.similarity import load_similarity

        model = load_similarity()
    except (ImportError, OSError, ValueError, RuntimeError) as exc:
        return Check(
            "similarity model", FAIL, f"cannot load: {_short(exc)}", "bash install.sh --validator"
        )
    if model is None:
        return Check(
            "similarity model",
            FAIL,
            "all-MiniLM-L6-v2 is not installed: every miner would get similarity 0",
            "bash install.sh --validator",
        )
    try:
        score = model.score("x = 2 because 2x = 4", "2x = 4 so x = 2")
    except (ValueError, RuntimeError, OSError) as exc:
        return Check(
            "similarity model",
            FAIL,
            f"loaded but failed: {_short(exc)}",
            "bash install.sh --validator",
        )
    return Check(
        "similarity model",
        OK,
        f"all-MiniLM-L6-v2 loaded and scored a pair "
        f"({score:.2f}) in {time.monotonic() - started:.1f} s",
    )


# --------------------------------------------------------------------------- clock


def check_clock(now: float | None = None) -> Check:
    """The year is plausible and, where systemd says, the clock is NTP-synchronised.

    Signatures carry a nonce checked against the receiver's clock: a clock minutes off
    gets every request refused.
    """
    stamp = time.time() if now is None else now
    when = _dt.datetime.fromtimestamp(stamp, tz=_dt.timezone.utc)
    fix = "enable NTP: `timedatectl set-ntp true` (or chrony/ntpd)"
    if not 2024 <= when.year <= 2100:
        return Check("clock", FAIL, f"the clock says {when:%Y-%m-%d %H:%M} UTC", fix)
    synced = _ntp_synchronised()
    detail = f"{when:%Y-%m-%d %H:%M:%S} UTC"
    if synced is False:
        return Check("clock", WARN, f"{detail}; NTP is not synchronised", fix)
    return Check("clock", OK, detail + ("; NTP synchronised" if synced else ""))


def _ntp_synchronised() -> bool | None:
    """None when this machine cannot say (no systemd)."""
    tool = shutil.which("timedatectl")
    if tool is None:
        return None
    try:
        out = subprocess.run(
            [tool, "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=3,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = out.stdout.strip()
    return {"yes": True, "no": False}.get(value)
