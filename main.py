"""STRIVE Desktop: ``python main.py`` starts the window; ``python main.py --help`` lists commands."""

import sys

from strive_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
