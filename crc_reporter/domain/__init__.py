"""Domain: plain dataclasses, enums and rules. No Qt, no SQLAlchemy."""
