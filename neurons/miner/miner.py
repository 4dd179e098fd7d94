"""Entry script kept for the seed guide's commands:

    pm2 start python --name sn35-miner -- neurons/miner/miner.py --netuid 35 ...

It is exactly ``logicnet miner ...``.
"""

import sys
from pathlib import Path

# Runs from a checkout even when the package was not installed in this interpreter.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from logicnet.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["miner", *sys.argv[1:]]))
