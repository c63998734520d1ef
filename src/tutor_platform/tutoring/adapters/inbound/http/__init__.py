"""Tutoring's HTTP API: tutors, sessions, messages (JSON and Server-Sent Events), feedback."""
