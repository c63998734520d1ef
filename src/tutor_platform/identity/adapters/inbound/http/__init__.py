"""Identity's HTTP API: /auth and /users."""
