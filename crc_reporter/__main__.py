"""Composition root: ``python -m crc_reporter`` behaves like ``crc-reporter``."""

import sys

from crc_reporter.cli import main

if __name__ == "__main__":
    sys.exit(main())
