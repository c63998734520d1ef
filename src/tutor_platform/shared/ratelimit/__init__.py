"""Rate limiting: one fixed-window mechanism for every route group, in memory or on Redis."""
