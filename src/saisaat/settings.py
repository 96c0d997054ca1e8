"""Saisaat settings: one module, every value read from the environment.

Development defaults apply only while DEBUG is on; in production a missing
secret is an error rather than a silent fallback.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("SAISAAT_HOME", PACKAGE_DIR.parent.parent)).resolve()


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envmapping(name: str, default: str) -> dict[str, str]:
    """``key=value`` pairs separated by semicolons, e.g. ``43=นค 0016;4301=นค 0016.1``."""
    mapping = {}
    for pair in os.environ.get(name, default).split(";"):
        if not pair.strip():
            continue
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(
                f"{name} must be key=value pairs separated by ';', got {pair!r}"
            )
        mapping[key.strip()] = value.strip()
    return mapping


DEBUG = envbool("DEBUG", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-not-secret"

# Personal data at rest (saisaat.core.crypto): Fernet keys, the first encrypts, all decrypt.
# Under DEBUG a development key derived from SECRET_KEY is used when none is set.
SAISAAT_FIELD_KEYS = envlist("SAISAAT_FIELD_KEYS", "")
# The key of the contact digests (HMAC); when empty, derived from the first field key.
# Changing it (or, without it, the first field key) needs manage.py rotate_field_keys.
SAISAAT_DIGEST_KEY = os.environ.get("SAISAAT_DIGEST_KEY", "")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "saisaat.core",
    "saisaat.thai",
    "saisaat.audit",
    "saisaat.jobs",
    "saisaat.orgs",
    "saisaat.notices",
    "saisaat.plans",
    "saisaat.tracking",
    "saisaat.participation",
    "saisaat.indicators",
    "saisaat.complaints",
    "saisaat.surveys",
    "saisaat.documents",
    "saisaat.budget",
    "saisaat.knowledge",
    "saisaat.portal",
    "saisaat.assessments",
    "saisaat.privacy",
    "saisaat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "saisaat.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "saisaat.urls"
WSGI_APPLICATION = "saisaat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saisaat.core.context_processors.display_options",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("SAISAAT_DATA_DIR", BASE_DIR / "data")).resolve()

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60")
        )
    }
    if DATABASES["default"]["ENGINE"] not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "saisaat.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer commits; IMMEDIATE avoids
                # "database is locked" on upgrade from a read to a write lock.
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=5000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
# A refused form (expired CSRF token) gets a Thai page leading back into the app.
CSRF_FAILURE_VIEW = "saisaat.core.views.csrf_failure"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))

# Files go through the storage API: local disk by default, any S3-compatible
# store when SAISAAT_STORAGE=s3 (needs the "s3" extra and the AWS_* variables).
STORAGE_BACKEND = os.environ.get("SAISAAT_STORAGE", "local")
if STORAGE_BACKEND == "local":
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    if not default_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("SAISAAT_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
else:
    raise ImproperlyConfigured("SAISAAT_STORAGE must be 'local' or 's3'")

# Hashed, compressed static files need `collectstatic` first; development and the
# test run serve the files straight from the package instead.
STATIC_MANIFEST = envbool("SAISAAT_STATIC_MANIFEST", "false" if DEBUG else "true")
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": (
            "saisaat.core.staticfiles.ForgivingManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Always: a start without `collectstatic` still serves every file (unhashed) from the package.
WHITENOISE_USE_FINDERS = True

# Evidence uploads larger than this are refused before the body is read.
SAISAAT_MAX_UPLOAD_BYTES = envint("SAISAAT_MAX_UPLOAD_MB", "20") * 1024 * 1024
# The largest request body accepted (413 beyond it, before it is read): an upload and its form.
SAISAAT_MAX_REQUEST_BYTES = envint(
    "SAISAAT_MAX_REQUEST_MB", str(SAISAAT_MAX_UPLOAD_BYTES // (1024 * 1024) + 5)
) * (1024 * 1024)
# Form fields (not files) read into memory: beyond it, 400 (Django's RequestDataTooBig).
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("SAISAAT_MAX_FORM_KB", "2560") * 1024
# Reminders: how many days ahead "falls due soon" looks.
SAISAAT_REMINDER_DAYS = envint("SAISAAT_REMINDER_DAYS", "7")
# Indicator grading: 2 points when a target is met, 1 from this share of it, 0 below.
SAISAAT_GRADE_PARTIAL_PERCENT = envint("SAISAAT_GRADE_PARTIAL_PERCENT", "50")
SAISAAT_BASE_URL = os.environ.get("SAISAAT_BASE_URL", "http://127.0.0.1:8000")

# Complaints: days to acknowledge and to finish a complaint, counted from its receipt.
SAISAAT_COMPLAINT_ACKNOWLEDGE_DAYS = envint("SAISAAT_COMPLAINT_ACKNOWLEDGE_DAYS", "15")
SAISAAT_COMPLAINT_FINISH_DAYS = envint("SAISAAT_COMPLAINT_FINISH_DAYS", "30")
# Public form and tracker: accepted submissions (and tracking-code lookups) per address per
# window; 0 turns the limit off (the load check does). The client address is taken from
# X-Forwarded-For only behind a proxy that sets it.
SAISAAT_COMPLAINT_RATE_LIMIT = envint("SAISAAT_COMPLAINT_RATE_LIMIT", "10")
SAISAAT_COMPLAINT_TRACK_RATE_LIMIT = envint("SAISAAT_COMPLAINT_TRACK_RATE_LIMIT", "30")
SAISAAT_COMPLAINT_RATE_WINDOW_SECONDS = envint("SAISAAT_COMPLAINT_RATE_WINDOW_SECONDS", "3600")
SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR = envbool(
    "SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR", "false"
)
# Size limits on the public form.
# Survey responses per address in ten minutes on the public form (0: no limit).
SAISAAT_SURVEY_RESPONSES_PER_ADDRESS = envint("SAISAAT_SURVEY_RESPONSES_PER_ADDRESS", "30")
# The results flag a burst: this many new responses from one address within this window.
SAISAAT_SURVEY_BURST_RESPONSES = envint("SAISAAT_SURVEY_BURST_RESPONSES", "5")
SAISAAT_SURVEY_BURST_SECONDS = envint("SAISAAT_SURVEY_BURST_SECONDS", "600")
# Retention of personal data (days), after which `manage.py purge_personal_data` (daily, by
# the worker at SAISAAT_PURGE_TIME or by cron) removes it: a closed complaint's complainant
# identity, a survey response's metadata (address digest, device key), sign-in records
# (attempts and access logs).
SAISAAT_RETAIN_COMPLAINT_IDENTITY_DAYS = envint("SAISAAT_RETAIN_COMPLAINT_IDENTITY_DAYS", "1826")
SAISAAT_RETAIN_SURVEY_METADATA_DAYS = envint("SAISAAT_RETAIN_SURVEY_METADATA_DAYS", "365")
SAISAAT_RETAIN_SIGN_IN_DAYS = envint("SAISAAT_RETAIN_SIGN_IN_DAYS", "180")
SAISAAT_COMPLAINT_MAX_TEXT = envint("SAISAAT_COMPLAINT_MAX_TEXT", "5000")
SAISAAT_COMPLAINT_MAX_FILES = envint("SAISAAT_COMPLAINT_MAX_FILES", "5")
SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES = envint("SAISAAT_COMPLAINT_MAX_UPLOAD_MB", "10") * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "saisaat@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def envpercents(name: str, default: str, count: int) -> tuple[int, ...]:
    """``count`` comma-separated whole percentages that never go down and end at most 100."""
    value = os.environ.get(name, default)
    try:
        parts = tuple(int(part) for part in value.split(","))
    except ValueError:
        parts = ()
    if (
        len(parts) != count
        or any(not 0 <= part <= 100 for part in parts)
        or list(parts) != sorted(parts)
    ):
        raise ImproperlyConfigured(
            f"{name} must be {count} comma-separated cumulative percentages from 0 to 100 "
            f"that never go down, e.g. {default!r}; got {value!r}"
        )
    return parts


# Budget: the government's cumulative disbursement targets at the end of fiscal quarters
# 1-4, in percent of the year's budget ("30,52,75,100": the cabinet's overall targets).
SAISAAT_DISBURSEMENT_TARGETS = envpercents("SAISAAT_DISBURSEMENT_TARGETS", "30,52,75,100", 4)


# Documents: official memos. Outgoing-number prefix per unit code, e.g. "43=นค 0016;4301=นค 0016.1".
# A district office without one gets its province's prefix, a dot and its number within the
# province (4301 -> "นค 0016.1", 4309 -> "นค 0016.9"), so every office has its own series; the
# recipient line (blank: the provincial director, "พัฒนาการจังหวัด..."); the
# font Word should use for the DOCX; the office emblem for the memo's top-left corner (a PNG
# or JPEG path; the project ships none, and without it the memo has no emblem).
SAISAAT_MEMO_NUMBER_PREFIXES = envmapping("SAISAAT_MEMO_NUMBER_PREFIXES", "43=นค 0016")
SAISAAT_MEMO_RECIPIENT = os.environ.get("SAISAAT_MEMO_RECIPIENT", "")
SAISAAT_MEMO_DOCX_FONT = os.environ.get("SAISAAT_MEMO_DOCX_FONT", "TH Sarabun New")
SAISAAT_EMBLEM_PATH = os.environ.get("SAISAAT_EMBLEM_PATH", "") or None


# ---------------------------------------------------------------------------------------
# Production: the shared cache (issue 17). Rate limits, and sessions when Redis is there,
# must be the same for every gunicorn worker and every machine, so the cache is never
# per-process: Redis when REDIS_URL is set (Django's own RedisCache backend on the `redis`
# package), else a table in the database (created by `migrate`, see core.apps).
# SAISAAT_CACHE=locmem keeps a per-process cache (the test run uses it).
DATABASE_CACHE_TABLE = "saisaat_cache"


def cache_settings(backend: str, redis_url: str) -> dict:
    if backend == "redis" and not redis_url:
        raise ImproperlyConfigured("SAISAAT_CACHE=redis needs REDIS_URL")
    if backend == "redis":
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "saisaat",
        }
    if backend == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
        }
    if backend == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"SAISAAT_CACHE must be 'redis', 'database' or 'locmem', got {backend!r}"
    )


REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": cache_settings(
        os.environ.get("SAISAAT_CACHE", "redis" if REDIS_URL else "database"), REDIS_URL
    )
}
# Sessions are read on every request: from Redis when there is one, written through to
# the database so a Redis restart logs nobody out. Without Redis the database is as near.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "django.contrib.sessions.backends.db"
)
# --- end of the shared-cache block ----------------------------------------------------

# Background jobs (issue 17): exports that take seconds and the daily reminders run in a
# worker (`make worker`, i.e. `manage.py qcluster`) through django-q2. The queue is a table
# in the database by default and Redis when REDIS_URL is set. SAISAAT_JOBS_SYNC=true runs
# each job at once inside the request (the test run; a one-process demo without a worker).
INSTALLED_APPS.insert(INSTALLED_APPS.index("saisaat.jobs"), "django_q")
SAISAAT_JOBS_SYNC = envbool("SAISAAT_JOBS_SYNC", "false")
# Seconds a job may run before the worker stops it; a job not acknowledged within
# SAISAAT_JOB_TIMEOUT + 60 seconds is handed out again.
SAISAAT_JOB_TIMEOUT = envint("SAISAAT_JOB_TIMEOUT", "1800")
# A job still queued or running this many seconds after SAISAAT_JOB_TIMEOUT is marked as
# failed (its worker was stopped, or it never reached the queue).
SAISAAT_JOB_STALE_MARGIN = envint("SAISAAT_JOB_STALE_MARGIN", "300")
# How many jobs one person may have queued or running at once (more: 429).
SAISAAT_JOB_MAX_ACTIVE = envint("SAISAAT_JOB_MAX_ACTIVE", "3")
# Finished jobs' files are deleted this many days after they were made.
SAISAAT_JOB_KEEP_DAYS = envint("SAISAAT_JOB_KEEP_DAYS", "7")
# When the worker sends the daily reminders, clears old job files and purges personal data
# past its retention period (office time, HH:MM; the purge in the night's quiet hours).
SAISAAT_REMINDER_TIME = os.environ.get("SAISAAT_REMINDER_TIME", "07:00")
SAISAAT_JOB_CLEANUP_TIME = os.environ.get("SAISAAT_JOB_CLEANUP_TIME", "03:00")
SAISAAT_PURGE_TIME = os.environ.get("SAISAAT_PURGE_TIME", "02:45")
# The day's audit chain head goes public just before midnight, after the day's work.
SAISAAT_CHAIN_HEAD_TIME = os.environ.get("SAISAAT_CHAIN_HEAD_TIME", "23:55")
# Survey results reach the public portal from this many responses on (fewer would show
# one person's answers); an option chosen by fewer people shows no count there.
SAISAAT_SURVEY_MIN_PUBLIC_RESPONSES = 5
Q_CLUSTER = {
    "name": "saisaat",
    "workers": envint("SAISAAT_JOB_WORKERS", "2"),
    "timeout": SAISAAT_JOB_TIMEOUT,
    "retry": SAISAAT_JOB_TIMEOUT + 60,
    # One attempt: a job that failed says so on its page; the user starts it again.
    "max_attempts": 1,
    "sync": SAISAAT_JOBS_SYNC,  # each start_job passes it too, so tests can override it
    "save_limit": 500,
    "catch_up": False,
    "label": _("Background jobs"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
    # Seconds between the worker's looks at the queue table: a job starts within a second,
    # and an idle worker costs one small query a second.
    Q_CLUSTER["poll"] = 1

# Sign-in and production security (issue 12). Kept in one block: the apps and middleware
# it adds are placed relative to Django's own entries above.
# ---------------------------------------------------------------------------------------
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "saisaat.accounts",
]


def _after(entry: str, *added: str) -> None:
    index = MIDDLEWARE.index(entry) + 1
    MIDDLEWARE[index:index] = added


_after("whitenoise.middleware.WhiteNoiseMiddleware", "csp.middleware.CSPMiddleware")
_after(
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django_otp.middleware.OTPMiddleware"
)
_after(
    "django.contrib.messages.middleware.MessageMiddleware",
    "saisaat.accounts.middleware.SessionLimitsMiddleware",
    "saisaat.accounts.middleware.SecondFactorMiddleware",
    "saisaat.core.middleware.NoStoreForPersonalDataMiddleware",
)
# Last before Axes: a view that answers its own too-large upload renders with the user,
# the second-factor check and request.htmx already in place (nothing before reads the body).
_after(
    "django_htmx.middleware.HtmxMiddleware", "saisaat.core.middleware.RequestSizeLimitMiddleware"
)
# Axes turns a locked-out sign-in into its 429 page: it must wrap the login view's response.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Last, so that it sees the exceptions of the views first.
MIDDLEWARE.append("saisaat.core.middleware.FieldKeyErrorMiddleware")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the header's unread count (sessions begun under
    # ModelBackend sign in again once).
    "saisaat.accounts.backends.AccountBackend",
]

# Failed sign-ins: an account locks after SAISAAT_LOGIN_FAILURES_PER_ACCOUNT failures, an
# address after SAISAAT_LOGIN_FAILURES_PER_ADDRESS (an office often shares one address),
# both for SAISAAT_LOGIN_LOCKOUT_MINUTES after the last failure.
SAISAAT_LOGIN_FAILURES_PER_ADDRESS = envint("SAISAAT_LOGIN_FAILURES_PER_ADDRESS", "30")
AXES_FAILURE_LIMIT = envint("SAISAAT_LOGIN_FAILURES_PER_ACCOUNT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("SAISAAT_LOGIN_LOCKOUT_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "saisaat.accounts.throttling.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "saisaat.accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "saisaat.accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "saisaat.accounts.throttling.client_username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Two-step sign-in (TOTP, with recovery codes) for approvers, administrators and complaint
# officers: required in production, optional under DEBUG so that `make run` opens with the
# README's passwords alone. Whoever has enrolled is always asked for a code.
SAISAAT_REQUIRE_2FA = envbool("SAISAAT_REQUIRE_2FA", "false" if DEBUG else "true")
OTP_TOTP_ISSUER = os.environ.get("SAISAAT_OTP_ISSUER", "Saisaat")

# Sessions end after SAISAAT_SESSION_IDLE_MINUTES without a request and, whatever happens,
# SAISAAT_SESSION_MAX_HOURS after signing in.
SAISAAT_SESSION_IDLE_MINUTES = envint("SAISAAT_SESSION_IDLE_MINUTES", "30")
SAISAAT_SESSION_MAX_HOURS = envint("SAISAAT_SESSION_MAX_HOURS", "10")
SESSION_COOKIE_AGE = SAISAAT_SESSION_MAX_HOURS * 3600

# SAISAAT_HTTPS=true when the site is served over HTTPS (behind a proxy that sets
# X-Forwarded-Proto and strips it from clients): Secure cookies, HSTS, redirect to HTTPS.
SAISAAT_HTTPS = envbool("SAISAAT_HTTPS", "false")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "true" if SAISAAT_HTTPS else "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SAISAAT_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SAISAAT_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SAISAAT_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SAISAAT_HSTS_PRELOAD", "true")

# Content-Security-Policy: scripts only from this site (no inline script, no eval: htmx's
# hx-on and js: values are not used). Inline style stays allowed: templates use style
# attributes and print pages a <style> block, and htmx adds its indicator style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
