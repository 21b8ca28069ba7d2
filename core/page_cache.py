"""The anonymous page cache: whole responses of public pages, for visitors who are not
signed in, kept in the ``pages`` cache (Redis in production, local memory on the
embedded default) and purged exactly when what they show changes.

Why not a library: wagtail-cache, the kept one, does not install beside Wagtail 8, and
its key ring is one shared dictionary rewritten on every miss (lost updates under
concurrency). This module keeps Django's rules and adds what a bilingual portal needs.

Which requests: GET and HEAD of a path under a language prefix (``/en/``,
``/zh-hans/``), from a visitor without a session or pending messages. Which responses:
200s that set no cookie, did not use a CSP nonce and do not say ``private``,
``no-cache`` or ``no-store`` (``never_cache`` views, forms with a CSRF token). The key
is the host, the full path with its query string and the visitor's consent cookie:
one copy per language (the prefix), per filter combination and per consent state, so a
visitor is never shown another consent state's banner.

Purging: every key also carries generations — one of its exact path, one of each
ancestor path as a tree, and one for the whole site. ``purge_paths`` renews the exact
generation of each path (every query-string variant goes with it), ``purge_trees``
the tree generation (a calendar and all its day, week and month views), and
``purge_all`` the site's. Old entries are never read again and expire on their own.
The same purges go to the front cache (Varnish or a CDN) through Wagtail's
``frontend_cache``, a tree as ``<url>*``.

A page that changes with the clock (what is open now, this weekend) says when it stops
being true with ``expire_at(request, moment)``; the cache and any shared cache keep it
no longer.
"""

import contextvars
import hashlib
import logging
import uuid
from datetime import datetime, time, timedelta
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_max_age, patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_path

from . import request_log

logger = logging.getLogger(__name__)

ALIAS = "pages"
HEADER = "X-Page-Cache"
# Headers that belong to one response, never to a stored copy.
NOT_STORED = {"set-cookie", "date", "expires", "x-page-cache"}


def seconds():
    """How long a page is kept; 0 turns the cache off."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _cache():
    return caches[ALIAS]


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _exact_key(path):
    return f"gen:exact:{_digest(path)}"


def _tree_key(path):
    return f"gen:tree:{_digest(path)}"


SITE_KEY = "gen:site"


def _tree_paths(path):
    """``/en/events/2026/`` → ``/en/``, ``/en/events/``, ``/en/events/2026/``."""
    parts = [p for p in path.split("/") if p]
    trees, prefix = [], "/"
    for part in parts:
        prefix += part + "/"
        trees.append(prefix)
    return trees


def bypass_cookies():
    # A session (signed in, or messages kept there) or messages waiting in their cookie.
    return (settings.SESSION_COOKIE_NAME, "messages")


def consent_cookie():
    return getattr(settings, "COOKIE_CONSENT_NAME", "cookie_consent")


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if not get_language_from_path(request.path_info):
        return False
    cookies = request.COOKIES
    return not any(cookies.get(name) for name in bypass_cookies())


# Generations read from the cache are trusted for this long in this process; a purge
# made by another process is seen within that time ("within a second").
GENERATION_MEMORY_SECONDS = 1.0
_remembered = {}


def _generations(path):
    """The current generations for ``path``; missing ones are created, never reset to a
    value an older entry may carry."""
    keys = [SITE_KEY, _exact_key(path), *(_tree_key(t) for t in _tree_paths(path))]
    now = monotonic()
    found = {}
    for key in keys:
        memo = _remembered.get(key)
        if memo and memo[1] > now:
            found[key] = memo[0]
    wanted = [key for key in keys if key not in found]
    if wanted:
        cache = _cache()
        fetched = cache.get_many(wanted)
        missing = {key: uuid.uuid4().hex for key in wanted if key not in fetched}
        if missing:
            cache.set_many(missing, None)
            fetched.update(missing)
        _remember(fetched)
        found.update(fetched)
    return ".".join(found[key] for key in keys)


def forget_generations():
    """Drop the generations this process remembers (after the cache was emptied)."""
    _remembered.clear()


def _remember(generations):
    until = monotonic() + GENERATION_MEMORY_SECONDS
    if len(_remembered) > 10_000:
        _remembered.clear()
    for key, value in generations.items():
        _remembered[key] = (value, until)


def request_variant(request):
    """What tells two copies of one path apart: scheme, host, query string, consent,
    and whether the copy is gzip-compressed (a page with no secret in it needs no
    fresh BREACH padding)."""
    return "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.COOKIES.get(consent_cookie(), ""),
            "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "",
        )
    )


def cache_key(path, variant):
    return f"page:{_digest(_generations(path) + variant)}"


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    if getattr(request, "_csp_nonce", None):
        return False  # a nonce must be new for every response
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


# The moments, noted while one request renders, when what it shows stops being true.
_expiries = contextvars.ContextVar("page_cache_expiries", default=None)


def expire_at(moment):
    """What the page being rendered shows stops being true at ``moment`` (an aware or
    naive local datetime: a venue closing, the first listed event ending, midnight).
    It is kept no longer; the earliest of several moments wins. Called from anywhere
    the page is rendered (a model method, a template tag); outside a request it does
    nothing."""
    noted = _expiries.get()
    if moment is None or noted is None:
        return
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    noted.append(max(1, int((moment - timezone.now()).total_seconds())))


def next_midnight():
    """The next local midnight: when "today" and "this weekend" move on."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def _shared_lifetime(request, response):
    """How long shared caches may keep the response: the default, or less when the
    response says so (``s-maxage``/``max-age``) or the view noted when it expires."""
    noted = _expiries.get()
    own = min(noted) if noted else None
    max_age = get_max_age(response)
    if max_age is not None:
        own = max_age if own is None else min(own, max_age)
    control = response.get("Cache-Control", "")
    for part in control.split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "s-maxage" and value.isdigit():
            own = int(value) if own is None else min(own, int(value))
    default = seconds()
    return min(own, default) if own is not None else default


def _store(key, response, timeout):
    headers = {k: v for k, v in response.items() if k.lower() not in NOT_STORED}
    # The moment it expires is kept with the copy, read against this process's clock:
    # the cache's own expiry is a backstop.
    expires = timezone.now().timestamp() + timeout
    _cache().set(key, (response.status_code, headers, response.content, expires), timeout)


def _still_fresh(stored):
    return stored is not None and stored[3] > timezone.now().timestamp()


def _rebuild(stored, request):
    status, headers, content, _expires = stored
    etag = headers.get("ETag")
    if etag and etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
            if name in headers:
                response[name] = headers[name]
        return response
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous pages. First in the middleware list: a hit is
    answered before any other middleware runs (two cache reads at most, no database
    query), with the headers every other middleware gave the stored copy, and is
    logged like any request. A miss goes through the whole stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not seconds() or not request_is_cacheable(request):
            return self._mark_skipped(self.get_response(request))
        try:
            variant = request_variant(request)
        except DisallowedHost:
            return self.get_response(request)  # Django answers it with a 400
        try:
            key = cache_key(request.path_info, variant)
            stored = _cache().get(key)
        except Exception:  # noqa: BLE001 - a cache that is down means no cache, not an error
            logger.warning("Page cache unreachable", exc_info=True)
            return self._mark_skipped(self.get_response(request))
        if _still_fresh(stored):
            response = _rebuild(stored, request)
            response[HEADER] = "hit"
            request_log.log_request(request, response)
            return response
        token = _expiries.set([])
        try:
            response = self.get_response(request)
            if not response_is_cacheable(request, response):
                return self._mark_skipped(response)
            lifetime = _shared_lifetime(request, response)
        finally:
            _expiries.reset(token)
        if not response.has_header("ETag"):
            set_response_etag(response)
        patch_cache_control(response, public=True, max_age=0, s_maxage=lifetime)
        try:
            _store(key, response, lifetime)
        except Exception:  # noqa: BLE001
            logger.warning("Page cache unreachable", exc_info=True)
        response[HEADER] = "miss"
        return response

    @staticmethod
    def _mark_skipped(response):
        # What is not stored here must not be stored by a shared cache either.
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        response[HEADER] = "skip"
        return response


def _renew(keys):
    if not keys or not seconds():
        return
    fresh = {key: uuid.uuid4().hex for key in keys}
    _remember(fresh)
    try:
        _cache().set_many(fresh, None)
    except Exception:  # noqa: BLE001 - entries still expire on their own
        logger.warning("Page cache unreachable: purge not applied", exc_info=True)


def _front_cache(urls):
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(urls))
    except Exception:  # noqa: BLE001 - a front cache that is down must not stop a save
        logger.warning("Front cache purge failed", exc_info=True)


def base_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def purge_paths(paths):
    """Fresh copies of these paths (``/en/classifieds/housing/``), every query-string
    variant and consent state included."""
    paths = {p for p in paths if p}
    _renew([_exact_key(p) for p in paths])
    _front_cache({base_url() + p for p in paths})


def purge_trees(paths):
    """Fresh copies of these paths and every path below them."""
    paths = {p for p in paths if p}
    _renew([_tree_key(p) for p in paths])
    _front_cache({base_url() + p + "*" for p in paths})


def purge_all():
    """Fresh copies of every page: for what every page shows (settings, the consent
    banner's groups, tag names)."""
    _renew([SITE_KEY])
    _front_cache({base_url() + "/*"})
