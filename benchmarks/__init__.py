"""CRC Reporter's benchmark suite: ``python -m benchmarks`` (see ``--help`` and the README, "Performance").

Every measure is compared with a baseline measured in the same run (a bare
PySide6 window, a bare python-docx script, a bare query…) and with the target
of issue 10 / docs QUALITY.md. Measures live in :mod:`benchmarks.measures`,
one small module each. This package file stays empty on purpose: the GUI
probe runs as ``python -m benchmarks.gui_probe`` and must not import anything
heavy before it starts timing.
"""
