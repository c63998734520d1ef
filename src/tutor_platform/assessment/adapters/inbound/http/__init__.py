"""Assessment's HTTP API: quizzes, attempts, free-text assessment and the hybrid features."""
