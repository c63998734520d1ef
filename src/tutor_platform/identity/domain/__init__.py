"""Identity's domain: users, subscriptions, refresh tokens and the rules about them."""
