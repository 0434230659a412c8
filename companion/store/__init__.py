"""The store: the one place that knows SQLite.

- `sqlite.py`: connections (WAL, synchronous=FULL, one per server thread), migrations at start-up, and the
  write transaction `immediate` (BEGIN IMMEDIATE: all of a capture or nothing);
- `clock.py`: the one clock (`clock.utcnow()`, `iso`), read through the module so tests pin it in one place;
- `cases.py`, `assessments.py`, `search.py`: every SQL read and write the services need, as functions
  taking the store handle `db` first.

The interface is those modules' functions: a PostgreSQL store for a team would be a second package
with the same functions (and `immediate` as its transaction), chosen where `api/db.py` opens the handle;
the services above would not change. Migrations (companion/migrations.py) and content-addressed evidence
files (companion/evidence.py) belong to this layer too.
"""
