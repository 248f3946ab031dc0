"""The one way to enqueue a Celery task from an action: after the action's transaction commits, never failing
the action.

A broker that is down (Redis restarting, a network blip) must not turn a committed action into an error page,
nor lose the work: every task the app enqueues this way has its truth in a database row (a document "diproses",
an outbox row "menunggu"), and a celery beat sweep enqueues again the rows left waiting. So a failed enqueue is
logged and the request goes on. (The callbacks catch it themselves rather than rely on on_commit(robust=True),
whose error logging reads `__qualname__`, which a functools.partial lacks: the AttributeError would escape.)

Without a broker (the embedded default, CELERY_TASK_ALWAYS_EAGER) the task runs inline right after the commit;
its failure is logged likewise.
"""

import functools
import logging
from collections.abc import Callable, Iterable

from django.db import transaction

log = logging.getLogger(__name__)


def antre(task, *args) -> None:
    """`task.delay(*args)` once the current transaction commits (at once outside a transaction)."""
    antre_semua(task, [args])


def antre_semua(task, daftar_args: Iterable[tuple], *, bila_gagal: Callable[[list[tuple]], None] | None = None):
    """`antre` for many messages of one task (one e-mail per recipient), in one after-commit callback that
    publishes them in order and stops at the first refusal: a broker that is down costs one failed publish (Celery
    retries it for about a second), not one per message. `bila_gagal(sisa)` then gets the arguments left
    unpublished, so that their rows can say they wait for the sweep."""
    daftar_args = [tuple(a) for a in daftar_args]
    if daftar_args:
        transaction.on_commit(functools.partial(_terbitkan, task, daftar_args, bila_gagal))


def _terbitkan(task, daftar_args: list[tuple], bila_gagal) -> None:
    for i, args in enumerate(daftar_args):
        try:
            task.delay(*args)
        except Exception:
            if task.app.conf.task_always_eager:
                # Inline, nothing was published: this is the task's own failure; the other messages still run.
                log.exception("task %s%r failed", task.name, args)
                continue
            sisa, n = daftar_args[i:], len(daftar_args)
            log.warning("could not enqueue %s: %d of %d left for the sweep", task.name, len(sisa), n, exc_info=True)
            if bila_gagal is not None:
                try:
                    bila_gagal(sisa)
                except Exception:  # the rows then wait for the sweep's staleness threshold instead
                    log.exception("could not mark %d rows as not enqueued", len(sisa))
            return
