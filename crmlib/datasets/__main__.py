"""``python -m crmlib.datasets``: regenerate the committed default shop in ``datasets/store``."""

from .store import main

main()
