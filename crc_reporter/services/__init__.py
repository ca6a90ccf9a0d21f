"""Use cases over a store session. The GUI, CLI, importers and reports all call these.

Services take a SQLAlchemy ``Session`` and return domain records
(:mod:`crc_reporter.domain.records`); they never import Qt.
"""
