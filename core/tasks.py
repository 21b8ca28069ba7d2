from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "celery:heartbeat"


@shared_task(acks_late=True, ignore_result=True)
def heartbeat():
    """Record that a worker ran a task; beat schedules it every minute and
    /healthz reports its age, so a stalled worker is visible."""
    cache.set(HEARTBEAT_CACHE_KEY, timezone.now().isoformat(), timeout=None)
