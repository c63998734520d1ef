"""Content type detection with puremagic."""
