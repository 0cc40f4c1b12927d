"""Lets ``python -m archgen`` behave like the ``archgen`` command."""

import sys

from archgen.cli import main

sys.exit(main())
