"""Account pages (Django's auth views) under /akun/; un-namespaced, as Django's auth templates expect."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .forms_akun import ResetSandiForm

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("reset/", auth_views.PasswordResetView.as_view(form_class=ResetSandiForm), name="password_reset"),
    path("reset/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
