"""Fake external providers speaking their real wire formats, served on localhost for tests."""
