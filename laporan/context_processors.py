"""The navbar's "Laporan" entry: shown to users with report pages, with the number of reports waiting for them."""

from functools import cached_property

from .services.tinjauan import jumlah_menunggu, punya_halaman_laporan


class MenuLaporan:
    """Lazy: nothing is queried unless the template asks (one COUNT for the badge)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def tampil(self) -> bool:
        return self.user.is_authenticated and punya_halaman_laporan(self.user)

    @cached_property
    def jumlah(self) -> int:
        return jumlah_menunggu(self.user) if self.tampil else 0


def menu_laporan(request):
    return {"menu_laporan": MenuLaporan(request.user)}
