"""Ways into the identity context."""
