"""The month calendar and the per-group iCalendar feed a member pastes into their phone."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gugus.models import Keanggotaan
from kegiatan import ical
from kegiatan.kalender import bulan_dari, geser_bulan, grid_bulan
from tests.factories_kegiatan import PertemuanFactory

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_grid_bulan_dimulai_senin_dan_menaruh_pertemuan_pada_harinya(dunia):
    p = PertemuanFactory.build(kelompok=dunia.kelompok_a, tanggal=datetime.date(2025, 2, 17))

    minggu = grid_bulan(datetime.date(2025, 2, 1), [p])

    assert minggu[0][0].tanggal == datetime.date(2025, 1, 27) and not minggu[0][0].di_bulan_ini
    hari = next(h for pekan in minggu for h in pekan if h.tanggal == datetime.date(2025, 2, 17))
    assert hari.pertemuan == [p] and hari.di_bulan_ini


def test_bulan_dari_teks_dan_pergeseran():
    assert bulan_dari("2025-02") == datetime.date(2025, 2, 1)
    assert bulan_dari("ngawur") == timezone.localdate().replace(day=1)
    assert geser_bulan(datetime.date(2025, 1, 1), -1) == datetime.date(2024, 12, 1)
    assert geser_bulan(datetime.date(2025, 12, 1), 1) == datetime.date(2026, 1, 1)


def test_kalender_menampilkan_pertemuan_pada_harinya(client, dunia, pengguna):
    p = PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=datetime.date(2025, 2, 17), topik="Lokakarya ATP")
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=datetime.date(2025, 3, 17), topik="Bulan depan")
    client.force_login(pengguna["anggota"])

    respons = client.get(reverse("kegiatan:pertemuan-kalender"), {"bulan": "2025-02"})

    html = respons.content.decode()
    hari = next(h for pekan in respons.context["minggu"] for h in pekan if h.tanggal.day == 17 and h.di_bulan_ini)
    assert hari.pertemuan == [p]
    assert "Februari 2025" in html and p.get_absolute_url() in html and "Bulan depan" not in html
    assert "Senin, 17 Februari 2025" in html  # the phone's list of days
    assert "bulan=2025-01" in html and "bulan=2025-03" in html


def test_kalender_memakai_saringan_dan_cakupan(client, dunia, pengguna, pertemuan_a, pertemuan_b):
    client.force_login(pengguna["admin"])
    bulan = pertemuan_a.tanggal.strftime("%Y-%m")

    respons = client.get(reverse("kegiatan:pertemuan-kalender"), {"bulan": bulan, "kelompok": dunia.kelompok_b.pk})

    semua = {p for pekan in respons.context["minggu"] for h in pekan for p in h.pertemuan}
    assert pertemuan_a not in semua
    assert f"bulan={geser_bulan(pertemuan_a.tanggal.replace(day=1), 1):%Y-%m}&amp;kelompok=" in respons.content.decode()


def test_kalender_kosong(client, pengguna):
    client.force_login(pengguna["anggota"])

    html = client.get(reverse("kegiatan:pertemuan-kalender"), {"bulan": "2020-01"}).content.decode()

    assert "Tidak ada pertemuan pada bulan ini." in html


# --- iCalendar -------------------------------------------------------------------------------------------------


def _url_feed(client, user, kelompok):
    client.force_login(user)
    html = client.get(reverse("kegiatan:kalender-langganan")).content.decode()
    client.logout()
    urls = re.findall(r'value="(http://testserver/kalender/[^"]+\.ics)"', html)
    return next(
        u
        for u in urls
        if u == "http://testserver" + reverse("kegiatan:kalender-ics", args=[ical.buat_token(user, kelompok)])
    )


def test_anggota_berlangganan_kalender_tanpa_masuk(client, dunia, pengguna, pertemuan_a):
    batal = PertemuanFactory(kelompok=dunia.kelompok_a, topik="Batal", status="dibatalkan", alasan_batal="Banjir")
    PertemuanFactory(kelompok=dunia.kelompok_a, tanggal=timezone.localdate() - datetime.timedelta(days=200))
    url = _url_feed(client, pengguna["anggota"], dunia.kelompok_a)

    respons = client.get(url)

    assert respons.status_code == 200 and respons["Content-Type"].startswith("text/calendar")
    acara = {str(e["uid"]): e for e in Calendar.from_ical(respons.content).walk("VEVENT")}
    assert len(acara) == 2
    e = next(e for e in acara.values() if str(e["summary"]) == "Analisis CP Fase A")
    mulai = e.decoded("dtstart")
    assert mulai == datetime.datetime.combine(pertemuan_a.tanggal, datetime.time(8, 0), JAKARTA)
    assert mulai.utcoffset() == datetime.timedelta(hours=7)
    assert e.decoded("dtend").time() == datetime.time(11, 30)
    assert str(e["location"]) == "SD Negeri 1 Lampeuneurut"
    assert "2. Diskusi" in str(e["description"]) and pertemuan_a.get_absolute_url() in str(e["description"])
    assert str(e["uid"]).startswith(f"pertemuan-{pertemuan_a.pk}@")
    assert next(str(e["status"]) for e in acara.values() if str(e["summary"]) == "Batal") == "CANCELLED"
    assert batal.pk


def test_uid_tetap_antara_dua_pengambilan(client, dunia, pengguna, pertemuan_a):
    url = reverse("kegiatan:kalender-ics", args=[ical.buat_token(pengguna["anggota"], dunia.kelompok_a)])

    def uid():
        return [str(e["uid"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")]

    assert uid() == uid()


def test_langganan_hanya_untuk_kelompok_yang_terlihat(client, dunia, pengguna):
    client.force_login(pengguna["guru_lain"])

    html = client.get(reverse("kegiatan:kalender-langganan")).content.decode()

    assert dunia.kelompok_b.nama in html and dunia.kelompok_a.nama not in html


@pytest.mark.parametrize(
    "token",
    ["sampah", "1.1:bukan-tanda-tangan", "asing"],
)
def test_token_buruk_atau_asing_404(client, dunia, pengguna, token):
    if token == "asing":  # signed with another salt, e.g. a token made for something else
        from django.core import signing

        token = signing.Signer(salt="lain").sign(f"{pengguna['anggota'].pk}.{dunia.kelompok_a.pk}")

    assert client.get(reverse("kegiatan:kalender-ics", args=[token])).status_code == 404


def test_token_untuk_kelompok_orang_lain_404(client, dunia, pengguna):
    token = ical.buat_token(pengguna["guru_lain"], dunia.kelompok_a)

    assert client.get(reverse("kegiatan:kalender-ics", args=[token])).status_code == 404


def test_anggota_yang_sudah_keluar_tidak_lagi_mendapat_kalender(client, dunia, pengguna):
    url = reverse("kegiatan:kalender-ics", args=[ical.buat_token(pengguna["anggota"], dunia.kelompok_a)])
    assert client.get(url).status_code == 200

    Keanggotaan.objects.filter(guru=dunia.anggota).update(
        mulai=datetime.date(2020, 1, 1), selesai=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert client.get(url).status_code == 404
