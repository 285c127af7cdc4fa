"""`python -m tui` is `scribe`."""

import sys

from tui.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())
