"""Assessment's tables and repositories on SQLAlchemy, and the database quota counter."""
