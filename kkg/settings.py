"""Settings, all read from the environment.

With nothing set, the app runs on its embedded default: DEBUG on, a SQLite file, e-mail printed to the
console and Celery tasks executed inline. Production sets DJANGO_DEBUG=0, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL (see README.md).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    # Fail at start-up, not at the first request, when production lacks what it must have.
    for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not env.str(required, default=""):
            raise ImproperlyConfigured(f"{required} wajib diisi bila DJANGO_DEBUG=0.")
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "kkg.surel",
    "gugus",
    "kegiatan",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kkg.urls"
WSGI_APPLICATION = "kkg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gugus.context_processors.peran",
                "laporan.context_processors.menu_laporan",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "gugus:beranda"
LOGOUT_REDIRECT_URL = "login"

# Lock an account+address pair out after repeated wrong passwords.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
# Add ("en", "English") once locale/en holds a translation; until then a browser asking for English gets
# Indonesian text *and* Indonesian dates, not a mix.
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kkg.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads (products, photos, receipts): outside any served directory, streamed by views that check access.
BERKAS_PRIVAT_ROOT = env.path("BERKAS_PRIVAT_ROOT", default=BASE_DIR / "var" / "berkas")
BATAS_UNGGAH_MB = env.int("BATAS_UNGGAH_MB", default=10)
# The public address of the site, for links in e-mail and QR codes made outside a request (Celery tasks).
ALAMAT_SITUS = env.str("ALAMAT_SITUS", default="http://127.0.0.1:8000").rstrip("/")
# In development static files come straight from the finders; STATIC_ROOT exists only after collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

FILTERS_EMPTY_CHOICE_LABEL = _("Semua")
FILTERS_NULL_CHOICE_LABEL = _("Tidak ada")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
EMAIL_FILE_PATH = EMAIL_CONFIG.get("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "email")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="KKG <noreply@kkg.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: without a broker every task runs inline in the web process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# Redis re-delivers an unacknowledged message after this many seconds; it must outlast the longest task,
# or a slow task runs twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
# Separate queues, so a large render never delays a delivery: "surel" for the outbox's sends, "dokumen" for PDF
# renders, "celery" for the rest (sweeps, reminders). A worker consumes all three (`-Q celery,surel,dokumen`), or a
# deployment gives documents workers of their own (see README.md).
CELERY_TASK_ROUTES = {
    "kkg.surel.tasks.kirim_surel": {"queue": "surel"},
    "laporan.tasks.render_*": {"queue": "dokumen"},
    "laporan.tasks.gabung_bagian": {"queue": "dokumen"},
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Members get an e-mail the afternoon before each meeting.
    "pengingat-pertemuan-besok": {
        "task": "kegiatan.tasks.kirim_pengingat_besok",
        "schedule": crontab(hour=15, minute=0),
    },
    # Documents left "diproses" (broker down, worker killed) are queued again for their render.
    "sapu-dokumen": {
        "task": "laporan.tasks.sapu_dokumen",
        "schedule": 300,
    },
    # Outbox rows left "menunggu" (broker down, worker killed) are enqueued again: every kind of e-mail.
    "sapu-surel": {
        "task": "kkg.surel.tasks.sapu_surel",
        "schedule": 300,
    },
    # Meetings reminded while the broker was down, whose surat undangan were never issued or queued.
    "sapu-surat-undangan": {
        "task": "laporan.tasks.sapu_undangan",
        "schedule": 300,
    },
    # Ketua of groups whose report is past the Dinas's deadline are reminded each morning (once per period).
    "ingatkan-tenggat-laporan": {
        "task": "laporan.tasks.ingatkan_tenggat",
        "schedule": crontab(hour=7, minute=0),
    },
}
# The outbox (kkg/surel), for every e-mail: seconds between SMTP retries (one retry per entry, then "gagal"), and
# the age after which a message still "menunggu" is enqueued again by the sweep (far below the Redis
# visibility_timeout).
PENGIRIMAN_JEDA_ULANG = env.list("PENGIRIMAN_JEDA_ULANG", cast=int, default=[10, 60, 300])
PENGIRIMAN_BASI_DETIK = env.float("PENGIRIMAN_BASI_DETIK", default=900)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every login at INFO; lockouts still show as warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
