"""``python -m crmlib``: the command line (see ``crmlib.cli``)."""

import sys

from .cli import main

sys.exit(main())
