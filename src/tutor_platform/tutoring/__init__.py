"""The tutoring context: AI tutors, conversations with them, and the AI providers behind them."""
