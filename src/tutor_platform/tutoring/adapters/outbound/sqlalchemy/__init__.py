"""Tutoring's tables and repositories on SQLAlchemy (SQLite and PostgreSQL)."""
