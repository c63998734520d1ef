"""The offline tutor model: answers and grades from the course material, deterministically."""
