"""Identity's tables and repositories on SQLAlchemy (SQLite and PostgreSQL)."""
