"""Tutoring's outbound adapters: the AI providers (local, Gemini, AI-Core) and persistence."""
