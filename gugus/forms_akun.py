"""Account forms: the password-reset e-mail goes out through Celery, not inside the request."""

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from .tasks import kirim_email


class ResetSandiForm(PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subjek = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        isi = loader.render_to_string(email_template_name, context)
        html = loader.render_to_string(html_email_template_name, context) if html_email_template_name else None
        kirim_email.delay(subjek, isi, [to_email], html)
