"""Test settings: fast hasher, plain static storage, mail kept in memory."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import redis_db_url

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# anymail's test backend keeps mail in django.core.mail.outbox, with what it would
# have handed to the provider (merge data, headers, metadata) on each message.
EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": "test-webhook-signing-key"}
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
# pytest-xdist workers (gw0, gw1 …) each get their own Redis cache database, so one
# worker emptying its cache between tests never touches another's.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    CACHES["default"]["LOCATION"] = redis_db_url(REDIS_URL, 8 + int(_XDIST_WORKER[2:]) % 8)  # noqa: F405
    CACHES["pages"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
# The demo seller and bank account, as in development.
PAYMENTS_SELLER = with_demo(PAYMENTS_SELLER, DEMO_PAYMENTS_SELLER)  # noqa: F405
PAYMENTS_BANK_ACCOUNT = with_demo(PAYMENTS_BANK_ACCOUNT, DEMO_PAYMENTS_BANK_ACCOUNT)  # noqa: F405
