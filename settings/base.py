"""Settings shared by every environment. Values come from environment variables."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from search.backends_config import search_backends

from .env import env_bool, env_decimal, env_int, env_list, env_str, redis_db_url

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Longtang
    "core",
    "accounts",
    "home",
    "search",
    "classifieds",
    "directory",
    "events",
    "privacy",
    "privacy_pages",
    "messaging",
    "support",
    "newsletters",
    "payments",
    "articles",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",  # purges the front cache on publish
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.LongtangUsersAppConfig",  # wagtail.users with verification columns
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_celery_beat",
    "cookie_consent",
    "allauth",
    "allauth.account",
    "django_countries",
    "import_export",
    "anymail",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Anonymous pages (core/page_cache.py): first, so a hit runs no other middleware;
    # the stored copy carries the headers all of them gave it.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.request_log.RequestLogMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.security_headers.ContentSecurityPolicyMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.request_guard.RejectControlCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "privacy.consent.CleanCookiesMiddleware",
    "privacy.consent.ConsentVaryMiddleware",
]

# Security headers on every response (core/security_headers.py). SecurityMiddleware
# sends nosniff, the referrer policy and the opener policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp 4): no inline script or style on the public site,
# except a <script> carrying the request's nonce (the editors' consented snippets).
# CSP_EXTRA_ORIGINS: hosts an analytics or advertising snippet loads from, comma-separated.
_CSP_EXTRA = env_list("CSP_EXTRA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, *_CSP_EXTRA],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_CSP_EXTRA],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_CSP_EXTRA],
        "frame-src": ["'self'", *_CSP_EXTRA],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"report-uri": env_str("CSP_REPORT_URI")} if env_str("CSP_REPORT_URI") else {}),
    }
}
# Wagtail's admin and the Django admin write inline scripts and styles: there, inline
# code is allowed, other origins still are not, and the page preview may be framed.
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browser features no page needs, off everywhere ("()": allowed for no origin).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"
ASGI_APPLICATION = "settings.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis: cache in one database, Celery broker in another (an evicting cache must
# never drop queued tasks). Without REDIS_URL: local-memory cache, eager tasks.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ReusingRedisCache",
            "LOCATION": redis_db_url(REDIS_URL, env_int("REDIS_CACHE_DB", 1)),
            "KEY_PREFIX": "longtang",
        },
        "pages": {
            "BACKEND": "core.cache_backends.ReusingRedisCache",
            "LOCATION": redis_db_url(REDIS_URL, env_int("REDIS_CACHE_DB", 1)),
            "KEY_PREFIX": "longtang-pages",
        },
    }
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", redis_db_url(REDIS_URL, env_int("REDIS_BROKER_DB", 0)))
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "longtang"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "longtang-pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not env_str("CELERY_BROKER_URL"))

# Anonymous page cache (core/page_cache.py): how long a public page is kept, in
# seconds; content changes purge it sooner. 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

# Front cache (deploy/varnish/default.vcl, docs/front-cache.md): Wagtail purges a
# page's addresses from Varnish when it is published or unpublished, and
# core.page_cache.purge_paths does on other content changes. Set
# FRONTEND_CACHE_VARNISH_URL to where Varnish listens (http://127.0.0.1:6081);
# without it no front cache is configured and nothing is purged.
FRONTEND_CACHE_VARNISH_URL = env_str("FRONTEND_CACHE_VARNISH_URL")
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_VARNISH_URL,
        }
    }
    if FRONTEND_CACHE_VARNISH_URL
    else {}
)

# Celery: at-least-once delivery; every task is written to be idempotent.
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Internationalisation: English and Simplified Chinese, times stored in UTC and
# shown in Shanghai time.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats where Django's read oddly (core/formats/zh_Hans/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "longtang_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "core" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email (django-anymail): the console without configuration; Mailgun once
# MAILGUN_API_KEY is set (EMAIL_BACKEND still overrides either).
MAILGUN_API_KEY = env_str("MAILGUN_API_KEY")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "anymail.backends.mailgun.EmailBackend"
    if MAILGUN_API_KEY
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Longtang <hello@longtang.local>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ANYMAIL = {
    key: value
    for key, value in {
        "MAILGUN_API_KEY": MAILGUN_API_KEY,
        "MAILGUN_SENDER_DOMAIN": env_str("MAILGUN_SENDER_DOMAIN"),
        "MAILGUN_API_URL": env_str("MAILGUN_API_URL"),  # https://api.eu.mailgun.net/v3 for EU domains
        # Mailgun signs every webhook call with this key (HMAC-SHA256 of timestamp + token).
        "MAILGUN_WEBHOOK_SIGNING_KEY": env_str("MAILGUN_WEBHOOK_SIGNING_KEY"),
        # "user:password" for HTTP basic auth in front of the webhook URLs.
        "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET"),
    }.items()
    if value
}
# A signed webhook call older than this is refused, and so is any token seen before.
MAIL_WEBHOOK_MAX_AGE_SECONDS = env_int("MAIL_WEBHOOK_MAX_AGE_SECONDS", 12 * 60 * 60)
# Newsletters: the address one-click unsubscribe mails go to (List-Unsubscribe mailto).
NEWSLETTER_UNSUBSCRIBE_MAILTO = env_str("NEWSLETTER_UNSUBSCRIBE_MAILTO", "unsubscribe@longtang.local")
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 1000)
NEWSLETTER_PROMOTIONS_PER_MONTH = 2
# Mailchimp (optional): audiences mirrored when MAILCHIMP_API_KEY is set.
MAILCHIMP_API_KEY = env_str("MAILCHIMP_API_KEY")
MAILCHIMP_SERVER = env_str("MAILCHIMP_SERVER")  # the data centre, e.g. "us21"
MAILCHIMP_API_HOST = env_str("MAILCHIMP_API_HOST")  # empty: Mailchimp's own API address
MAILCHIMP_LANGUAGE_MERGE_FIELD = env_str("MAILCHIMP_LANGUAGE_MERGE_FIELD")  # e.g. "LANGUAGE"

# Wagtail
WAGTAIL_SITE_NAME = "Longtang"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: the database backend taught Chinese, or Elasticsearch/OpenSearch when SEARCH_URL
# is set (search/backends_config.py; README "Search").
WAGTAILSEARCH_BACKENDS = search_backends(
    env_str("SEARCH_URL"),
    index_prefix=env_str("SEARCH_INDEX_PREFIX", "longtang_"),
    tokenizer=env_str("SEARCH_TOKENIZER", "smartcn"),
)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# "Translate" creates the other language's page as a draft; it goes live only when a
# translator publishes it in the translation editor (core/translation.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

LONGTANG_CITY_NAME = _("Shanghai")

# Beat schedule: django-celery-beat copies these entries into its database tables,
# where staff can change them in the Django admin.
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    "expire-listings": {"task": "classifieds.tasks.expire_listings", "schedule": 15 * 60.0},
    "listing-expiry-reminders": {"task": "classifieds.tasks.send_expiry_reminders", "schedule": 60 * 60.0},
}
# Events: open-ended repeating events keep their dates stored a year ahead.
CELERY_BEAT_SCHEDULE["events-extend-repeating"] = {
    "task": "events.tasks.refresh_recurring_events",
    "schedule": crontab(hour=4, minute=10),
}

# Newsletters: scheduled campaigns start, and sends that stopped half-way resume.
CELERY_BEAT_SCHEDULE["newsletters-send-due"] = {
    "task": "newsletters.tasks.send_due_campaigns",
    "schedule": 60.0,
}

# Accounts (django-allauth): username or email log-in, verified email before posting,
# rate-limited failures, no account enumeration.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "add_email": "accounts.forms.AddEmailForm"}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # no sign-in (so no posting) before the address is confirmed
ACCOUNT_CHANGE_EMAIL = True  # the new address replaces the old one only once verified
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None  # a "Remember me" box
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Longtang] "
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "longtang", "support", "staff", "root"]
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,3/h/key",
}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # "Remember me" keeps a session for 30 days

# Profiles
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 40_000_000
AVATAR_SIZE = 512
SMS_BACKEND = env_str("SMS_BACKEND", "accounts.sms.ConsoleSMSSender")
PHONE_DEFAULT_REGION = "CN"
PHONE_CODE_TTL_MINUTES = 10
PHONE_CODE_MAX_ATTEMPTS = 5
PHONE_CODE_RESEND_SECONDS = 60
PHONE_CODES_PER_DAY = 5

# Privacy (issue 8): request log, data export, retention, cookie consent.
# Request log (R-LOG-1): IPs truncated to /24 (IPv4) or /48 (IPv6) before storage.
REQUEST_LOG_ENABLED = env_bool("REQUEST_LOG_ENABLED", True)
REQUEST_LOG_SAMPLE_RATE = float(env_str("REQUEST_LOG_SAMPLE_RATE", "1.0"))
REQUEST_LOG_BATCH_SIZE = env_int("REQUEST_LOG_BATCH_SIZE", 50)
REQUEST_LOG_FLUSH_SECONDS = env_int("REQUEST_LOG_FLUSH_SECONDS", 10)
REQUEST_LOG_RETENTION_DAYS = env_int("REQUEST_LOG_RETENTION_DAYS", 90)
REQUEST_LOG_TRUSTED_PROXIES = env_int("REQUEST_LOG_TRUSTED_PROXIES", 0)
REQUEST_LOG_MIN_GROUP_SIZE = 5
# Data export (R-PRIV-2): archives live in private storage, never under MEDIA_URL.
PRIVACY_EXPORT_ROOT = Path(env_str("PRIVACY_EXPORT_ROOT", str(BASE_DIR / "private" / "exports")))
STORAGES["privacy_exports"] = {
    "BACKEND": env_str("PRIVACY_EXPORT_STORAGE_BACKEND", "privacy.storage.PrivateFileSystemStorage"),
    "OPTIONS": {"location": PRIVACY_EXPORT_ROOT},
}
# Documents members send as proof (business licences): private, served by no URL.
STORAGES["private_documents"] = {
    "BACKEND": "privacy.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": Path(env_str("PRIVATE_DOCUMENTS_ROOT", str(BASE_DIR / "private" / "documents")))},
}
PRIVACY_EXPORT_RETENTION_DAYS = 7
PRIVACY_EXPORT_LINK_MAX_AGE_DAYS = 7
PRIVACY_EXPORT_MIN_INTERVAL_MINUTES = 60
# Retention (R-PRIV-4): rows per batch and batches per model per run.
PRIVACY_RETENTION_BATCH_SIZE = 500
PRIVACY_RETENTION_MAX_BATCHES = 20
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "privacy.tasks.apply_retention",
    "schedule": crontab(hour=3, minute=30),
}
# Cookie consent (R-LOG-2): plain forms post to /consent/ and come back to the page.
COOKIE_CONSENT_NAME = "cookie_consent"
COOKIE_CONSENT_SUCCESS_URL = "/"
COOKIE_CONSENT_LOG_ENABLED = True

# Classifieds
CLASSIFIEDS_LISTING_DAYS = env_int("CLASSIFIEDS_LISTING_DAYS", 30)
CLASSIFIEDS_BUMP_COOLDOWN_HOURS = 24
CLASSIFIEDS_REMINDER_DAYS_BEFORE = 3
CLASSIFIEDS_AUTO_APPROVE_TRUSTED = env_bool("CLASSIFIEDS_AUTO_APPROVE_TRUSTED", False)
CLASSIFIEDS_FREE_JOB_POSTS = env_bool(
    "CLASSIFIEDS_FREE_JOB_POSTS", False
)  # off: a job post takes a job credit
CLASSIFIEDS_POSTS_PER_DAY = 10
CLASSIFIEDS_POSTS_PER_DAY_NEW = 3  # accounts younger than CLASSIFIEDS_NEW_ACCOUNT_DAYS
CLASSIFIEDS_NEW_ACCOUNT_DAYS = 7
CLASSIFIEDS_DELETED_RETENTION_DAYS = 90
CLASSIFIEDS_SAVED_SEARCHES_MAX = 20  # per member
CLASSIFIEDS_SAVED_SEARCH_QUERY_MAX = 1000  # characters of a browse query that may be saved
CLASSIFIEDS_SAVED_SEARCH_DIGEST_MAX = 20  # listings in one daily digest email
# Saved-search digests: once a day, in the morning (Asia/Shanghai, CELERY_TIMEZONE).
CELERY_BEAT_SCHEDULE["saved-search-digests"] = {
    "task": "classifieds.tasks.send_saved_search_digests",
    "schedule": crontab(hour=8, minute=0),
}
LISTING_MAX_PHOTOS = 10
LISTING_PHOTO_MAX_BYTES = 10 * 1024 * 1024
LISTING_PHOTO_MAX_PIXELS = 50_000_000
REVIEW_MAX_PHOTOS = 4
REVIEW_PHOTO_MAX_BYTES = 10 * 1024 * 1024

# Spreadsheet import/export (django-import-export), in the Django admin for every app.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# Payments. Prices include tax; invoices show the tax part at this rate.
PAYMENTS_TAX_RATE = env_decimal("PAYMENTS_TAX_RATE", "0.06")
PAYMENTS_ORDER_HOURS = 2  # WeChat Pay / Alipay orders wait this long for payment
PAYMENTS_BANK_ORDER_HOURS = 24 * 7  # a bank transfer takes days to arrive
PAYMENTS_QUERY_EVERY_MINUTES = 5
CELERY_BEAT_SCHEDULE["payments-check-pending-orders"] = {
    "task": "payments.tasks.check_pending_orders",
    "schedule": timedelta(minutes=PAYMENTS_QUERY_EVERY_MINUTES),
}
PAYMENTS_INVOICE_RETENTION_DAYS = 10 * 366  # invoices are kept ten years for the tax office
# The seller on invoices and the account bank transfers go to. Production must set
# them (settings/production.py refuses to start without the seller); development and
# tests fill the gaps with the demo company below so checkout works out of the box.
PAYMENTS_SELLER = {
    "name": env_str("PAYMENTS_SELLER_NAME"),
    "address": env_str("PAYMENTS_SELLER_ADDRESS"),
    "tax_id": env_str("PAYMENTS_SELLER_TAX_ID"),
    "email": env_str("PAYMENTS_SELLER_EMAIL"),
}
PAYMENTS_BANK_ACCOUNT = {  # bank transfer is offered once an account number is set
    "bank": env_str("PAYMENTS_BANK_NAME"),
    "account_name": env_str("PAYMENTS_BANK_ACCOUNT_NAME"),
    "account_number": env_str("PAYMENTS_BANK_ACCOUNT_NUMBER"),
}
DEMO_PAYMENTS_SELLER = {
    "name": "Longtang Community Media Co., Ltd. (demo)",
    "address": "Room 1203, 88 Julu Road, Jing'an District, Shanghai",
    "tax_id": "91310106MA1FL0NG8X",
    "email": "billing@longtang.example",
}
DEMO_PAYMENTS_BANK_ACCOUNT = {
    "bank": "China Merchants Bank, Shanghai Jing'an Branch",
    "account_name": "Longtang Community Media Co., Ltd. (demo)",
    "account_number": "1219 0888 6610 001",
}


def with_demo(configured, demo):
    """``configured`` with its empty values taken from ``demo`` (development and tests)."""
    return {key: configured.get(key) or value for key, value in demo.items()}


# WeChat Pay, Native (QR code) payments through the APIv3 client. Offered once the
# merchant is configured. Keys are files (PEM). WeChat Pay's signatures are checked with
# the WeChat Pay public key ("public_key" mode, what new merchants get) or with the
# platform certificates kept in WECHAT_PAY_PLATFORM_CERT_DIR ("certificate" mode: a
# writable directory; the client downloads the certificates into it when it finds none,
# and again when WeChat Pay starts signing with a new one).
PAYMENTS_WECHAT = {
    "mchid": env_str("WECHAT_PAY_MCHID"),
    "appid": env_str("WECHAT_PAY_APPID"),
    "api_v3_key": env_str("WECHAT_PAY_API_V3_KEY"),
    "private_key_file": env_str("WECHAT_PAY_PRIVATE_KEY_FILE"),  # the merchant API key
    "cert_serial_no": env_str("WECHAT_PAY_CERT_SERIAL_NO"),  # of the merchant API certificate
    "verify_with": env_str("WECHAT_PAY_VERIFY_WITH", "public_key"),  # or "certificate"
    "public_key_id": env_str("WECHAT_PAY_PUBLIC_KEY_ID"),
    "public_key_file": env_str("WECHAT_PAY_PUBLIC_KEY_FILE"),
    "platform_cert_dir": env_str("WECHAT_PAY_PLATFORM_CERT_DIR"),
    # https://api2.mch.weixin.qq.com is WeChat Pay's backup domain.
    "gateway": env_str("WECHAT_PAY_GATEWAY", "https://api.mch.weixin.qq.com"),
    "timeout": env_int("WECHAT_PAY_TIMEOUT_SECONDS", 10),
}
# Alipay page pay (the buyer is sent to Alipay's cashier), RSA2 signatures. Offered once
# the app id and both keys are configured.
PAYMENTS_ALIPAY = {
    "app_id": env_str("ALIPAY_APP_ID"),
    "app_private_key_file": env_str("ALIPAY_APP_PRIVATE_KEY_FILE"),
    "alipay_public_key_file": env_str("ALIPAY_PUBLIC_KEY_FILE"),
    "gateway": env_str("ALIPAY_GATEWAY", "https://openapi.alipay.com/gateway.do"),
    "timeout": env_int("ALIPAY_TIMEOUT_SECONDS", 15),
}
