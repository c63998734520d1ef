"""In-memory storage and quota counter of assessment, for unit tests (same contract suites)."""
