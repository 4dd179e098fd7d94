import sys

from logicnet.cli import main

sys.exit(main())
