"""Background jobs: the JobQueue port, job records and their adapters."""
