"""Job use cases: record a job, run one attempt, read a job, enqueue periodic tasks."""
