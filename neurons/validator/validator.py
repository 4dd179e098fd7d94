"""Entry script in the network's layout:

    pm2 start python --name sn35-validator -- neurons/validator/validator.py --netuid 35 ...

It is exactly ``logicnet validator ...``.
"""

import sys
from pathlib import Path

# Runs from a checkout even when the package was not installed in this interpreter.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from logicnet.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["validator", *sys.argv[1:]]))
