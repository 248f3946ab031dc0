"""Generic list/detail/create/edit/delete views scoped through `akses`; the other apps reuse them.

A subclass names its model, its scoped getter (`untuk`), and for writes the `boleh` action it needs. Objects
outside the getter's scope are 404; in scope but not permitted is 403 (`DalamCakupan`, the one place a page
fetches its object).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView

from .. import akses


def tempel_galat(form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form: under its field when it names one, else on top."""
    if hasattr(error, "error_dict"):
        for nama, pesan in error.message_dict.items():
            form.add_error(nama if nama in form.fields else None, pesan)
    else:
        form.add_error(None, error)


class Remah:
    """Breadcrumbs above the page title: the model's list page (named `<url_dasar>-list`), then for pages
    about one object (edit, delete, members…) that object (`get_object()`, see DalamCakupan)."""

    url_dasar = ""  # e.g. "gugus:sekolah": names the views "gugus:sekolah-list", "gugus:sekolah-detail", …
    remah_ke_daftar = True
    remah_ke_objek = False

    def get_remah(self):
        remah = []
        if self.remah_ke_daftar:
            remah.append((self.model._meta.verbose_name_plural.capitalize(), reverse(f"{self.url_dasar}-list")))
        if self.remah_ke_objek:
            obj = self.get_object()
            remah.append((str(obj), obj.get_absolute_url()))
        return remah

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["remah"] = self.get_remah()
        context["tampil_remah"] = True
        return context


class Tercakup(LoginRequiredMixin):
    """Fetches only through the scoped getter `untuk(user)`."""

    untuk = None  # a function user -> QuerySet
    select_related: tuple[str, ...] = ()

    def cakupan(self):
        return type(self).untuk(self.request.user).select_related(*self.select_related)


class DalamCakupan(Tercakup):
    """A page about one object: it is fetched through `untuk(user)` by the URL's `pk_url_kwarg` (404 outside
    the scope), then the page needs `aksi` on it (403 without; "" = whoever sees it). It lands in
    `self.<nama_objek>` and in the context under that name, before any handler runs."""

    pk_url_kwarg = "pk"
    aksi = ""
    nama_objek = "object"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        obj = get_object_or_404(self.cakupan(), pk=kwargs[self.pk_url_kwarg])
        if self.aksi and not akses.boleh(request.user, self.aksi, obj):
            raise PermissionDenied
        setattr(self, self.nama_objek, obj)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        """Django's single-object views take the object fetched above instead of fetching it again."""
        return getattr(self, self.nama_objek)

    def get_context_data(self, **kwargs):
        kwargs.setdefault(self.nama_objek, getattr(self, self.nama_objek))
        return super().get_context_data(**kwargs)


class DiKelompok(DalamCakupan):
    """A page under /kelompok/<pk>/…: `self.kelompok`."""

    untuk = staticmethod(akses.kelompok_untuk)
    nama_objek = "kelompok"


class Daftar(Tercakup, Remah, FilterView):
    paginate_by = 25
    remah_ke_daftar = False
    template_name_suffix = "_list"
    aksi_tambah = "kelola_master"

    def get_queryset(self):
        # Explicit: Meta.ordering is dropped once a page annotates counts (GROUP BY), and paging needs an order.
        return self.cakupan().distinct().order_by(*self.model._meta.ordering, "pk")

    def bisa_tambah(self) -> bool:
        return bool(self.aksi_tambah) and akses.boleh(self.request.user, self.aksi_tambah)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bisa_tambah"] = self.bisa_tambah()
        context["filter_aktif"] = any(v for k, v in self.request.GET.items() if k not in ("q", "page"))
        context["judul"] = self.model._meta.verbose_name_plural.capitalize()
        context["url_tambah"] = reverse(f"{self.url_dasar}-create")
        return context


class Rincian(DalamCakupan, Remah, generic.DetailView):
    aksi_ubah = "ubah"  # the actions behind the page's Ubah and Hapus buttons
    aksi_hapus = "hapus"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bisa = akses.aksi_untuk(self.request.user, self.object, self.aksi_ubah, self.aksi_hapus)
        context["bisa_ubah"] = self.aksi_ubah in bisa
        context["bisa_hapus"] = self.aksi_hapus in bisa
        context["url_ubah"] = reverse(f"{self.url_dasar}-update", args=[self.object.pk])
        context["url_hapus"] = reverse(f"{self.url_dasar}-delete", args=[self.object.pk])
        return context


class FormDenganUser:
    """Hands the acting user to the form, which scopes its choices with it."""

    template_name = "form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("%(obj)s berhasil disimpan.") % {"obj": self.object})
        return response


class Buat(LoginRequiredMixin, FormDenganUser, Remah, generic.CreateView):
    aksi = "kelola_master"

    def boleh_buat(self, user) -> bool:
        return akses.boleh(user, self.aksi)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.boleh_buat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["judul"] = _("Tambah %(nama)s") % {"nama": self.model._meta.verbose_name}
        context["batal_url"] = reverse(f"{self.url_dasar}-list")
        return context


class Ubah(DalamCakupan, FormDenganUser, Remah, generic.UpdateView):
    aksi = "ubah"
    remah_ke_objek = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["judul"] = _("Ubah %(obj)s") % {"obj": self.object}
        context["batal_url"] = self.object.get_absolute_url()
        return context


class Hapus(DalamCakupan, Remah, generic.DeleteView):
    aksi = "hapus"
    template_name = "konfirmasi_hapus.html"
    remah_ke_objek = True

    def get_form_class(self):
        return forms.Form  # only the confirmation; the model's form_class is for create/edit

    def get_success_url(self):
        return reverse(f"{self.url_dasar}-list")

    def form_valid(self, form):
        nama = str(self.object)
        try:
            self.object.delete()
        except ProtectedError as e:
            terpakai = sorted({str(o._meta.verbose_name) for o in e.protected_objects})
            messages.error(
                self.request,
                _("%(obj)s tidak dapat dihapus karena masih dipakai oleh data %(data)s.")
                % {"obj": nama, "data": ", ".join(terpakai)},
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(obj)s telah dihapus.") % {"obj": nama})
        return HttpResponseRedirect(self.get_success_url())
