"""CRC Reporter: track the UN Committee on the Rights of the Child's concluding
observations, the actions that answer them, and write the reports."""

__version__ = "0.1.0"
APP_NAME = "CRC Reporter"
