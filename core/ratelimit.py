"""Fixed-window rate limits kept in the cache (R-LOG-3).

if not allow(f"post-listing:{user.pk}", limit=10, period=86400):
    ...refuse with a clear message...
"""

from django.core.cache import cache


def allow(key, *, limit, period):
    """Count one hit for ``key``; False once more than ``limit`` hits fall in the window."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit
