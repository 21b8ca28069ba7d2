"""Django's Redis cache, keeping its ``redis.Redis`` client.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object around the
connection pool for every cache call, which costs more than the call itself on a page
served from the cache. A client is thread-safe and Django already keeps one cache
object per thread, so one client per pool is kept and reused.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
