"""In-memory repositories of tutoring, for unit tests (they pass the same contract suite)."""
