"""The organisation: wilayah, gugus, sekolah, guru, kelompok kerja and who holds which role in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validasi_nip, validasi_npsn, validasi_nuptk, validasi_whatsapp


class Kabupaten(models.Model):
    class Jenis(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.KABUPATEN)
    provinsi = models.CharField(_("provinsi"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["provinsi", "nama"]
        constraints = [models.UniqueConstraint(fields=["jenis", "nama"], name="kabupaten_unik")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama}"


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, models.PROTECT, related_name="kecamatan", verbose_name=_("kabupaten"))
    nama = models.CharField(_("nama"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["kabupaten", "nama"], name="kecamatan_unik_per_kabupaten")]

    def __str__(self):
        return f"Kec. {self.nama}"


class Gugus(models.Model):
    nama = models.CharField(_("nama"), max_length=150, help_text=_("Contoh: Gugus Cut Nyak Dien"))
    nomor = models.PositiveSmallIntegerField(_("nomor"), null=True, blank=True)
    kecamatan = models.ForeignKey(Kecamatan, models.PROTECT, related_name="gugus", verbose_name=_("kecamatan"))
    sekolah_inti = models.ForeignKey(
        "Sekolah", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sekolah inti")
    )
    ketua_gugus = models.ForeignKey(
        "Guru", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ketua gugus")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gugus")
        verbose_name_plural = _("gugus")
        ordering = ["kecamatan__nama", "nomor", "nama"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "nama"], name="gugus_unik_per_kecamatan")]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("gugus:gugus-detail", args=[self.pk])

    def clean(self):
        if self.sekolah_inti_id and self.pk and self.sekolah_inti.gugus_id != self.pk:
            raise ValidationError({"sekolah_inti": _("Sekolah inti harus salah satu sekolah anggota gugus ini.")})
        if self.ketua_gugus_id and self.pk and self.ketua_gugus.sekolah.gugus_id != self.pk:
            raise ValidationError({"ketua_gugus": _("Ketua gugus harus guru dari sekolah anggota gugus ini.")})


class Sekolah(models.Model):
    class Jenjang(models.TextChoices):
        RA = "RA", "RA"
        SD = "SD", "SD"
        MI = "MI", "MI"
        SMP = "SMP", "SMP"
        MTS = "MTs", "MTs"
        SMA = "SMA", "SMA"
        MA = "MA", "MA"
        SMK = "SMK", "SMK"

    class Status(models.TextChoices):
        NEGERI = "negeri", _("Negeri")
        SWASTA = "swasta", _("Swasta")

    npsn = models.CharField("NPSN", max_length=8, unique=True, validators=[validasi_npsn])
    nama = models.CharField(_("nama"), max_length=150)
    jenjang = models.CharField(_("jenjang"), max_length=3, choices=Jenjang.choices)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.NEGERI)
    alamat = models.TextField(_("alamat"), blank=True)
    kecamatan = models.ForeignKey(Kecamatan, models.PROTECT, related_name="sekolah", verbose_name=_("kecamatan"))
    gugus = models.ForeignKey(
        Gugus, models.SET_NULL, null=True, blank=True, related_name="sekolah", verbose_name=_("gugus")
    )
    kepala_sekolah = models.ForeignKey(
        "Guru", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kepala sekolah")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sekolah")
        verbose_name_plural = _("sekolah")
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("gugus:sekolah-detail", args=[self.pk])

    def clean(self):
        if self.gugus_id and self.kecamatan_id and self.gugus.kecamatan_id != self.kecamatan_id:
            raise ValidationError({"gugus": _("Gugus harus berada di kecamatan yang sama dengan sekolah.")})
        if self.kepala_sekolah_id and self.pk and self.kepala_sekolah.sekolah_id != self.pk:
            raise ValidationError({"kepala_sekolah": _("Kepala sekolah harus terdaftar sebagai guru di sekolah ini.")})


class Guru(models.Model):
    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    nama = models.CharField(_("nama lengkap"), max_length=150, help_text=_("Dengan gelar, mis. Imam Mashudi, S.Pd"))
    # Honorary teachers often have neither number: both are optional, but unique when given.
    nip = models.CharField("NIP", max_length=18, null=True, blank=True, unique=True, validators=[validasi_nip])
    nuptk = models.CharField("NUPTK", max_length=16, null=True, blank=True, unique=True, validators=[validasi_nuptk])
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    sekolah = models.ForeignKey(Sekolah, models.PROTECT, related_name="guru", verbose_name=_("sekolah"))
    email = models.EmailField(_("e-mail"), blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=16, blank=True, validators=[validasi_whatsapp])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="guru", verbose_name=_("akun")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guru")
        verbose_name_plural = _("guru")
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        # Blank numbers are stored as NULL so that uniqueness applies only to numbers actually given.
        self.nip = self.nip or None
        self.nuptk = self.nuptk or None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gugus:guru-detail", args=[self.pk])

    @property
    def alamat_email(self) -> str:
        """Where e-mail reaches this teacher: their own address, else their account's; "" when neither. Stripped
        and lower-case, so that one person is one address. Select `user` with the guru to save a query."""
        alamat = self.email or (self.user.email if self.user_id else "")
        return alamat.strip().lower()


class KelompokKerjaQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def dengan_ringkasan(self):
        """Adds `jumlah_anggota` (members in force), `pengurus_aktif` (board in office) and `pendamping`
        (pengawas in force), in a fixed number of queries whatever the number of groups."""
        return self.annotate(
            jumlah_anggota=models.Count("keanggotaan", filter=berlaku_q(prefix="keanggotaan__"), distinct=True)
        ).prefetch_related(
            models.Prefetch(
                "kepengurusan", Kepengurusan.objects.menjabat().select_related("guru"), to_attr="pengurus_aktif"
            ),
            models.Prefetch(
                "pendampingan", Pendampingan.objects.berlaku().select_related("pengawas__user"), to_attr="pendamping"
            ),
        )


class KelompokKerja(models.Model):
    class Jenis(models.TextChoices):
        KKG = "KKG", "KKG"
        MGMP = "MGMP", "MGMP"
        MGBK = "MGBK", "MGBK"
        KKM = "KKM", "KKM"
        POKJAWAS = "Pokjawas", "Pokjawas"

    class Cakupan(models.TextChoices):
        GUGUS = "gugus", _("Gugus")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KABUPATEN = "kabupaten", _("Kabupaten/kota")

    class Fase(models.TextChoices):
        A = "A", _("Fase A (kelas 1–2)")
        B = "B", _("Fase B (kelas 3–4)")
        C = "C", _("Fase C (kelas 5–6)")
        D = "D", _("Fase D (SMP/MTs)")
        E = "E", _("Fase E (SMA/MA kelas 10)")
        F = "F", _("Fase F (SMA/MA kelas 11–12)")

    nama = models.CharField(_("nama"), max_length=200, help_text=_("Contoh: KKG Kelas 2 Gugus Cut Nyak Dien"))
    jenis = models.CharField(_("jenis"), max_length=8, choices=Jenis.choices, default=Jenis.KKG)
    cakupan = models.CharField(_("cakupan"), max_length=9, choices=Cakupan.choices, default=Cakupan.GUGUS)
    gugus = models.ForeignKey(
        Gugus, models.PROTECT, null=True, blank=True, related_name="kelompok", verbose_name=_("gugus")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, models.PROTECT, null=True, blank=True, related_name="kelompok", verbose_name=_("kecamatan")
    )
    # Always filled (derived from gugus or kecamatan when the scope is narrower): Dinas staff are scoped by it.
    kabupaten = models.ForeignKey(Kabupaten, models.PROTECT, related_name="kelompok", verbose_name=_("kabupaten"))
    kelas = models.PositiveSmallIntegerField(
        _("kelas"), null=True, blank=True, help_text=_("Untuk KKG per kelas, mis. 2 untuk KKG Kelas 2.")
    )
    fase = models.CharField(_("fase"), max_length=1, choices=Fase.choices, blank=True)
    mata_pelajaran = models.CharField(
        _("mata pelajaran"), max_length=100, blank=True, help_text=_("Untuk KKG/MGMP mata pelajaran, mis. PAI, PJOK.")
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = KelompokKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelompok kerja")
        verbose_name_plural = _("kelompok kerja")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(cakupan="gugus") | Q(gugus__isnull=False), name="kelompok_gugus_wajib_gugus"
            ),
            models.CheckConstraint(
                condition=~Q(cakupan="kecamatan") | Q(kecamatan__isnull=False),
                name="kelompok_kecamatan_wajib_kecamatan",
            ),
            models.CheckConstraint(
                condition=Q(kelas__isnull=True) | Q(kelas__gte=1, kelas__lte=12), name="kelompok_kelas_1_12"
            ),
        ]

    def __str__(self):
        return self.nama

    def save(self, *args, **kwargs):
        self.isi_wilayah()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gugus:kelompok-detail", args=[self.pk])

    @property
    def ketua(self):
        """The ketua in office, read from `dengan_ringkasan()`'s prefetch."""
        return next((p.guru for p in self.pengurus_aktif if p.jabatan == Kepengurusan.Jabatan.KETUA), None)

    def clean(self):
        if self.cakupan == self.Cakupan.GUGUS and not self.gugus_id:
            raise ValidationError({"gugus": _("Kelompok tingkat gugus harus memilih gugusnya.")})
        if self.cakupan == self.Cakupan.KECAMATAN and not (self.kecamatan_id or self.gugus_id):
            raise ValidationError({"kecamatan": _("Kelompok tingkat kecamatan harus memilih kecamatannya.")})
        self.isi_wilayah()

    def sekolah_wilayah(self):
        """The schools whose teachers may join: those of the gugus, kecamatan or kabupaten it covers."""
        if self.cakupan == self.Cakupan.GUGUS:
            return Sekolah.objects.filter(gugus_id=self.gugus_id)
        if self.cakupan == self.Cakupan.KECAMATAN:
            return Sekolah.objects.filter(kecamatan_id=self.kecamatan_id)
        return Sekolah.objects.filter(kecamatan__kabupaten_id=self.kabupaten_id)

    def isi_wilayah(self):
        """Derive kecamatan and kabupaten from the narrower scope, and drop what the scope does not use."""
        if self.gugus_id and (self.cakupan == self.Cakupan.GUGUS or not self.kecamatan_id):
            self.kecamatan = self.gugus.kecamatan
        if self.cakupan != self.Cakupan.GUGUS:
            self.gugus = None
        if self.cakupan == self.Cakupan.KABUPATEN:
            self.kecamatan = None
        elif self.kecamatan_id:
            self.kabupaten = self.kecamatan.kabupaten


def berlaku_q(pada=None, prefix: str = "") -> Q:
    """Rows whose mulai/selesai period covers `pada` (today by default); `prefix` reaches a related row."""
    pada = pada or timezone.localdate()
    return Q(**{f"{prefix}mulai__lte": pada}) & (
        Q(**{f"{prefix}selesai__isnull": True}) | Q(**{f"{prefix}selesai__gte": pada})
    )


class PeriodeQuerySet(models.QuerySet):
    """Rows with a mulai/selesai period; `berlaku()` keeps those in force on a date."""

    def berlaku(self, pada=None):
        return self.filter(berlaku_q(pada))


class KepengurusanQuerySet(PeriodeQuerySet):
    def menjabat(self, pada=None):
        """Board members who hold office: flagged active and within their period."""
        return self.berlaku(pada).filter(aktif=True)

    def urut_jabatan(self):
        """Ketua first, then wakil, sekretaris, bendahara, koordinator: the order of an SK."""
        urutan = models.Case(
            *(models.When(jabatan=j, then=i) for i, j in enumerate(Kepengurusan.Jabatan.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by(urutan, "bidang", "guru__nama")


class Keanggotaan(models.Model):
    # PROTECT: a teacher with a record in a group is ended there, not erased with its history.
    guru = models.ForeignKey(Guru, models.PROTECT, related_name="keanggotaan", verbose_name=_("guru"))
    kelompok = models.ForeignKey(
        KelompokKerja, models.CASCADE, related_name="keanggotaan", verbose_name=_("kelompok kerja")
    )
    mulai = models.DateField(_("mulai"), default=timezone.localdate)
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        ordering = ["guru__nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")), name="keanggotaan_tidak_terbalik"
            ),
            models.UniqueConstraint(
                fields=["guru", "kelompok"], condition=Q(selesai__isnull=True), name="satu_keanggotaan_terbuka"
            ),
        ]

    def __str__(self):
        return f"{self.guru} – {self.kelompok}"


class Kepengurusan(models.Model):
    class Jabatan(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        BENDAHARA = "bendahara", _("Bendahara")
        KOORDINATOR = "koordinator", _("Koordinator")

    # A group has one ketua, one sekretaris and one bendahara at a time; there may be several coordinators.
    JABATAN_TUNGGAL = (Jabatan.KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA)

    kelompok = models.ForeignKey(
        KelompokKerja, models.CASCADE, related_name="kepengurusan", verbose_name=_("kelompok kerja")
    )
    guru = models.ForeignKey(Guru, models.PROTECT, related_name="kepengurusan", verbose_name=_("guru"))
    jabatan = models.CharField(_("jabatan"), max_length=12, choices=Jabatan.choices)
    bidang = models.CharField(
        _("mata pelajaran/tema"), max_length=100, blank=True, help_text=_("Untuk koordinator: mapel atau tema.")
    )
    mulai = models.DateField(_("periode mulai"), default=timezone.localdate)
    selesai = models.DateField(_("periode selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = KepengurusanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("kepengurusan")
        ordering = ["kelompok", "jabatan", "guru__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelompok", "jabatan"],
                condition=Q(aktif=True, jabatan__in=["ketua", "sekretaris", "bendahara"]),
                name="satu_pengurus_aktif_per_jabatan",
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")), name="periode_tidak_terbalik"
            ),
            models.CheckConstraint(
                condition=~Q(jabatan="koordinator") | ~Q(bidang=""), name="koordinator_punya_bidang"
            ),
        ]

    def __str__(self):
        return f"{self.get_jabatan_display()} {self.kelompok}: {self.guru}"

    def clean(self):
        if self.jabatan == self.Jabatan.KOORDINATOR and not self.bidang:
            raise ValidationError({"bidang": _("Koordinator harus mempunyai mata pelajaran atau tema.")})
        if self.selesai and self.mulai and self.selesai < self.mulai:
            raise ValidationError({"selesai": _("Periode selesai tidak boleh sebelum periode mulai.")})


class Pengawas(models.Model):
    """A school supervisor of a kabupaten, who accompanies (mendampingi) several kelompok kerja."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="pengawas", verbose_name=_("akun")
    )
    kabupaten = models.ForeignKey(Kabupaten, models.PROTECT, related_name="pengawas", verbose_name=_("kabupaten"))
    nip = models.CharField("NIP", max_length=18, null=True, blank=True, unique=True, validators=[validasi_nip])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengawas")
        verbose_name_plural = _("pengawas")
        ordering = ["user__first_name", "user__last_name"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def save(self, *args, **kwargs):
        self.nip = self.nip or None
        super().save(*args, **kwargs)


class Pendampingan(models.Model):
    """A pengawas assigned to accompany a kelompok kerja; reports pass through them on their way up."""

    pengawas = models.ForeignKey(Pengawas, models.CASCADE, related_name="pendampingan", verbose_name=_("pengawas"))
    kelompok = models.ForeignKey(
        KelompokKerja, models.CASCADE, related_name="pendampingan", verbose_name=_("kelompok kerja")
    )
    mulai = models.DateField(_("mulai"), default=timezone.localdate)
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pendampingan")
        verbose_name_plural = _("pendampingan")
        constraints = [
            models.UniqueConstraint(
                fields=["pengawas", "kelompok"], condition=Q(selesai__isnull=True), name="satu_pendampingan_terbuka"
            ),
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gte=F("mulai")), name="pendampingan_tidak_terbalik"
            ),
        ]

    def __str__(self):
        return f"{self.pengawas} – {self.kelompok}"


class StafDinas(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="staf_dinas", verbose_name=_("akun")
    )
    kabupaten = models.ForeignKey(Kabupaten, models.PROTECT, related_name="staf_dinas", verbose_name=_("kabupaten"))
    jabatan = models.CharField(_("jabatan"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staf dinas")
        verbose_name_plural = _("staf dinas")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user} ({self.kabupaten})"
