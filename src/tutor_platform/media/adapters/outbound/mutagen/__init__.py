"""Audio and video durations with mutagen."""
