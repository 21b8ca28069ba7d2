"""R-OPS-1: configuration from the environment; production refuses unsafe settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from settings.env import env_list, redis_db_url

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k" * 20 + "-production-secret-for-the-deploy-check-0123456789"
PRODUCTION_BASICS = {
    "WAGTAILADMIN_BASE_URL": "https://longtang.example",
    "PAYMENTS_SELLER_NAME": "Longtang Ltd",
    "PAYMENTS_SELLER_TAX_ID": "91310000MA1K000001",
}


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cache_and_broker_use_separate_redis_databases():
    assert redis_db_url("redis://127.0.0.1:6379/0", 1) == "redis://127.0.0.1:6379/1"
    assert redis_db_url("redis://:pw@cache:6380", 2) == "redis://:pw@cache:6380/2"


def test_redis_url_configures_cache_and_broker_apart():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django;from django.conf import settings;django.setup();"
            "print(settings.CACHES['default']['LOCATION']);print(settings.CELERY_BROKER_URL);"
            "print(settings.CELERY_TASK_ALWAYS_EAGER)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "settings.dev", "REDIS_URL": "redis://r:6379/0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["redis://r:6379/1", "redis://r:6379/0", "False"]


def test_without_redis_tasks_run_eagerly_and_cache_is_local():
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django;from django.conf import settings;django.setup();"
            "print(settings.CACHES['default']['BACKEND']);print(settings.CELERY_TASK_ALWAYS_EAGER)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "settings.dev"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "True"]


def test_env_list_parses_commas_and_spaces(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " longtang.example , www.longtang.example,,")
    assert env_list("SOME_HOSTS") == ["longtang.example", "www.longtang.example"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "longtang.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-change-me", "ALLOWED_HOSTS": "x.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_SECRET}, "ALLOWED_HOSTS"),
        (
            {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "x.example", "MAILGUN_API_KEY": "key-test"},
            "MAILGUN_WEBHOOK_SIGNING_KEY",
        ),
        ({"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "x.example"}, "PAYMENTS_SELLER_NAME"),
        (
            {
                "SECRET_KEY": GOOD_SECRET,
                "ALLOWED_HOSTS": "x.example",
                **PRODUCTION_BASICS,
                "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
            },
            "WAGTAILADMIN_BASE_URL",
        ),
    ],
)
def test_production_refuses_to_start_without_secret_and_hosts(env, message):
    result = run_manage("check", DJANGO_SETTINGS_MODULE="settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_deploy_check_is_clean_with_documented_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="longtang.example",
        **PRODUCTION_BASICS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_https_only_and_hidden_from_scripts():
    code = (
        "import django;from django.conf import settings as s;django.setup();"
        "from csp.utils import build_policy;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE,"
        " s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE);"
        "print('upgrade-insecure-requests' in build_policy());"
        "print(s.MIDDLEWARE.index('whitenoise.middleware.WhiteNoiseMiddleware')"
        " > s.MIDDLEWARE.index('core.security_headers.PermissionsPolicyMiddleware'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "settings.production",
            "SECRET_KEY": GOOD_SECRET,
            "ALLOWED_HOSTS": "longtang.example",
            **PRODUCTION_BASICS,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "True",
        "True",
        "Lax",
        "True",
        "True",
        "Lax",
        "True",
        "Lax",
        "True",
        "True",
    ], result.stderr
