"""Tutoring's entities and rules: tutors, sessions, messages, feedback (plain Python)."""
