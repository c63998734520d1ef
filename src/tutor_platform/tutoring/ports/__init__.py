"""The interfaces tutoring's use cases need (AI tutor models, repositories, course context)."""
