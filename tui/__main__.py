"""`python -m tui` is `scribe`."""

import sys

from tui.cli.entry import main

if __name__ == "__main__":
    sys.exit(main())
