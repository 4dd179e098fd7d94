"""One module per ``logicnet`` sub-command: ``add_arguments(parser)`` and ``run(args)``."""
