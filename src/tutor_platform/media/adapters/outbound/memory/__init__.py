"""In-memory adapters for tests and throwaway runs."""
