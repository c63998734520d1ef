"""Contract of assessment's repositories (quizzes, attempts, usage) on every backend."""
