"""History across runs: was this seen before, at what rate, and which past incident does it look like.

    store.py     the database (SQLAlchemy Core + Alembic migrations; SQLite file or PostgreSQL URL)
    baseline.py  history as a baseline: clusters seen at the same rate in healthy past windows are noise
    annotate.py  the report's `clusters[].history` and `similar_incidents`
    hook.py      what the pipeline and the commands call (a broken store is a warning, not a failure)
    cli.py       `rca history list | show | search | link | prune`

Nothing is imported here: SQLAlchemy loads only when a command uses the store, so `rca --help`
stays instant.
"""
