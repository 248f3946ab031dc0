"""The one document pipeline: archival PDF/A with metadata, the surat undangan's QR code, a status that tells the
truth (superseded, cancelled), and the render task that fills a row created "diproses" (real WeasyPrint)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kegiatan.models import Notulen, Pertemuan
from kegiatan.services import notulen as layanan_notulen
from kegiatan.services import pertemuan as layanan_pertemuan
from laporan import pdf
from laporan.models import Dokumen
from laporan.services import dokumen as services
from laporan.services import surat as layanan_surat
from laporan.tasks import render_dokumen
from tests.factories_kegiatan import PertemuanFactory

Status = Dokumen.Status
NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def _reader(dokumen) -> PdfReader:
    with dokumen.berkas.open("rb") as f:
        return PdfReader(io.BytesIO(f.read()))


def _verifikasi(client, dokumen) -> str:
    r = client.get(reverse("laporan:verifikasi", args=[dokumen.kode]))
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def direncanakan(dunia):
    return PertemuanFactory(kelompok=dunia.kelompok_a, topik="Menyusun modul ajar")


# --- PDF/A -----------------------------------------------------------------------------------------------------


def test_pdf_notulen_adalah_pdfa_dengan_judul_penulis_subjek_dan_bahasa(disetujui):
    reader = _reader(services.siapkan_pdf_notulen(disetujui))

    assert reader.metadata.title == "Notulen – Analisis CP Fase A (versi 1)"
    assert reader.metadata.author == "KKG Kelas 2 Gugus Cut Nyak Dien"
    assert reader.metadata.subject == "Notulen pertemuan KKG Kelas 2 Gugus Cut Nyak Dien pada 17 Februari 2025"
    katalog = reader.trailer["/Root"]
    assert katalog["/Lang"] == "id"
    assert katalog["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"  # the sRGB output intent
    xmp = reader.xmp_metadata
    pdfaid = [d for d in xmp.rdf_root.getElementsByTagNameNS(xmp.rdf_root.namespaceURI, "Description")]
    bagian = {d.getAttributeNS(NS_PDFAID, "part") for d in pdfaid} - {""}
    kesesuaian = {d.getAttributeNS(NS_PDFAID, "conformance") for d in pdfaid} - {""}
    assert (bagian, kesesuaian) == ({"3"}, {"B"})
    assert xmp.dc_title == {"x-default": "Notulen – Analisis CP Fase A (versi 1)"}
    assert xmp.dc_creator == ["KKG Kelas 2 Gugus Cut Nyak Dien"]


def test_dokumen_mencatat_jenis_pemilik_judul_dan_status(disetujui, dunia):
    dokumen = services.siapkan_pdf_notulen(disetujui)
    assert (dokumen.jenis, dokumen.kelompok, dokumen.pertemuan, dokumen.notulen) == (
        Dokumen.Jenis.NOTULEN, dunia.kelompok_a, disetujui.pertemuan, disetujui,
    )  # fmt: skip
    assert (dokumen.status, dokumen.progres, dokumen.galat) == (Status.BERLAKU, 100, "")
    assert dokumen.diterbitkan_oleh == disetujui.disetujui_oleh  # the ketua who approved it issued it
    assert dokumen.judul == "Notulen – Analisis CP Fase A (versi 1)"


# --- Surat undangan: a Dokumen with its QR code -----------------------------------------------------------------


def test_surat_undangan_diverifikasi_lewat_kode_qr(client, dunia, kepala, direncanakan, settings):
    settings.ALAMAT_SITUS = "https://kkg.contoh.id"
    surat_a1, _surat_a2 = layanan_surat.siapkan_undangan(direncanakan)
    dokumen = surat_a1.dokumen
    url = f"https://kkg.contoh.id/v/{dokumen.kode}/"

    naskah = layanan_surat.naskah_surat_undangan(surat_a1)
    assert pdf.qr_data_uri(url) in naskah.html and url in naskah.html
    assert (dokumen.jenis, dokumen.status, dokumen.kelompok) == (
        Dokumen.Jenis.SURAT_UNDANGAN, Status.BERLAKU, dunia.kelompok_a,
    )  # fmt: skip
    reader = _reader(dokumen)
    assert reader.metadata.title == f"Surat undangan {surat_a1.nomor}"
    assert "Kepala SD Negeri 1 Lampeuneurut" in reader.metadata.subject
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 1  # still one page, now with its QR code

    isi = _verifikasi(client, dokumen)
    assert f"Surat undangan {surat_a1.nomor}" in isi and "SD Negeri 1 Lampeuneurut" in isi
    assert "asli dan berlaku" in isi and dokumen.sha256 in isi


# --- The truth of the status ------------------------------------------------------------------------------------


def test_pertemuan_dibatalkan_membatalkan_semua_dokumennya(
    client, pengguna, kepala, direncanakan, django_capture_on_commit_callbacks
):
    daftar_hadir = services.siapkan_daftar_hadir(direncanakan)
    surat = layanan_surat.siapkan_undangan(direncanakan)
    lain = services.siapkan_daftar_hadir(PertemuanFactory(kelompok=direncanakan.kelompok))

    with django_capture_on_commit_callbacks(execute=True):
        layanan_pertemuan.batalkan_pertemuan(direncanakan, alasan="Banjir", oleh=pengguna["ketua"])

    semua = [daftar_hadir, *(s.dokumen for s in surat)]
    assert {d.status for d in Dokumen.objects.filter(pk__in=[d.pk for d in semua])} == {Status.DIBATALKAN}
    lain.refresh_from_db()
    assert lain.status == Status.BERLAKU  # another meeting's documents keep theirs
    for dokumen in semua:
        isi = _verifikasi(client, dokumen)
        assert "Dibatalkan" in isi and "pertemuannya dibatalkan" in isi
        assert "berlaku, diterbitkan" not in isi and "Banjir" not in isi  # the reason stays internal


def test_verifikasi_jujur_walau_sinyal_pembatalan_terlewat(client, direncanakan):
    dokumen = services.siapkan_daftar_hadir(direncanakan)
    Pertemuan.objects.filter(pk=direncanakan.pk).update(status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")

    isi = _verifikasi(client, dokumen)
    dokumen.refresh_from_db()
    assert dokumen.status == Status.BERLAKU  # the row missed it …
    assert "pertemuannya dibatalkan" in isi and "asli dan berlaku" not in isi  # … the page does not


def test_pertemuan_batal_tidak_mencetak_daftar_hadir(client, pengguna, direncanakan):
    Pertemuan.objects.filter(pk=direncanakan.pk).update(status=Pertemuan.Status.DIBATALKAN, alasan_batal="Banjir")
    client.force_login(pengguna["sekretaris"])

    r = client.get(reverse("laporan:daftar-hadir-pdf", args=[direncanakan.pk]))

    assert r.status_code == 404 and "daftar hadirnya tidak dicetak" in r.content.decode()
    assert not Dokumen.objects.exists()
    halaman = client.get(reverse("kegiatan:kehadiran", args=[direncanakan.pk])).content.decode()
    assert "Cetak daftar hadir" not in halaman


def test_versi_baru_membuat_dokumen_versi_lama_diganti(
    client, pengguna, disetujui, render_terhitung, django_capture_on_commit_callbacks
):
    lama = services.siapkan_pdf_notulen(disetujui)
    sekretaris, ketua = pengguna["sekretaris"], pengguna["ketua"]
    baru = layanan_notulen.revisi_notulen(disetujui.pertemuan, oleh=sekretaris, alasan="Ralat nama narasumber")
    baru = layanan_notulen.ajukan_notulen(baru, oleh=sekretaris)
    with django_capture_on_commit_callbacks(execute=True):
        layanan_notulen.setujui_notulen(baru, oleh=ketua)

    lama.refresh_from_db()
    assert lama.status == Status.DIGANTI
    assert Dokumen.objects.get(notulen=baru).status == Status.BERLAKU  # rendered by the approval's task
    assert "sudah digantikan oleh versi 2" in _verifikasi(client, lama)


def test_pdf_versi_lama_yang_baru_dirender_langsung_diganti(pengguna, disetujui, render_terhitung):
    """Version 1's PDF asked for only after version 2 was approved: it is born superseded."""
    Notulen.objects.create(
        pertemuan=disetujui.pertemuan, versi=2, status=Notulen.Status.DISETUJUI, pembukaan="Ralat",
        disetujui_oleh=pengguna["ketua"], disetujui_pada=timezone.now(),
    )  # fmt: skip
    assert services.siapkan_pdf_notulen(disetujui).status == Status.DIGANTI


# --- The render task: row first, the task fills it --------------------------------------------------------------


def _minta(notulen, user, django_capture_on_commit_callbacks, jalankan=False):
    with django_capture_on_commit_callbacks(execute=jalankan):
        return services.minta_pdf_notulen(notulen, oleh=user)


def test_tugas_mengisi_baris_diproses_sekali(disetujui, pengguna, render_terhitung, django_capture_on_commit_callbacks):
    dokumen = _minta(disetujui, pengguna["anggota"], django_capture_on_commit_callbacks)
    assert (dokumen.status, dokumen.progres, dokumen.siap) == (Status.DIPROSES, 0, False)
    assert dokumen.diterbitkan_oleh == pengguna["anggota"] and dokumen.judul

    render_dokumen.delay(dokumen.pk)
    render_dokumen.delay(dokumen.pk)  # a redelivered message

    dokumen.refresh_from_db()
    assert (dokumen.status, dokumen.progres, dokumen.siap) == (Status.BERLAKU, 100, True)
    assert render_terhitung.jumlah == 1 and len(dokumen.sha256) == 64


def test_tugas_melaporkan_progres_pada_baris(disetujui, pengguna, monkeypatch, django_capture_on_commit_callbacks):
    dokumen = _minta(disetujui, pengguna["anggota"], django_capture_on_commit_callbacks)
    terlihat = []
    asli = pdf.ke_pdf

    def ke_pdf(naskah, progres=None):
        def catat(persen):
            progres(persen)
            terlihat.append(Dokumen.objects.get(pk=dokumen.pk).progres)  # what the polling page reads

        terlihat.append(Dokumen.objects.get(pk=dokumen.pk).progres)
        return asli(naskah, catat)

    monkeypatch.setattr(pdf, "ke_pdf", ke_pdf)
    render_dokumen.delay(dokumen.pk)
    assert terlihat == [30, 70, 90]
    assert Dokumen.objects.get(pk=dokumen.pk).progres == 100


def test_render_yang_gagal_ditandai_gagal_lalu_dapat_diulang(
    disetujui, pengguna, render_terhitung, monkeypatch, django_capture_on_commit_callbacks
):
    dokumen = _minta(disetujui, pengguna["anggota"], django_capture_on_commit_callbacks)
    asli = pdf.ke_pdf

    def rusak(naskah, *args, **kwargs):
        raise OSError("Pango: font tidak ditemukan")

    monkeypatch.setattr(pdf, "ke_pdf", rusak)
    with pytest.raises(OSError):  # no broker: no retry to wait for, it fails for good at once
        render_dokumen.delay(dokumen.pk)
    dokumen.refresh_from_db()
    assert dokumen.status == Status.GAGAL and dokumen.galat == "OSError: Pango: font tidak ditemukan"

    monkeypatch.setattr(pdf, "ke_pdf", asli)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.ulangi_dokumen(dokumen, oleh=pengguna["anggota"])
    dokumen.refresh_from_db()
    assert (dokumen.status, dokumen.galat, dokumen.siap) == (Status.BERLAKU, "", True)
    assert not services.ulangi_dokumen(dokumen, oleh=pengguna["anggota"])  # nothing failed: nothing to do


def test_sapu_mengantre_lagi_baris_diproses_yang_terbengkalai(
    disetujui, pengguna, monkeypatch, django_capture_on_commit_callbacks
):
    dokumen = _minta(disetujui, pengguna["anggota"], django_capture_on_commit_callbacks)  # its message was lost
    antre = []
    monkeypatch.setattr(render_dokumen, "delay", antre.append)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.sapu_dokumen() == 0  # fresh: its task may still come
    Dokumen.objects.filter(pk=dokumen.pk).update(diperbarui=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sapu_dokumen() == 1
        assert services.sapu_dokumen() == 0  # claimed: not queued twice
    assert antre == [dokumen.pk]
