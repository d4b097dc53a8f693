"""Alembic migrations of the app data (env.py, versions/)."""
