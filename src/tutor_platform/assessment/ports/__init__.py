"""The ports assessment needs: its storage, quota counters, courses and progress, the AI."""
