"""Django settings: every value comes from an environment variable with a default
that works on a fresh checkout (SQLite in ./data). Production is the default: debug
is off unless DEBUG=1 asks for it (`make run` does), so a deployment that forgets a
variable shows no tracebacks and sends secure-only cookies.

A hospital deployment sets at least SECRET_KEY, ALLOWED_HOSTS, SITE_URL, CLINIC_NAME
and CLINIC_PHONE; see docs/deploy.md.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1/0, true/false, yes/no or on/off")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: must be a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
DATA_DIR = Path(os.environ.get("BACKCOACH_DATA_DIR") or BASE_DIR / "data")
PROGRAMS_DIR = Path(os.environ.get("BACKCOACH_PROGRAMS_DIR") or BASE_DIR / "programs")
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (DEBUG=1 for development)"
        )
    # A development key, generated once and kept in the data directory so that
    # sessions survive restarts without anyone committing a key.
    key_file = DATA_DIR / "dev_secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])


def _site_url() -> str:
    """SITE_URL, checked at start: enrollment links, the leaflet's QR code and every FHIR
    address are built from it, and a wrong one would first show as a 500 on a FHIR read."""
    given = os.environ.get("SITE_URL", "").strip()
    value = given.rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        has_host = bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is no number
        has_host = False
    if (
        parts.scheme not in {"http", "https"}
        or not has_host
        or parts.query
        or parts.fragment
        or any(character.isspace() for character in value)
    ):
        raise ImproperlyConfigured(
            f"SITE_URL={given!r}: must be the public address, like "
            "https://backcoach.hospital.example (http or https, a host, no query)"
        )
    return value


# The deployment: who runs this Backcoach, and where patients find it.
SITE_URL = _site_url()
CLINIC_NAME = os.environ.get("CLINIC_NAME", "Polikliniek Neurologie")
CLINIC_PHONE = os.environ.get("CLINIC_PHONE", "")
# A player session still "in progress" this many hours after it started is closed
# as abandoned (docs/session.md): long past any real session, short enough that
# the diary and the clinic see it the same day.
SESSION_ABANDON_AFTER_HOURS = envint("SESSION_ABANDON_AFTER_HOURS", 6)
if SESSION_ABANDON_AFTER_HOURS < 1:
    raise ImproperlyConfigured(
        f"SESSION_ABANDON_AFTER_HOURS={SESSION_ABANDON_AFTER_HOURS}: must be at least 1"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",  # its table only until backcoach.sessions' migration 0002
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "backcoach.programs",
    "backcoach.leaflet",
    "backcoach.clinic",
    "backcoach.practice",
    "backcoach.diary",
    "backcoach.coach",
    "backcoach.sessions",
    # Clinician portal (issue 5): the NEN 7513 audit log, FHIR export, TOTP
    # second factor for clinicians and the admin, throttled failed logins.
    "backcoach.audit",
    "backcoach.interop",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    # First, so that its one access-log line per request has the final status,
    # static files and rejected hosts included (issue 12).
    "backcoach.serving.RequestIdMiddleware",
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a 413 before anything reads it.
    "backcoach.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database overload (busy timeout, refused connection) answers 503, never 500.
    "backcoach.overload.OverloadMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON; whitenoise serves static files pre-compressed itself.
    "backcoach.serving.GZipMiddleware",
    "backcoach.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the signed-in account from the session's own read (backcoach/sessions).
    "backcoach.sessions.middleware.AuthenticationMiddleware",
    # Marks request.user as verified once a TOTP code was accepted (issue 5).
    "django_otp.middleware.OTPMiddleware",
    "backcoach.diary.middleware.JudgeTodayMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out login into a 429 page; axes wants to be last (issue 5).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backcoach.urls"
WSGI_APPLICATION = "backcoach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backcoach" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "backcoach.context_processors.deployment",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'backcoach.sqlite3'}",
        # Each server thread keeps its connection (a new PostgreSQL connection per
        # request costs a backend process), checked before reuse.
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SQLite under concurrent writes (issue 11): WAL lets readers go on while one
# thread writes; IMMEDIATE takes the write lock when a transaction begins, so two
# writers queue on the busy timeout instead of one failing at its first write
# ("database is locked" when a read lock cannot be upgraded). The queue also
# serialises the audit chain. synchronous is FULL by default: an acknowledged
# write must survive a power cut, not only a crash of the server (NORMAL keeps
# it through a crash of the server but not of the machine). A writer that still waits
# longer than SQLITE_BUSY_TIMEOUT seconds gets a 503 (backcoach.overload).
SQLITE_BUSY_TIMEOUT = envint("SQLITE_BUSY_TIMEOUT", 20)
SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "FULL").upper()
if SQLITE_SYNCHRONOUS not in {"FULL", "NORMAL"}:
    raise ImproperlyConfigured(f"SQLITE_SYNCHRONOUS={SQLITE_SYNCHRONOUS!r}: use FULL or NORMAL")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same backend, with this process's writers queued on a lock (backcoach/sqlite).
    DATABASES["default"]["ENGINE"] = "backcoach.sqlite"
    # Tests keep SQLite's in-memory database, one per test worker: pytest-django knows
    # only Django's own engine name and would otherwise make up a file name for it.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT,
            "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, with a health check that sends no query (backcoach/postgres).
    DATABASES["default"]["ENGINE"] = "backcoach.postgres"
# Seconds an overloaded server asks the client to wait (Retry-After on a 503).
OVERLOAD_RETRY_AFTER = envint("OVERLOAD_RETRY_AFTER", 2)

# `backcoach serve` (gunicorn); see docs/deploy.md for the measurements behind the defaults.
# Worker processes: one Python process is bound by its GIL, several share the machine's cores.
SERVE_WORKERS = envint("SERVE_WORKERS", 3)
# Request threads in each worker; more than 1 selects gunicorn's gthread worker.
SERVE_THREADS = envint("SERVE_THREADS", 1)
# Seconds a request may take before its worker is killed and replaced (above
# SQLITE_BUSY_TIMEOUT, so a queued writer gets its 503 rather than a dropped connection).
SERVE_TIMEOUT = envint("SERVE_TIMEOUT", 60)
# Seconds an idle keep-alive connection is kept (gthread workers; sync workers close each).
SERVE_KEEPALIVE = envint("SERVE_KEEPALIVE", 5)
# The listen queue for connections no worker has accepted yet.
SERVE_BACKLOG = envint("SERVE_BACKLOG", 2048)
# Requests after which a worker is replaced (0: never).
SERVE_MAX_REQUESTS = envint("SERVE_MAX_REQUESTS", 0)
if SERVE_WORKERS < 1 or SERVE_THREADS < 1:
    raise ImproperlyConfigured("SERVE_WORKERS and SERVE_THREADS must be at least 1")

# The waitress settings before gunicorn: a hospital's old setting must not be ignored silently.
_RENAMED = {
    "WAITRESS_THREADS": "SERVE_WORKERS (processes) and SERVE_THREADS (threads in each)",
    "WAITRESS_BACKLOG": "SERVE_BACKLOG",
    "WAITRESS_CHANNEL_TIMEOUT": "SERVE_KEEPALIVE",
    "WAITRESS_CONNECTION_LIMIT": (
        "nothing: remove it (connections wait in the listen queue, SERVE_BACKLOG, "
        "until a worker is free)"
    ),
}
for _name in sorted(name for name in os.environ if name.startswith("WAITRESS_")):
    _replacement = _RENAMED.get(_name, "one of the SERVE_* settings")
    raise ImproperlyConfigured(
        f"{_name} is no longer read (`backcoach serve` runs gunicorn, not waitress); "
        f"its replacement is {_replacement}; see docs/deploy.md"
    )

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first: the leaflet's language. The browser's Accept-Language is honoured,
# and a choice made with the language switch is remembered in a cookie.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [BASE_DIR / "backcoach" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "backcoach" / "static"]
# In development whitenoise serves straight from the app folders; a deployment
# runs collectstatic (`backcoach serve` does it when DEBUG is off).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Production serves content-hashed, pre-compressed copies (whitenoise gives them a
# year's immutable caching); development serves the files as they are. Tests that
# have not run collectstatic need the plain storage: STATIC_MANIFEST=0.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "backcoach.serving.HashedStaticStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Clinician portal (issue 5). Failed logins are throttled per username and
# address (django-axes): after AXES_FAILURE_LIMIT failures that pair is locked
# out for LOGIN_LOCKOUT_MINUTES. A clinician's session also ends after
# CLINICIAN_IDLE_MINUTES without a request, on top of SESSION_COOKIE_AGE.
AUTHENTICATION_BACKENDS = [
    "backcoach.clinic.backends.ThrottledLoginBackend",
    # Django's ModelBackend, reading the patient or clinician with the user.
    "backcoach.clinic.backends.AccountBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying: failures from one address across all user names, counted from
# axes's records over the same cool-off (clinic/throttle.py). Higher than the pair's
# limit, since a hospital's clinicians may share one address.
LOGIN_FAILURES_PER_ADDRESS = envint("LOGIN_FAILURES_PER_ADDRESS", 20)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address as the audit log sees it (behind a trusted proxy too).
AXES_CLIENT_IP_CALLABLE = "backcoach.proxy.client_address"
AXES_LOCKOUT_CALLABLE = "backcoach.clinic.throttle.login_lockout_response"
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Backcoach")
CLINICIAN_IDLE_MINUTES = envint("CLINICIAN_IDLE_MINUTES", 30)
ACTIVATION_CODE_DAYS = envint("ACTIVATION_CODE_DAYS", 30)
# Activation guessing (clinic/throttle.py): wrong codes per address, and tries of one
# code from anywhere, within ACTIVATION_LOCKOUT_MINUTES.
ACTIVATION_FAILURES_PER_ADDRESS = envint("ACTIVATION_FAILURES_PER_ADDRESS", 10)
ACTIVATION_FAILURES_PER_CODE = envint("ACTIVATION_FAILURES_PER_CODE", 5)
ACTIVATION_LOCKOUT_MINUTES = envint("ACTIVATION_LOCKOUT_MINUTES", 15)
LOGIN_URL = "account:login"

# Request bodies over this many bytes get a 413 (backcoach/limits.py). 2.5 MB holds a
# year of a device's history upload with room to spare; single API fields have their
# own, smaller limits in the schemas (422 naming the field).
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("MAX_REQUEST_BYTES", 2_621_440)

# Django's database sessions, read with the signed-in account in one query (backcoach/sessions).
SESSION_ENGINE = "backcoach.sessions.store"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS: the proxy terminates TLS; these make the browser stay on it (issue 12).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# /healthz answers monitoring over plain HTTP on loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind the hospital's reverse proxy (issue 12). TRUSTED_PROXIES are the addresses
# the proxy connects from; only from them are X-Forwarded-For, X-Forwarded-Proto and
# X-Request-ID believed (backcoach/proxy.py). TRUSTED_PROXY_HOPS: how many proxies in
# a row (a load balancer in front of nginx is 2).
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])
TRUSTED_PROXY_HOPS = envint("TRUSTED_PROXY_HOPS", 1)
if TRUSTED_PROXY_HOPS < 1:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_HOPS={TRUSTED_PROXY_HOPS}: must be 1 or more")
if TRUSTED_PROXIES:
    # Safe only because untrusted peers' X-Forwarded-Proto is removed beforehand.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "backcoach.serving.OneLineWarning"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # A bad Host header is someone else's mistake or a probe: one warning line.
        "django.security.DisallowedHost": {"handlers": ["one_line"], "propagate": False},
        # The 4xx lines duplicate the access log.
        "django.request": {"level": "ERROR"},
        # django-axes says every successful login, logout and cleanup at INFO (four lines
        # per login); failed logins and lockouts, which someone should see, are WARNING.
        "axes": {"level": "WARNING"},
    },
}
