"""App data: conversation-turn metadata, feedback and hand-offs in SQLite (default) or PostgreSQL, through
SQLAlchemy Core, with Alembic migrations under migrations/."""
