"""Shared test infrastructure: real services (a celery worker on Redis, headless Chromium) and markers.

App fixtures live in tests/dunia.py (the shared world of roles, loaded below), tests/<app>/conftest.py and
tests/factories.py; this file only knows about services.

A test that needs a service which is not there is SKIPPED on a developer's machine, but FAILS under CI
(CI=true), so a CI run can never go green by skipping. `scripts/test.sh` (`make test`) installs and starts
everything: PostgreSQL, Redis (CELERY_BROKER_URL) and /usr/bin/chromium. The Playwright fixtures (`browser`,
`phone_page`) are in tests/browser/conftest.py.

Tests under tests/browser/ are marked `browser`, under tests/integration/ `integration`; a quick local run
leaves them out with `pytest -m "not browser and not integration"`.
"""

import contextlib
import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

pytest_plugins = ["tests.dunia"]

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

# Django's file e-mail backend ends every message with this line (django/core/mail/backends/filebased.py).
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(condition: bool, reason: str) -> None:
    """Skips the test when `condition` is false, or fails it under CI."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing service fails the test instead of skipping it)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection looks at the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    markers = {"browser": pytest.mark.browser, "integration": pytest.mark.integration}
    for item in items:
        try:
            parts = Path(item.path).resolve().relative_to(TESTS).parts
        except ValueError:
            continue
        if parts and parts[0] in markers:
            item.add_marker(markers[parts[0]])


# --- E-mail written by Django's file backend ----------------------------------------------------------------


class Mailbox:
    """The directory a process's file e-mail backend writes to (EMAIL_URL=filemail:////abs/dir)."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)

    def clear(self) -> None:
        for f in self.path.iterdir():
            f.unlink()

    def messages(self) -> list[EmailMessage]:
        """Every complete message, oldest file first (a message still being written is left out)."""
        hasil = []
        for f in sorted(self.path.iterdir(), key=lambda p: (p.stat().st_mtime, p.name)):
            # The part after the last separator is empty, or a message whose writing has not finished.
            for raw in f.read_bytes().split(MAIL_SEPARATOR)[:-1]:
                hasil.append(email.message_from_bytes(raw.lstrip(b"\n"), policy=email.policy.default))
        return hasil

    def wait_for(
        self, to: str | None = None, match: Callable[[EmailMessage], bool] | None = None, timeout: float = 20.0
    ) -> EmailMessage:
        """The first message to `to` (and accepted by `match`), polling until `timeout` seconds have passed."""
        deadline = time.monotonic() + timeout
        while True:
            for pesan in self.messages():
                if to is not None and to not in {a.addr_spec for h in pesan.get_all("To", []) for a in h.addresses}:
                    continue
                if match is None or match(pesan):
                    return pesan
            if time.monotonic() > deadline:
                seen = [(str(m["To"]), str(m["Subject"])) for m in self.messages()]
                raise AssertionError(f"no e-mail to {to!r} within {timeout:.0f} s in {self.path}; seen: {seen}")
            time.sleep(0.2)


def plain_body(pesan: EmailMessage) -> str:
    """The text/plain part of a message, decoded."""
    return pesan.get_body(preferencelist=("plain",)).get_content()


# --- A real celery worker -------------------------------------------------------------------------------------


class CeleryWorker:
    """A `celery -A kkg worker` subprocess of this venv; stdout and stderr go to `log_path`."""

    def __init__(self, env: dict[str, str], workdir: Path, mailbox: Mailbox | None):
        self.env = env
        self.mailbox = mailbox
        self.hostname = f"kkg-test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        self.log_path = workdir / f"{self.hostname.split('@')[0]}.log"
        self._log_offset = 0
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> None:
        celery = Path(sys.executable).parent / "celery"
        args = "-A kkg worker --loglevel=INFO --concurrency=1 --pool=prefork -Q celery,surel,dokumen"
        args += " --without-gossip --without-mingle"
        cmd = [str(celery), *args.split(), "--hostname", self.hostname]
        with open(self.log_path, "wb") as log:
            # Its own session, so that stop() reaches the prefork children too.
            self.proc = subprocess.Popen(
                cmd,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not re.search(r"\bready\.", self.full_log()):
            if self.proc.poll() is not None:
                raise RuntimeError(f"celery worker exited with {self.proc.returncode}:\n{self.full_log()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"celery worker not ready after {timeout:.0f} s:\n{self.full_log()}")
            time.sleep(0.2)
        if not self.ping():
            self.stop()
            raise RuntimeError(f"celery worker does not answer ping:\n{self.full_log()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ping(self, timeout: float = 5.0) -> bool:
        from kkg.celery import app

        replies = app.control.ping(destination=[self.hostname], timeout=timeout)
        return any(self.hostname in reply for reply in replies)

    def stop(self, timeout: float = 15.0) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL for the whole process group if it does not end in time."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        except ProcessLookupError:
            pass

    def full_log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def mark(self) -> None:
        """Starts a new test's view of the log: log() shows only what follows."""
        self._log_offset = len(self.full_log())

    def log(self) -> str:
        """What the worker logged since the current test started."""
        return self.full_log()[self._log_offset :]

    def wait_for_log(self, pattern: str, timeout: float = 20.0) -> re.Match:
        """The first match of the regular expression `pattern` in log(), polling until `timeout`."""
        deadline = time.monotonic() + timeout
        while not (found := re.search(pattern, self.log())):
            if not self.alive():
                raise AssertionError(f"celery worker died:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not in the worker's log after {timeout:.0f} s:\n{self.log()}")
            time.sleep(0.2)
        return found


def _mail_dir(env: dict[str, str]) -> Path | None:
    """Where the worker's file e-mail backend writes, read from EMAIL_URL as kkg/settings.py does."""
    import environ

    url = env.get("EMAIL_URL", "")
    if not url.startswith("filemail:"):
        return None
    path = Path(environ.Env.email_url_config(url)["EMAIL_FILE_PATH"])
    return path if path.is_absolute() else ROOT / path


class WorkerPool:
    """Keeps one worker for the session and restarts it only when a test asks for a different environment."""

    def __init__(self, base_env: dict[str, str], workdir: Path):
        self.base_env = base_env
        self.workdir = workdir
        self.worker: CeleryWorker | None = None

    def get(self, overrides: dict[str, str]) -> CeleryWorker:
        env = {**self.base_env, **overrides}
        if "EMAIL_FILE_PATH" in overrides:  # settings read only EMAIL_URL; four slashes make the path absolute
            env["EMAIL_URL"] = "filemail:///" + str(Path(overrides["EMAIL_FILE_PATH"]).resolve())
        if self.worker is None or self.worker.env != env or not self.worker.alive():
            self.stop()
            mail_dir = _mail_dir(env)
            worker = CeleryWorker(env, self.workdir, Mailbox(mail_dir) if mail_dir else None)
            worker.start()
            self.worker = worker
        return self.worker

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


@pytest.fixture(scope="session")
def celery_broker_url() -> str:
    url = os.environ.get("CELERY_BROKER_URL", "")
    require(bool(url), "CELERY_BROKER_URL is not set: a celery worker needs Redis (scripts/test.sh starts one)")
    return url


@pytest.fixture(scope="session")
def _celery_workers(django_db_setup, celery_broker_url, tmp_path_factory) -> Iterator[WorkerPool]:
    """The session's worker pool, on pytest-django's test database; stopped before that database is dropped."""
    from django.db import connection

    database_url = os.environ.get("DATABASE_URL", "")
    require(
        connection.vendor == "postgresql" and bool(database_url),
        "a celery worker shares the test database: set DATABASE_URL to PostgreSQL (scripts/test.sh does)",
    )
    test_db = connection.settings_dict["NAME"]
    workdir = tmp_path_factory.mktemp("celery")
    base_env = {
        **os.environ,
        "DATABASE_URL": urlsplit(database_url)._replace(path="/" + quote(test_db)).geturl(),
        "CELERY_BROKER_URL": celery_broker_url,
        "EMAIL_URL": "filemail:///" + str(workdir / "mail"),
        # Web and worker share the file store, as in production: a PDF stored by one is read by the other.
        "BERKAS_PRIVAT_ROOT": str(workdir / "berkas"),
        "PYTHONUNBUFFERED": "1",
    }
    base_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # only the Playwright tests' own process needs it
    pool = WorkerPool(base_env, workdir)
    yield pool
    pool.stop()


@pytest.fixture
def celery_worker_env() -> dict[str, str]:
    """Extra environment for the worker. Override it in a test module, e.g. to point EMAIL_URL elsewhere
    ({"EMAIL_FILE_PATH": "/abs/dir"} is a shorthand); a changed environment restarts the worker."""
    return {}


@pytest.fixture
def celery_worker_proc(_celery_workers: WorkerPool, transactional_db, celery_worker_env) -> CeleryWorker:
    """A real celery worker consuming the `celery` queue on Redis, reading the test database.

    Needs committed data, hence transactional_db. Between tests the worker is kept (started once per
    session), its mailbox is emptied, the queue is purged, and log() starts afresh.
    """
    from kkg.celery import app

    worker = _celery_workers.get(celery_worker_env)
    app.control.purge()
    if worker.mailbox is not None:
        worker.mailbox.clear()
    worker.mark()
    return worker


@pytest.fixture(autouse=True)
def _tugas_langsung(request: pytest.FixtureRequest) -> Iterator[None]:
    """Outside tests/integration, tasks run inline as in the embedded default (so mail.outbox sees them) even
    though `make test` sets a broker; integration tests send them to the real worker instead."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from kkg.celery import app

    semula = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = semula


@pytest.fixture(autouse=True)
def _berkas_privat_sementara(request: pytest.FixtureRequest, settings, tmp_path):
    """Uploads of each test go to its own temporary directory, never to var/berkas; an integration test shares
    the directory of its celery worker (web and worker share one file store)."""
    if request.node.get_closest_marker("integration"):
        settings.BERKAS_PRIVAT_ROOT = Path(request.getfixturevalue("_celery_workers").base_env["BERKAS_PRIVAT_ROOT"])
    else:
        settings.BERKAS_PRIVAT_ROOT = tmp_path / "berkas"


@pytest.fixture
def smtp_sink():
    """A real SMTP server on a free loopback port (tests/smtp.py), stopped after the test."""
    from tests.smtp import SmtpSink

    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_nyata(settings, smtp_sink):
    """Django's SMTP backend pointed at `smtp_sink`: what the app sends arrives there. Returns the sink."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return smtp_sink


BROKER_MATI = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every publish fails like a Redis that is down


@pytest.fixture
def broker_mati():
    """A context manager: inside it tasks are published (not run inline) to a broker that does not answer; on
    leaving, the broker is "back" and tasks run inline again. Wrap the action and its on_commit callbacks:
    `with broker_mati(), django_capture_on_commit_callbacks(execute=True): ...`."""
    return _broker_mati


@contextlib.contextmanager
def _broker_mati() -> Iterator[None]:
    from kkg.celery import app

    semula = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "task_publish_retry")}

    def pool_baru():  # the producer pool is cached per app: drop it so the next publish connects afresh
        app._pool = None
        app.amqp._producer_pool = None

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CELERY_BROKER_URL", BROKER_MATI)  # Celery reads the variable first
        app.conf.update(broker_url=BROKER_MATI, task_always_eager=False, task_publish_retry=False)
        pool_baru()
        try:
            yield
        finally:
            app.conf.update(semula)
            pool_baru()
