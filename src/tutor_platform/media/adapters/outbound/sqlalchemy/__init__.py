"""Files and upload reservations on SQLAlchemy (SQLite and PostgreSQL)."""
