"""Media: files (upload, storage, download) owned by users, and files made by jobs."""
