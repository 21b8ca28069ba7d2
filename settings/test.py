"""Test settings: fast hasher, plain static storage, mail kept in memory."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media-test"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run in process; the tests that need a real worker turn this off themselves.
CELERY_TASK_ALWAYS_EAGER = True
SMS_BACKEND = "accounts.sms.LocmemSMSSender"
# The request log is off in tests; tests of it turn it on themselves.
REQUEST_LOG_ENABLED = False
# Cookie groups are cached per test process: test runs sharing a Redis cache (and
# tests that clear it) never make a page's first query count depend on each other.
CACHES = {
    **CACHES,  # noqa: F405
    "cookie_consent": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "consent"},
}
COOKIE_CONSENT_CACHE_BACKEND = "cookie_consent"
