"""``python -m newslint``: the command line."""

import sys

from newslint.app.cli import main

sys.exit(main())
