"""The base of every error a person can act on: its message is shown as one line, as is.

It lives in the domain so that every layer that raises one (the services, the
checks on untrusted files) can, without depending on each other.
"""


class ServiceError(Exception):
    """A request that cannot be done (bad value, missing record, conflict, a file that cannot be read)."""
