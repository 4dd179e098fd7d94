"""LogicNet (Bittensor subnet 35): miner, solvers and tools.

Importing this package does nothing but define the version; every heavy
resource is built inside ``main()`` of the command that needs it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
