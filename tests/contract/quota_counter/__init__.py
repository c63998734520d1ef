"""Contract of the daily quota counters: memory, the database, Redis."""
