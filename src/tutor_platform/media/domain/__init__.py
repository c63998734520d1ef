"""Files, their content types and who may see them: plain Python only."""
