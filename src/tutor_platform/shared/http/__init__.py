"""The HTTP shell shared by every context: error body, request context, auth helpers."""
