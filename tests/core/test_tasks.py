"""R-OPS: Celery configuration, on-commit enqueueing and a real worker round trip."""

import os
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core.tasks import HEARTBEAT_CACHE_KEY, heartbeat
from settings.celery import app
from tests.conftest import require_or_skip


def test_task_defaults_make_delivery_safe():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert "core.tasks.heartbeat" in {entry["task"] for entry in conf.beat_schedule.values()}


@pytest.mark.django_db
def test_task_enqueued_on_commit_runs_only_after_commit(django_capture_on_commit_callbacks, settings):
    cache.delete(HEARTBEAT_CACHE_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        transaction.on_commit(heartbeat.delay)
    assert cache.get(HEARTBEAT_CACHE_KEY) is None  # nothing ran before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the (eager) task runs now
    assert cache.get(HEARTBEAT_CACHE_KEY) is not None


@pytest.mark.django_db
def test_healthz_reports_the_last_worker_heartbeat(client):
    cache.delete(HEARTBEAT_CACHE_KEY)
    assert client.get("/healthz").json()["worker_heartbeat"] is None
    heartbeat.apply()
    assert client.get("/healthz").json()["worker_heartbeat"]


@pytest.mark.worker
def test_a_real_worker_runs_a_task_through_the_redis_broker():
    if not os.environ.get("REDIS_URL"):
        require_or_skip("LONGTANG_REQUIRE_WORKER", "REDIS_URL is not set: no broker for a real worker")
    from celery.contrib.testing.worker import start_worker

    assert app.conf.broker_url.startswith("redis://")
    assert app.conf.broker_url != settings.CACHES["default"]["LOCATION"]
    cache.delete(HEARTBEAT_CACHE_KEY)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            heartbeat.delay()
            deadline = time.monotonic() + 20
            while cache.get(HEARTBEAT_CACHE_KEY) is None and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert cache.get(HEARTBEAT_CACHE_KEY) is not None
