"""The athlete store: SQLModel tables (models), engine and sessions (db), keyword-only
data access (repository) and Alembic migrations."""
