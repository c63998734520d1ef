"""Access tokens as signed JWTs (PyJWT)."""
