"""The identity context: users, credentials, sessions, roles and subscriptions."""
