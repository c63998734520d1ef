"""SQLAlchemy plumbing shared by every context's adapters (never imported by domain code)."""
