"""Running migrations for real in a test: back to an old state to write rows as they were, then forward."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrasi_ke(target=None):
    """Migrates the test database to `target` (a list of (app, migration)), or to the newest state of every app
    when None (so the rest of the test, and the tests after it, find the current schema), and returns the app
    registry of that state."""
    executor = MigrationExecutor(connection)
    target = target or executor.loader.graph.leaf_nodes()
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps
