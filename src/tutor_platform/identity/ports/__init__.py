"""The interfaces identity's use cases need: repositories, hashing, tokens."""
