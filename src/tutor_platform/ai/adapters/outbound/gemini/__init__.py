"""Google Gemini through the google-genai SDK (async client)."""
