"""Attachments by reference: a message stores ("notulen", 7), and the file is read when the message is sent, by a
reader the owning app registers from its AppConfig.ready() — so kkg imports no app, and a PDF still being
rendered when the action wrote the message is attached once it exists."""

from collections.abc import Callable, Iterable

Pembaca = Callable[[int], tuple[str, bytes, str]]  # id → (file name, content, MIME type)

_pembaca: dict[str, Pembaca] = {}


class LampiranHilang(LookupError):
    """The referenced object is gone (or can no longer be attached): the message cannot be sent as written."""


def daftarkan_lampiran(jenis: str, fungsi: Pembaca) -> None:
    """`fungsi(id)` returns the attachment of kind `jenis`, rendering it if needed; raises LampiranHilang when
    the object is gone. Idempotent (ready() may run twice)."""
    _pembaca[jenis] = fungsi


def referensi(lampiran: Iterable[tuple[str, int]]) -> list[dict]:
    """[("notulen", 7)] → [{"jenis": "notulen", "id": 7}], the form stored on the row; an unknown kind is a bug."""
    hasil = []
    for jenis, pk in lampiran:
        if jenis not in _pembaca:
            raise ValueError(f"no attachment reader registered for {jenis!r}")
        hasil.append({"jenis": jenis, "id": pk})
    return hasil


def baca(ref: dict) -> tuple[str, bytes, str]:
    fungsi = _pembaca.get(ref.get("jenis"))
    if fungsi is None:
        raise LampiranHilang(f"no attachment reader registered for {ref.get('jenis')!r}")
    return fungsi(ref["id"])
