"""Production: PostgreSQL, Redis, Celery workers and beat, HTTPS.

Refuses to start without a real secret key and allowed hosts.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, REDIS_URL, STORAGES
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
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Stateless web processes: sessions in the cache with the database behind it.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# WhiteNoise serves the collected, hashed static files right after SecurityMiddleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]

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
