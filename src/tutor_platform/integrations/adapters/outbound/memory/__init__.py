"""In-memory adapters: fakes for tests that pass the same contract suites as the real ones."""
