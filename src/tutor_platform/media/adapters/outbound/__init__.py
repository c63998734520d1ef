"""Outbound adapters: database, storage, content inspection."""
