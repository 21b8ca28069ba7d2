"""Production: PostgreSQL, Redis, Celery workers and beat, HTTPS.

Refuses to start without a real secret key and allowed hosts.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATABASES, MIDDLEWARE, REDIS_URL, STORAGES
from .env import env_bool, env_int, env_list, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")

# HTTPS everywhere (TLS terminates at the load balancer, which sets X-Forwarded-Proto).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Cookies: HTTPS only; no script reads the session or the CSRF cookie (forms carry the
# token), so neither is readable from JavaScript. SameSite=Lax keeps links from other
# sites signed in while cross-site posts go without the cookies.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Any http:// address left in content is fetched over HTTPS.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# Persistent database connections (checked before reuse): a request, or the request
# log's batch insert, does not pay for a new connection.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)

# Stateless web processes: sessions in the cache with the database behind it.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# WhiteNoise serves the collected, hashed static files right after the security-header
# middleware (SecurityMiddleware, CSP, Permissions-Policy), so static files get them too.
_AFTER_HEADERS = MIDDLEWARE.index("core.security_headers.PermissionsPolicyMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_AFTER_HEADERS],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_AFTER_HEADERS:],
]

STORAGES = {
    **STORAGES,  # keeps the private storage for data-export archives
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
COOKIE_CONSENT_SECURE = True

# Mailgun sends mail and reports bounces: without the signing key every webhook call
# would be refused, and bounced addresses would never be suppressed.
if env_str("MAILGUN_API_KEY") and not env_str("MAILGUN_WEBHOOK_SIGNING_KEY"):
    raise ImproperlyConfigured("Set MAILGUN_WEBHOOK_SIGNING_KEY along with MAILGUN_API_KEY.")

# Invoices name the seller: without a real one none can be issued.
if not (env_str("PAYMENTS_SELLER_NAME") and env_str("PAYMENTS_SELLER_TAX_ID")):
    raise ImproperlyConfigured(
        "Set PAYMENTS_SELLER_NAME and PAYMENTS_SELLER_TAX_ID (the seller on invoices)."
    )

# Links in emails and the addresses payment providers call back come from this.
if not env_str("WAGTAILADMIN_BASE_URL", "").startswith("https://"):
    raise ImproperlyConfigured("Set WAGTAILADMIN_BASE_URL to the site's https:// address.")
