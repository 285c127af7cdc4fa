"""What a replica needs of a hub, and the Redis Streams hub that provides it.

One stream per session (`scribe:<id>:ops`) holds each operation once: a set beside it (`:ids`)
refuses an id already added, inside one Lua script so no two replicas add the same op twice.
`:epoch` names the hub's copy; a hub that restarted empty gets a new one, and the replicas fill it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import redis.asyncio as redis
from redis.exceptions import RedisError

from tui.sync.hub_url import Hub, HubError

_ADD_NEW = """
local added = 0
for i = 1, #ARGV, 2 do
  if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[1], '*', 'op', ARGV[i + 1])
    added = added + 1
  end
end
return added
"""
PUSH_BATCH = 200
READ_BATCH = 500


class Transport(Protocol):
    read_batch: int  # a read returns at most this many entries: fewer means the stream had no more

    async def epoch(self, session: str) -> str: ...

    async def push(self, session: str, ops: Sequence[tuple[str, bytes]]) -> int: ...

    async def read(self, session: str, after: str, block_ms: int | None) -> list[tuple[str, bytes | None]]: ...

    async def close(self) -> None: ...


class RedisHub:
    """The hub on a redis-server (6.2 or later), through redis-py's asyncio client."""

    read_batch = READ_BATCH

    def __init__(self, hub: Hub, timeout: float = 5.0) -> None:
        self.hub = hub
        self._timeout = timeout
        self._client = redis.Redis.from_url(
            hub.url,
            password=hub.password or None,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
            retry_on_timeout=False,
        )
        self._add_new = self._client.register_script(_ADD_NEW)

    async def epoch(self, session: str) -> str:
        key = f"scribe:{session}:epoch"
        async with self._errors():
            async with self._client.pipeline(transaction=False) as pipe:  # one round trip, not two
                pipe.set(key, os.urandom(8).hex(), nx=True)
                pipe.get(key)
                _, value = await pipe.execute()
        return value.decode("ascii", "replace") if isinstance(value, bytes) else ""

    async def push(self, session: str, ops: Sequence[tuple[str, bytes]]) -> int:
        added = 0
        keys = [f"scribe:{session}:ops", f"scribe:{session}:ids"]
        for start in range(0, len(ops), PUSH_BATCH):
            args: list[str | bytes] = []
            for op_id, line in ops[start : start + PUSH_BATCH]:
                args += [op_id, line]
            async with self._errors():
                added += int(await self._add_new(keys=keys, args=args))
        return added

    async def read(self, session: str, after: str, block_ms: int | None) -> list[tuple[str, bytes | None]]:
        """Entries after `after`, oldest first; waits up to `block_ms` for one when there are none."""
        answer: Any
        async with self._errors():
            if block_ms:  # shorter than the socket's timeout, which would otherwise cut the wait
                answer = await self._client.xread({f"scribe:{session}:ops": after}, count=READ_BATCH, block=block_ms)
            else:
                answer = await self._client.xread({f"scribe:{session}:ops": after}, count=READ_BATCH)
        entries: list[tuple[str, bytes | None]] = []
        for _stream, items in answer or ():
            for entry_id, fields in items:
                value = fields.get(b"op") if isinstance(fields, dict) else None
                name = entry_id.decode("ascii", "replace") if isinstance(entry_id, bytes) else str(entry_id)
                entries.append((name, value if isinstance(value, bytes) else None))
        return entries

    async def close(self) -> None:
        try:
            await self._client.aclose()
        except (RedisError, OSError):
            pass

    def _errors(self) -> _Translate:
        return _Translate(self.hub)


class _Translate:
    """Turns the client's exceptions into one HubError line, with the password scrubbed."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, kind: object, exc: BaseException | None, _tb: object) -> bool:
        if isinstance(exc, RedisError | OSError | TimeoutError):
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise HubError(self.hub.scrub(f"cannot reach the hub {self.hub.shown}: {reason[:200]}")) from None
        return False
