"""Maillage settings: everything comes from the environment, with safe defaults.

Two runtime modes (see DESIGN.md): with no service configured, Maillage runs on a
SQLite file with an in-memory channel layer, local-memory cache and in-process
tasks; with DATABASE_URL and REDIS_URL set, on PostgreSQL and Redis.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from community.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

INSECURE_SECRET_KEYS = {"", "change-me", "changeme", "secret", "django-insecure-dev-only"}
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY in INSECURE_SECRET_KEYS or SECRET_KEY.startswith("django-insecure"):
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value when DEBUG is off "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = "django-insecure-dev-only"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "channels",
    "django_htmx",
    "taggit",
    "allauth",
    "allauth.account",
    "members.apps.TwoFactorConfig",  # allauth.mfa, named in French too
    "common",
    "members",
    "analytics",
    "spaces",
    "events",
    "content",
    "partners",
    "community",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in member read by a compiled query (members/auth.py).
    "members.auth.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffMustUseTwoFactorMiddleware",
    "members.middleware.ViewerTimeZoneMiddleware",
    # Innermost: the view and what it writes run in one transaction, refusals included.
    "common.middleware.AtomicWritesMiddleware",
    "common.middleware.RateLimitMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "community.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.notifications",
            ],
        },
    },
]
# Selects write their options inline instead of including a template for each.
FORM_RENDERER = "common.renderers.FormRenderer"

# Database: one DATABASE_URL; default is a SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
# Both servers run requests in threads (the pages' gthread workers; the sockets' server runs
# Django's synchronous code in threads of its own), and a persistent connection
# (DATABASE_CONN_MAX_AGE) stays open in every idle thread until PostgreSQL refuses new
# clients. The servers use psycopg's pool instead: at most DATABASE_POOL_SIZE connections per
# process, handed back at the end of each request (docker-compose.yml sets it; the pages'
# server wants at least WEB_THREADS).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A form's list of choices (ModelChoiceField) reads through .iterator(), which on
    # PostgreSQL opens a server-side cursor: three round trips for a dozen rows. Plain
    # cursors read them in one (and work behind a transaction-pooling pgbouncer).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # Values bound on the server, so that common.prepared's queries are prepared there and
    # planned once (common/prepared.py says which and why). Off (values bound in the
    # client, nothing prepared) behind a pgbouncer in transaction mode older than 1.21,
    # which cannot keep a prepared statement.
    if env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DATABASE_POOL_SIZE = env_int("DATABASE_POOL_SIZE", 0)
if DATABASE_POOL_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured(
            "DATABASE_POOL_SIZE and DATABASE_CONN_MAX_AGE exclude each other: the pool keeps "
            "the connections open; unset DATABASE_CONN_MAX_AGE."
        )
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_SIZE,
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: unset means the embedded mode (memory channel layer, local cache, tasks in process).
REDIS_URL = env_str("REDIS_URL")
CHANNEL_LAYER_BACKENDS = {
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
    "core": "channels_redis.core.RedisChannelLayer",
}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "common.cache.RedisCache", "LOCATION": REDIS_URL}}
    # The channel layer behind every socket (CHANNEL_LAYER; bench/space_chat.py measures
    # both): "pubsub" publishes a group message once and each server process hands it to its
    # own sockets; "core", channels-redis' default, queues one copy per socket in Redis.
    CHANNEL_LAYER = env_str("CHANNEL_LAYER", "pubsub")
    if CHANNEL_LAYER not in CHANNEL_LAYER_BACKENDS:
        raise ImproperlyConfigured(
            f"CHANNEL_LAYER must be one of {', '.join(CHANNEL_LAYER_BACKENDS)}, "
            f"not {CHANNEL_LAYER!r}."
        )
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": CHANNEL_LAYER_BACKENDS[CHANNEL_LAYER],
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("CHANNELS_PREFIX", "maillage")},
        }
    }
    # Sessions read from Redis, written through to the database: one query less per request.
    # Only with a cache all processes share (a process's own memory would keep a session
    # another one ended). The account is still read from the database on every request, so
    # a deactivated or erased member is signed out at once.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "America/Toronto"
# Celery beat (docker-compose.yml runs it). Without Redis there is no beat: run
# `manage.py send_event_reminders` from cron instead.
CELERY_BEAT_SCHEDULE = {
    "events-send-reminders": {"task": "events.tasks.send_event_reminders", "schedule": 300.0},
}

AUTH_USER_MODEL = "members.User"
# Django's and allauth's, reading the signed-in member by a compiled query (members/auth.py).
AUTHENTICATION_BACKENDS = [
    "members.auth.ModelBackend",
    "members.auth.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login, verified before first log-in; rate limits on.
SITE_ID = 1
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Maillage] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Maillage"

# Internationalization: French first, English complete.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "maillage_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Public media (avatars, covers) under MEDIA_ROOT, which a proxy may serve as it is; private
# files (attachments) under PRIVATE_MEDIA_ROOT, outside it, only through the views that check
# who may read them (common.files.PrivateStorage).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
if PRIVATE_MEDIA_ROOT.resolve().is_relative_to(
    MEDIA_ROOT.resolve()
) or MEDIA_ROOT.resolve().is_relative_to(PRIVATE_MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured(
        "PRIVATE_MEDIA_ROOT and MEDIA_ROOT must be two separate folders, neither inside the "
        "other: anyone may read what lies under MEDIA_ROOT."
    )
# When set (nginx: "/_private/", an internal location aliasing PRIVATE_MEDIA_ROOT), a private
# file's answer is empty with X-Accel-Redirect: the proxy sends the file. Empty: Maillage
# streams it.
PRIVATE_MEDIA_ACCEL_PREFIX = env_str("PRIVATE_MEDIA_ACCEL_PREFIX")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads larger than this are refused before they reach a form; forms set tighter limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Email: console in development, SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maillage <no-reply@maillage.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Security: strict by default outside DEBUG; a TLS proxy sits in front in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy (django-csp) on every page: scripts and styles come only from our
# own static files: no inline script, no style="" attribute, no eval (htmx is told so by its
# meta tag in base.html). Images may be https (posts) or data: (allauth's TOTP QR code).
# 'self' in connect-src covers our same-origin ws:/wss: WebSockets in current browsers
# (Chromium, Firefox, Safari since 16); SITE_URL's WebSocket origin is named for older ones.
# A response that sets its own policy keeps it (spaces.views.posts.attachment).
_site = urlsplit(SITE_URL)
_site_websocket = f"{_site.scheme.replace('http', 'ws', 1)}://{_site.netloc}"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "connect-src": [SELF, _site_websocket],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "daphne": {"level": "WARNING"},
        # Tasks run in process say "Task ... succeeded" for every email: the worker's log
        # wants that line, the web server's terminal does not.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

# Maillage's own settings.
MAILLAGE_IMAGE_MAX_BYTES = 5 * 1024 * 1024
MAILLAGE_IMAGE_MAX_PIXELS = 40_000_000
MAILLAGE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
MAILLAGE_DIRECTORY_PAGE_SIZE = 24
# common.prepared: also compile each prepared query the usual way and refuse a difference
# (the test suite turns it on; it costs what preparing saves).
MAILLAGE_CHECK_PREPARED = env_bool("MAILLAGE_CHECK_PREPARED", default=False)
MAILLAGE_STAFF_REQUIRE_TWO_FACTOR = env_bool("STAFF_REQUIRE_TWO_FACTOR", default=True)
# Public media (avatars, covers) are served by Maillage itself; 0 when a proxy serves MEDIA_ROOT.
MAILLAGE_SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
# Every write a member makes is rate limited (common.ratelimit): "count/period", per
# member (per address for visitors), s/m/h/d with an optional multiple ("30/10m").
MAILLAGE_RATE_LIMITS = {
    "signup": "10/h",
    "space_create": "10/h",
    "join_request": "30/h",
    "invitation": "60/h",
    "thread": "10/10m",
    "reply": "30/10m",
    "post_edit": "60/10m",
    "reaction": "120/10m",
    "chat_message": "8/10s",
    "direct_message": "30/m",
    "conversation": "20/h",
    "block": "30/h",
    "report": "20/h",
    "moderation": "300/h",
    "profile_edit": "60/h",
    "registration": "60/h",
    "meeting_request": "30/h",
    "meeting_answer": "120/h",
    "table_seat": "60/h",
    "table_notes": "120/h",
    "live_question": "10/10m",
    "live_vote": "120/10m",
    "feedback": "20/h",
    "staff_action": "600/h",
    "settings": "60/h",
}
TAGGIT_TAGS_FROM_STRING = "members.tags.split_on_commas"
TAGGIT_STRING_FROM_TAGS = "members.tags.join_with_commas"
TAGGIT_CASE_INSENSITIVE = True
# Apps that offer items to the home feed: functions (user, *, before, limit) -> [FeedItem].
MAILLAGE_FEED_SOURCES = ["spaces.feed.feed_items"]
