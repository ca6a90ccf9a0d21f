"""The store: SQLAlchemy models, engine and sessions, migrations, full-text search."""
