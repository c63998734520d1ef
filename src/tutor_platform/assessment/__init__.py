"""Assessment: quizzes, attempts and their grading, and the premium AI features (free-text
assessment, adaptive learning paths, synthesis, mentor sessions) with their daily quotas and
usage costs (SPEC sections 4 and 7)."""
