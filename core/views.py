from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value it was given")


def _check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from kombu import Connection

    # A fresh connection each time: nothing is shared with the task producers.
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def _last_heartbeat():
    """When a worker last ran the heartbeat task (informational: never a 503)."""
    from .tasks import HEARTBEAT_CACHE_KEY

    try:
        return cache.get(HEARTBEAT_CACHE_KEY)
    except Exception:  # noqa: BLE001 - the cache check above already reports it
        return None


@never_cache
@require_GET
def healthz(request):
    """Reachability of the database, the cache and the task broker: 200 or 503."""
    checks = {}
    healthy = True
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            checks[name] = check() or "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
            checks[name] = f"error: {type(exc).__name__}"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, "worker_heartbeat": _last_heartbeat()},
        status=200 if healthy else 503,
    )


FAVICON = "core/img/favicon.ico"


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: answer with the site's
    icon (kept for a week), not a 404 page rendered for every tab."""
    from django.contrib.staticfiles import finders

    with open(finders.find(FAVICON), "rb") as icon:
        response = HttpResponse(icon.read(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response
