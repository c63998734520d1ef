"""HTTP tests of the assessment context: quizzes, attempts, premium features, usage."""
