"""CRC Reporter's benchmark suite: ``python -m benchmarks`` (see ``--help`` and the README, "Performance").

Every measure is compared with a baseline measured in the same run (a bare
PySide6 window, a bare python-docx script, a bare query…) and with the target
of issue 10 / docs QUALITY.md. Measures live in :mod:`benchmarks.measures`,
one small module each. This package file imports nothing heavy on purpose:
the GUI probe runs as ``python -m benchmarks.gui_probe`` and is timed from
the moment its process starts.
"""

import os as _os
import sys as _sys

# ``--app-path DIR`` measures the crc_reporter package in DIR: it must come before the current folder
# (which holds this checkout's package) in this process and in every process the run starts.
_APP_PATH = _os.environ.get("CRC_BENCH_APP_PATH")
if _APP_PATH and _sys.path[:1] != [_APP_PATH]:
    _sys.path.insert(0, _APP_PATH)
