"""Helpers of integrations's use cases (not use cases themselves)."""
