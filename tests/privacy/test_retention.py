"""R-PRIV-4: a daily job applies every declared retention period, in bounded batches;
a management command shows what would be purged."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from core.models import RequestLogEntry
from core.personal_data import Field, Retention, registry
from privacy import retention
from privacy.tasks import apply_retention

pytestmark = pytest.mark.django_db


def log_rows(*ages, **extra):
    now = timezone.now()
    return RequestLogEntry.objects.bulk_create(
        [
            RequestLogEntry(created_at=now - age, method="GET", path=f"/en/{i}/", status_code=200, **extra)
            for i, age in enumerate(ages)
        ]
    )


@freeze_time("2026-06-01 03:30:00")
def test_the_request_log_is_purged_exactly_after_its_retention_period():
    days = settings.REQUEST_LOG_RETENTION_DAYS
    keep_young, keep_edge, purge_old, purge_older = log_rows(
        timedelta(days=1),
        timedelta(days=days) - timedelta(seconds=1),
        timedelta(days=days, seconds=1),
        timedelta(days=days * 3),
    )
    apply_retention.delay()
    remaining = set(RequestLogEntry.objects.values_list("pk", flat=True))
    assert remaining == {keep_young.pk, keep_edge.pk}


@freeze_time("2026-06-01 03:30:00")
def test_expired_sessions_are_deleted_and_live_ones_kept():
    live, dead = SessionStore(), SessionStore()
    live["x"] = dead["x"] = 1
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    apply_retention.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@freeze_time("2026-06-01 03:30:00")
def test_the_job_works_in_bounded_batches_and_says_what_remains():
    days = settings.REQUEST_LOG_RETENTION_DAYS
    log_rows(*[timedelta(days=days + 1)] * 5)
    declaration = registry.get(RequestLogEntry)
    done, remaining = retention.apply_declaration(declaration, batch_size=2, max_batches=1)
    assert (done, remaining) == (2, 3)
    done, remaining = retention.apply_declaration(declaration, batch_size=2, max_batches=5)
    assert (done, remaining) == (3, 0)


@freeze_time("2026-06-01 03:30:00")
def test_an_anonymising_retention_erases_the_fields_keeps_the_row_and_does_it_once():
    days = settings.REQUEST_LOG_RETENTION_DAYS
    old, young = log_rows(
        timedelta(days=days + 1), timedelta(days=1), ip_prefix="203.0.113.0", browser="Firefox"
    )
    with registry.isolated():
        registry._declarations.pop(RequestLogEntry._meta.label)
        declaration = registry.declare(
            RequestLogEntry,
            owner="user",
            fields=[Field("ip_prefix", "device", erase="null"), Field("browser", "device", erase="blank")],
            retention=Retention(days=days, after="created_at", action="anonymise"),
        )
        assert retention.apply_declaration(declaration) == (1, 0)
        assert retention.apply_declaration(declaration) == (0, 0)  # nothing is counted twice
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.ip_prefix, old.browser, old.path) == (None, "", "/en/0/")
    assert (young.ip_prefix, young.browser) == ("203.0.113.0", "Firefox")


@freeze_time("2026-06-01 03:30:00")
def test_the_dry_run_shows_what_is_due_and_changes_nothing():
    days = settings.REQUEST_LOG_RETENTION_DAYS
    log_rows(timedelta(days=days + 1), timedelta(days=days + 2), timedelta(days=1))
    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    output = out.getvalue()
    assert f"core.RequestLogEntry: 2 would be deleted ({days} days after created_at" in output
    assert "Dry run: " in output and "nothing changed" in output
    assert RequestLogEntry.objects.count() == 3

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert RequestLogEntry.objects.count() == 1
    assert "Purged 2 rows; 0 still due." in out.getvalue()


def test_the_retention_job_runs_daily_from_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention"]
    assert entry["task"] == "privacy.tasks.apply_retention"
    schedule = entry["schedule"]
    assert schedule.hour == {3} and schedule.minute == {30}


def test_every_declared_retention_can_be_planned():
    due = retention.plan()
    labels = {item.label for item in due}
    assert {"core.RequestLogEntry", "sessions.Session", "privacy.ExportRequest"} <= labels
    assert all(item.count == 0 for item in due)
