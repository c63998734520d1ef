"""The quota counter on Redis, shared by every API process."""
