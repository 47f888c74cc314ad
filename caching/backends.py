"""Django's built-in Redis cache, with one redis-py client per connection pool.

Django makes a new ``redis.Redis`` for every cache call; with redis-py 8 that costs about
200 µs, more than the round trip to Redis itself, and a cached page makes one such call.
A client over a connection pool is thread-safe (and the pool survives gunicorn's fork),
so one per pool is enough."""

from django.core.cache.backends import redis


class _Client(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients_by_pool", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client

    def new_connection(self, *, protocol: int, timeout: float):
        """A connection of its own (not from the pool) to the server writes go to,
        connected, speaking ``protocol``, waiting ``timeout`` seconds at most to connect
        and for each reply."""
        pool = self._cache.get_client(write=True).connection_pool
        connection = pool.connection_class(
            **{
                **pool.connection_kwargs,
                "protocol": protocol,
                "socket_timeout": timeout,
                "socket_connect_timeout": timeout,
            }
        )
        try:
            connection.connect()
        except Exception:
            connection.disconnect()
            raise
        return connection
