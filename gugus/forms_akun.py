"""Account forms: the password-reset e-mail goes through the outbox (kkg.surel), never from inside the request."""

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse

from kkg.lib.situs import url_absolut
from kkg.surel.layanan import surel_dari_templat


class ResetSandiForm(PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Writes the message to the outbox from templates/gugus/email/reset_sandi* (Django's template names are
        not used), with the link on the site's own address rather than the request's host."""
        pada = {"uidb64": context["uid"], "token": context["token"]}
        tautan = url_absolut(reverse("password_reset_confirm", kwargs=pada))
        surel_dari_templat("gugus/email/reset_sandi", {**context, "tautan": tautan}, to_email)
