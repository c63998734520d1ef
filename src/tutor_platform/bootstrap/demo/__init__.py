"""Demo data (accounts, courses, a tutor, quizzes, a project) shipped with the package."""
