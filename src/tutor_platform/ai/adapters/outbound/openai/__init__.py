"""OpenAI-compatible chat completions and embeddings through the official ``openai`` SDK."""
