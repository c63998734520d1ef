"""Job adapters: the jobs table, the in-process queue, SAQ on Redis and the HTTP controller."""
