"""Admin API, feedback, session erasure and app-data migrations against a real server on 127.0.0.1."""
