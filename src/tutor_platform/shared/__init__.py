"""The small kernel every context may use: ids, clock, errors, pagination, HTTP shell."""
