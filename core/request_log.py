"""Request log middleware (R-LOG-1).

What is kept, and how it is minimised before anything is written:

* IP address: truncated to its network — IPv4 to /24 (``203.0.113.77`` → ``203.0.113.0``),
  IPv6 to /48. The full address is never stored.
* User agent: parsed (``user-agents``) into browser family, operating-system family and
  device kind (mobile / tablet / pc / bot / other); the raw string is dropped.
* Referrer and path: without query string or fragment; the referrer's host is kept
  apart for the "top referrers" statistics.
* Time (UTC) and the signed-in user, if any (nulled when the account is erased).

Writing never slows a request down: the middleware appends a small record to an
in-process buffer; the buffer is parsed and bulk-inserted after the response has been
sent (Django's ``request_finished`` signal) once it holds ``REQUEST_LOG_BATCH_SIZE``
records or is ``REQUEST_LOG_FLUSH_SECONDS`` old, and when the process exits.

Settings: ``REQUEST_LOG_ENABLED`` (off in tests), ``REQUEST_LOG_SAMPLE_RATE`` (0–1),
``REQUEST_LOG_BATCH_SIZE``, ``REQUEST_LOG_FLUSH_SECONDS``, ``REQUEST_LOG_EXCLUDE_PREFIXES``
and ``REQUEST_LOG_RETENTION_DAYS`` (read by the retention declaration).
"""

import atexit
import ipaddress
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError
from django.utils import timezone

logger = logging.getLogger(__name__)

IPV4_PREFIX = 24
IPV6_PREFIX = 48
DEFAULT_EXCLUDE_PREFIXES = ("/static/", "/media/", "/admin/", "/django-admin/", "/healthz", "/favicon.ico")


def truncate_ip(value):
    """The network an address belongs to: /24 for IPv4, /48 for IPv6 (None if invalid)."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def strip_url(value, max_length=300):
    """``value`` without query string or fragment, and its host."""
    try:
        parts = urlsplit(value or "")
    except ValueError:
        return "", ""
    host = (parts.hostname or "")[:200]
    base = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path
    return base[:max_length], host


def parse_user_agent(value):
    """(browser, operating system, device kind, is_bot) from a user-agent string."""
    if not value:
        return "", "", "", False
    from user_agents import parse

    agent = parse(value[:512])
    if agent.is_bot:
        device = "bot"
    elif agent.is_mobile:
        device = "mobile"
    elif agent.is_tablet:
        device = "tablet"
    elif agent.is_pc:
        device = "pc"
    else:
        device = "other"
    return agent.browser.family[:60], agent.os.family[:60], device, agent.is_bot


@dataclass
class PendingEntry:
    """What the middleware keeps per request: cheap to build, minimised on flush."""

    created_at: object
    method: str
    path: str
    status_code: int
    referrer: str
    remote_addr: str
    user_agent: str
    user_id: int | None

    def to_model(self):
        from core.models import RequestLogEntry

        browser, os_family, device, is_bot = parse_user_agent(self.user_agent)
        referrer, referrer_host = strip_url(self.referrer)
        return RequestLogEntry(
            created_at=self.created_at,
            method=self.method[:8],
            path=strip_url(self.path)[0] or "/",
            status_code=self.status_code,
            referrer=referrer,
            referrer_host=referrer_host,
            ip_prefix=truncate_ip(self.remote_addr),
            browser=browser,
            os=os_family,
            device=device,
            is_bot=is_bot,
            user_id=self.user_id,
        )


class RequestLogBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []
        self._oldest = None

    def __len__(self):
        return len(self._entries)

    def add(self, entry):
        with self._lock:
            if not self._entries:
                self._oldest = time.monotonic()
            self._entries.append(entry)

    def is_due(self):
        if not self._entries:
            return False
        batch_size = getattr(settings, "REQUEST_LOG_BATCH_SIZE", 50)
        max_age = getattr(settings, "REQUEST_LOG_FLUSH_SECONDS", 10)
        return len(self._entries) >= batch_size or time.monotonic() - self._oldest >= max_age

    def drain(self):
        with self._lock:
            entries, self._entries, self._oldest = self._entries, [], None
        return entries

    def flush(self):
        """Write every buffered record in one bulk insert. Never raises: losing a few
        log lines is better than failing a request."""
        from core.models import RequestLogEntry

        entries = self.drain()
        if not entries:
            return 0
        try:
            RequestLogEntry.objects.bulk_create([e.to_model() for e in entries], batch_size=500)
        except (DatabaseError, ValueError):
            logger.exception("Could not write %d request log entries", len(entries))
            return 0
        return len(entries)


buffer = RequestLogBuffer()


def flush_if_due(**kwargs):
    if buffer.is_due():
        buffer.flush()


request_finished.connect(flush_if_due, dispatch_uid="core.request_log.flush_if_due")
atexit.register(buffer.flush)


def client_ip(request):
    """The client address. Behind ``REQUEST_LOG_TRUSTED_PROXIES`` proxies, the address
    they appended to X-Forwarded-For; otherwise REMOTE_ADDR."""
    proxies = getattr(settings, "REQUEST_LOG_TRUSTED_PROXIES", 0)
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def log_request(request, response):
    """Log one request (the middleware's, or a page served from the page cache)."""
    try:
        if RequestLogMiddleware.should_log(request):
            RequestLogMiddleware.record(request, response)
    except Exception:  # noqa: BLE001 - logging must never break a response
        logger.exception("Request log failed")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        log_request(request, response)
        return response

    @staticmethod
    def should_log(request):
        if not getattr(settings, "REQUEST_LOG_ENABLED", False):
            return False
        excluded = getattr(settings, "REQUEST_LOG_EXCLUDE_PREFIXES", DEFAULT_EXCLUDE_PREFIXES)
        if request.path.startswith(tuple(excluded)):
            return False
        rate = float(getattr(settings, "REQUEST_LOG_SAMPLE_RATE", 1.0))
        return rate >= 1 or (rate > 0 and random.random() < rate)  # noqa: S311 - sampling, not security

    @staticmethod
    def record(request, response):
        user = getattr(request, "user", None)
        buffer.add(
            PendingEntry(
                created_at=timezone.now(),
                method=request.method or "",
                path=request.path,
                status_code=response.status_code,
                referrer=request.META.get("HTTP_REFERER", ""),
                remote_addr=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
                user_id=user.pk if user is not None and user.is_authenticated else None,
            )
        )


def traffic_summary(days=30, limit=10, min_group_size=None):
    """Aggregate statistics for staff (R-PRIV-6): counts per page, referring site,
    browser, operating system and device kind over the last ``days`` days.

    No row identifies anybody: there is no user or network column, and a group seen
    fewer than ``REQUEST_LOG_MIN_GROUP_SIZE`` times is folded into "other" so a rare
    page or browser cannot single a visitor out.
    """
    from django.db.models import Count

    from core.models import RequestLogEntry

    if min_group_size is None:
        min_group_size = getattr(settings, "REQUEST_LOG_MIN_GROUP_SIZE", 5)
    since = timezone.now() - timedelta(days=days)
    entries = RequestLogEntry.objects.filter(created_at__gte=since, is_bot=False)

    def top(column, queryset=entries):
        rows = list(
            queryset.values(column).annotate(count=Count("pk")).order_by("-count", column)[: limit * 5]
        )
        shown = [r for r in rows if r["count"] >= min_group_size][:limit]
        shown_total = sum(r["count"] for r in shown)
        total = queryset.count()
        return {
            "rows": [{"value": r[column] or "—", "count": r["count"]} for r in shown],
            "other": total - shown_total,
            "total": total,
        }

    return {
        "days": days,
        "min_group_size": min_group_size,
        "total": entries.count(),
        "pages": top("path"),
        "referrers": top("referrer_host", entries.exclude(referrer_host="")),
        "browsers": top("browser"),
        "systems": top("os"),
        "devices": top("device"),
    }
