"""The one way to enqueue a Celery task from an action: after the action's transaction commits, never failing
the action.

A broker that is down (Redis restarting, a network blip) must not turn a committed action into an error page,
nor lose the work: every task the app enqueues this way has its truth in a database row (a document "diproses",
an outbox row "menunggu"), and a celery beat sweep enqueues again the rows left waiting. So the enqueue is
`robust`: its failure is logged and the request goes on.

Without a broker (the embedded default, CELERY_TASK_ALWAYS_EAGER) the task runs inline right after the commit.
"""

import functools

from django.db import transaction


def antre(task, *args, **kwargs) -> None:
    """`task.delay(*args, **kwargs)` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(functools.partial(task.delay, *args, **kwargs), robust=True)
