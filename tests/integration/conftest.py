"""Fixtures of the integration tests."""

from tests.support.shared_server import shared  # noqa: F401 - the shared PostgreSQL store, one per run
