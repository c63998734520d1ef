"""Composition root: settings, the container, the app, the worker and the command line."""
