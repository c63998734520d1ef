"""Assessment's domain: quizzes, answers, grading, attempts, learning paths and premium usage."""
