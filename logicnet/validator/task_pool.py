"""The network's private task server (docs/network.md §6c): tasks and the list of cheat strings.

    POST {url}/auth/login  {"username", "password"}  ->  {"access_token"}
    GET  {url}/tasks/random   (Bearer token)         ->  {"question", "answer"}
    GET  {url}/cheats         (Bearer token)         ->  [{"content": "..."}, ...]

Credentials come from ``VALIDATOR_USERNAME`` / ``VALIDATOR_PASSWORD``; a 401 or 403
logs in again once. Every call has a deadline and every body is read with a size
cap. When the server cannot be reached, or its reply cannot be used (not JSON, an
integer past Python's 4,300-digit limit, nesting too deep, wrong types, a question
larger than the miners accept), it is marked down and the caller draws from its local
sources; the outage is logged once when it starts and once when it ends, not per draw.
The password and the token are ``Secret`` values: they never reach a log line,
an error message or a repr.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp

from logicnet.credentials import Secret, redact
from logicnet.errors import ConfigError, TaskPoolBadReply, TaskPoolUnavailable
from logicnet.flags import TASK_POOL_ENV_VARS

__all__ = ["PoolTask", "TaskPoolBadReply", "TaskPoolClient", "TaskPoolUnavailable"]

log = logging.getLogger(__name__)

USERNAME_ENV, PASSWORD_ENV = TASK_POOL_ENV_VARS  # declared with --challenge.task_pool_url
TIMEOUT_S = 10.0  # per call to the server
CHEATS_REFRESH_S = 100.0  # the network's own interval: never ask more often
# While the server is down, a draw tries it again only this often; the others go straight to
# the local sources instead of each waiting out the deadline.
RETRY_AFTER_S = 30.0
MAX_BODY_BYTES = 1 << 20
MAX_QUESTION_CHARS = 20_000
MAX_ANSWER_CHARS = 5_000
MAX_CHEATS = 1_000
MAX_CHEAT_CHARS = 500


# Vets a task's question before it is taken: None when usable, else (reason, why), reason
# being a ``TaskPoolBadReply.reason``.
QuestionCheck = Callable[[str], "tuple[str, str] | None"]


@dataclass(frozen=True)
class PoolTask:
    question: str
    answer: str


class _Refused(Exception):
    """An HTTP status the caller may act on (401/403: log in again)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


async def _read_capped(response: aiohttp.ClientResponse, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > cap:
            raise TaskPoolBadReply(f"reply larger than {cap} bytes", "too_large")
        chunks.append(chunk)
    return b"".join(chunks)


class TaskPoolClient:
    """One task server; build once, ``close()`` at the end."""

    def __init__(
        self,
        url: str,
        username: str,
        password: Secret,
        timeout_s: float = TIMEOUT_S,
        cheats_refresh_s: float = CHEATS_REFRESH_S,
        retry_after_s: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--challenge.task_pool_url: {url!r} is not an http(s) URL")
        self.url = url.rstrip("/")
        self.username = username
        self._password = password
        self.timeout_s = timeout_s
        self.cheats_refresh_s = cheats_refresh_s
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._token: Secret | None = None
        self._session: aiohttp.ClientSession | None = None
        self._login_lock = asyncio.Lock()
        self._down_since: float | None = None
        self._last_try: float = -math.inf
        self._cheats: tuple[str, ...] = ()
        self._cheats_at: float | None = None

    @classmethod
    def from_env(cls, url: str, timeout_s: float = TIMEOUT_S) -> TaskPoolClient:
        username, password = (os.environ.get(name, "") for name in TASK_POOL_ENV_VARS)
        if not username or not password:
            raise ConfigError(
                f"--challenge.task_pool_url needs ${USERNAME_ENV} and "
                f"${PASSWORD_ENV} in the environment"
            )
        return cls(url, username, Secret(password, f"${PASSWORD_ENV}"), timeout_s)

    @property
    def down(self) -> bool:
        return self._down_since is not None

    @property
    def cached_cheats(self) -> tuple[str, ...]:
        """The cheat list as last fetched, without asking the server."""
        return self._cheats

    def ready(self) -> bool:
        """Worth asking now: up, or down long enough ago to try again."""
        return self._down_since is None or (self._clock() - self._last_try >= self.retry_after_s)

    def __repr__(self) -> str:
        return f"TaskPoolClient({self.url!r}, user={self.username!r})"

    # ------------------------------------------------------------------ public

    async def random_task(self, check: QuestionCheck | None = None) -> PoolTask:
        """One task, or ``TaskPoolUnavailable`` (the outage is logged once, here).

        ``check`` vets the question (the validator passes its miners' body check); a task
        it refuses is a bad reply like any other: the pool is marked down."""
        self._last_try = self._clock()
        try:
            data = await self._authorised_get("/tasks/random")
            task = _parse_task(data)
            problem = check(task.question) if check is not None else None
            if problem is not None:
                raise TaskPoolBadReply(f"task question: {problem[1]}", problem[0])
        except TaskPoolUnavailable as exc:
            self._note_down(str(exc), isinstance(exc, TaskPoolBadReply))
            raise
        except Exception as exc:  # whatever else a reply broke: an outage, never a crash
            reason = f"unusable reply ({type(exc).__name__}: {self._clean(str(exc))[:120]})"
            self._note_down(reason, True)
            raise TaskPoolBadReply(reason) from None
        self._note_up()
        return task

    async def cheats(self) -> tuple[str, ...]:
        """The server's cheat strings, refreshed at most every ``cheats_refresh_s`` seconds;
        the last good list (or none) while the server cannot be reached."""
        now = self._clock()
        if self._cheats_at is not None and now - self._cheats_at < self.cheats_refresh_s:
            return self._cheats
        self._cheats_at = now  # a failed refresh also waits: the server is not hammered
        try:
            self._cheats = _parse_cheats(await self._authorised_get("/cheats"))
        except TaskPoolUnavailable as exc:
            self._note_down(f"cheat list: {exc}", isinstance(exc, TaskPoolBadReply))
        except Exception as exc:  # as for tasks: the last good list stays, the loop goes on
            self._note_down(f"cheat list: unusable reply ({type(exc).__name__})", True)
        # A good list says the server answers, not that its tasks are usable: only a task
        # ends an outage (else a pool with good cheats and bad tasks flips every group).
        return self._cheats

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ------------------------------------------------------------------ plumbing

    def _note_down(self, reason: str, bad_reply: bool = False) -> None:
        if self._down_since is None:
            self._down_since = self._clock()
            log.warning(
                "task pool %s %s (%s): drawing from local sources meanwhile",
                self.url,
                "sent an unusable reply" if bad_reply else "unreachable",
                reason,
            )

    def _note_up(self) -> None:
        if self._down_since is not None:
            log.warning(
                "task pool %s is back after %.0f s", self.url, self._clock() - self._down_since
            )
            self._down_since = None

    def _clean(self, text: str) -> str:
        return redact(text, self._password, self._token)[:300]

    async def _request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        token: Secret | None = None,
    ) -> object:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        session = self._session
        headers = {"accept": "application/json"}
        if token is not None:
            headers["authorization"] = f"Bearer {token.reveal()}"

        async def go() -> bytes:
            async with session.request(
                method,
                self.url + path,
                json=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout_s),
            ) as response:
                if response.status in (401, 403):
                    raise _Refused(response.status)
                if response.status != 200:
                    raise TaskPoolUnavailable(f"{method} {path}: HTTP {response.status}")
                return await _read_capped(response, MAX_BODY_BYTES)

        try:
            # aiohttp's own timeout does not cover a server that trickles bytes: one outer bound
            raw = await asyncio.wait_for(go(), self.timeout_s)
        except asyncio.TimeoutError:
            raise TaskPoolUnavailable(
                f"{method} {path}: no answer within {self.timeout_s:g} s"
            ) from None
        except aiohttp.ClientError as exc:
            raise TaskPoolUnavailable(
                f"{method} {path}: {type(exc).__name__}: {self._clean(str(exc))}"
            ) from None
        try:
            return json.loads(raw)
        except RecursionError:
            raise TaskPoolBadReply(f"{method} {path}: the reply is nested too deeply") from None
        except UnicodeDecodeError:
            raise TaskPoolBadReply(f"{method} {path}: the reply is not UTF-8") from None
        except json.JSONDecodeError:
            raise TaskPoolBadReply(f"{method} {path}: the reply is not JSON") from None
        except ValueError as exc:  # an integer past sys.get_int_max_str_digits() (4,300)
            why = "an integer over 4,300 digits" if "digits" in str(exc) else "a bad value"
            raise TaskPoolBadReply(f"{method} {path}: the reply is not JSON ({why})") from None

    async def _login(self, stale: Secret | None) -> Secret:
        async with self._login_lock:
            if self._token is not None and self._token is not stale:
                return self._token  # another draw logged in meanwhile
            try:
                data = await self._request(
                    "POST",
                    "/auth/login",
                    {"username": self.username, "password": self._password.reveal()},
                )
            except _Refused as exc:
                raise TaskPoolUnavailable(
                    f"login refused ({exc}): check ${USERNAME_ENV} / ${PASSWORD_ENV}"
                ) from None
            token = data.get("access_token") if isinstance(data, dict) else None
            if not isinstance(token, str) or not token or len(token) > 8192:
                raise TaskPoolUnavailable("login reply has no access_token")
            self._token = Secret(token, "task pool token")
            return self._token

    async def _authorised_get(self, path: str) -> object:
        token = self._token or await self._login(None)
        try:
            return await self._request("GET", path, token=token)
        except _Refused:
            token = await self._login(token)  # expired or revoked: once more, then give up
            try:
                return await self._request("GET", path, token=token)
            except _Refused as exc:
                raise TaskPoolUnavailable(
                    f"GET {path} refused after a fresh login ({exc})"
                ) from None


def _parse_task(data: object) -> PoolTask:
    if not isinstance(data, dict):
        raise TaskPoolBadReply("task reply is not an object")
    question, answer = data.get("question"), data.get("answer")
    if not isinstance(question, str) or not question.strip():
        raise TaskPoolBadReply("task reply has no question")
    if not isinstance(answer, (str, int, float)) or isinstance(answer, bool):
        raise TaskPoolBadReply("task reply has no usable answer")
    answer_text = str(answer).strip()
    if not answer_text:
        raise TaskPoolBadReply("task reply has an empty answer")
    if len(question) > MAX_QUESTION_CHARS or len(answer_text) > MAX_ANSWER_CHARS:
        raise TaskPoolBadReply("task reply is too long", "too_large")
    return PoolTask(question, answer_text)


def _parse_cheats(data: object) -> tuple[str, ...]:
    if not isinstance(data, list):
        raise TaskPoolBadReply("cheat list is not a list")
    found: list[str] = []
    for item in data[:MAX_CHEATS]:
        content = item.get("content") if isinstance(item, dict) else None
        # An empty string would be "contained" in every answer: never a cheat marker.
        if isinstance(content, str) and content.strip() and len(content) <= MAX_CHEAT_CHARS:
            found.append(content)
    return tuple(dict.fromkeys(found))
