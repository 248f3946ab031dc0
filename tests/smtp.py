"""A real SMTP server on loopback for tests (aiosmtpd): what the app's SMTP backend sends arrives here.

`smtp_sink` (fixture, tests/conftest.py) starts one per test. Point a process at it with
EMAIL_URL=smtp://127.0.0.1:<port>; `menolak(n)` makes the next n messages fail with a temporary error
(451), as a flaky mail server would.
"""

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def _port_bebas() -> int:
    """A free loopback port (aiosmtpd checks its server by connecting to the port it was given)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Penangan:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        with self.sink.kunci:
            if self.sink.sisa_tolak > 0:
                self.sink.sisa_tolak -= 1
                self.sink.ditolak += 1
                return "451 4.3.0 Coba lagi nanti (uji)"
            pesan = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            self.sink.pesan.append(pesan)
        return "250 OK"


class SmtpSink:
    def __init__(self):
        self.kunci = threading.Lock()
        self.pesan: list[EmailMessage] = []
        self.sisa_tolak = 0
        self.ditolak = 0
        self.controller = Controller(_Penangan(self), hostname="127.0.0.1", port=_port_bebas())

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return self.controller.port

    @property
    def email_url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def menolak(self, n: int) -> None:
        with self.kunci:
            self.sisa_tolak = n

    def diterima(self) -> list[EmailMessage]:
        with self.kunci:
            return list(self.pesan)

    def tunggu(self, jumlah: int, timeout: float = 30.0) -> list[EmailMessage]:
        """At least `jumlah` accepted messages, polling until `timeout` seconds have passed."""
        batas = time.monotonic() + timeout
        while len(hasil := self.diterima()) < jumlah:
            if time.monotonic() > batas:
                raise AssertionError(f"{len(hasil)} of {jumlah} e-mails arrived within {timeout:.0f} s")
            time.sleep(0.1)
        return hasil
