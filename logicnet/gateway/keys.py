"""API keys for the gateway, and the log of what was asked through it, in one SQLite file.

A key is ``lnk_`` and 32 random bytes (``secrets.token_urlsafe``). It is handed out once,
by ``KeyStore.create``, and the file keeps only its SHA-256: a key is high-entropy, so a
plain hash cannot be guessed back, and a stolen file lets nobody in. ``KeyInfo`` has no
field for the secret or its hash, so no repr, log line or error can show either.

Each key has a unique name (what logs, tables and errors call it), an optional expiry, an
optional credit (requests left, taken one at a time by an atomic ``UPDATE``, so several
threads or processes never spend more than there is), an optional limit of requests per
minute (a sliding 60 s window, counted in this process's memory), and a revoked flag.
``authorize`` reads the file on every call, so ``logicnet keys revoke`` in another process
takes effect on the next request.

The file: created with mode 0600 when missing, its schema made on open and versioned with
``PRAGMA user_version``, in WAL mode (readers never wait for the writer; two processes may
share it), one connection guarded by a lock (the server calls from threads), a busy
timeout. Every query is bounded: at most ``MAX_KEYS`` keys, a request log trimmed to its
newest ``MAX_LOG_ROWS`` rows with answers cut to ``MAX_ANSWER_CHARS``. A path that is not
a regular file, a file over ``MAX_DB_BYTES``, a file that is not SQLite, a database of
something else or a corrupt one is a ``ConfigError`` in one line naming the path.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import sqlite3
import stat
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from logicnet.errors import ConfigError, KeyStoreUnavailable, http_status
from logicnet.fileio import file_kind
from logicnet.flags import VALIDATOR

__all__ = [
    "DEFAULT_DB_PATH",
    "MAX_CREDIT",
    "MAX_KEYS",
    "MAX_LOG_ROWS",
    "MAX_RPM",
    "SECRET_PREFIX",
    "Allowed",
    "Decision",
    "Denied",
    "KeyInfo",
    "KeyStore",
    "RequestRecord",
    "bearer_token",
    "parse_expiry",
]

log = logging.getLogger(__name__)

DEFAULT_DB_PATH: str = VALIDATOR.default("proxy_db")  # in the working directory
SECRET_PREFIX = "lnk_"
SCHEMA_VERSION = 1

MAX_KEYS = 10_000  # revoked ones included
MAX_NAME_CHARS = 64
MAX_CREDIT = 10**9
MAX_RPM = 10_000
MAX_EXPIRY_S = 10 * 366 * 86400.0  # a key lives ten years at most
MAX_LOG_ROWS = 100_000
MAX_ANSWER_CHARS = 1_000
MAX_DECIDED_BY_CHARS = 64
MAX_MINERS_LOGGED = 64
MAX_RECENT = 1_000
# Keys and a full request log stay well under this; a larger file is not ours.
MAX_DB_BYTES = 1 << 30
BUSY_TIMEOUT_S = 5.0
WINDOW_S = 60.0

_NAME = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_NAME_CHARS - 1}}}")
# token_urlsafe(32) is 43 characters; anything far from that shape is not hashed at all.
_SECRET_SHAPE = re.compile(re.escape(SECRET_PREFIX) + r"[A-Za-z0-9_-]{16,120}")
_SQLITE_HEADER = b"SQLite format 3\x00"
_MAX_HEADER_CHARS = 1024
_DURATION = re.compile(r"(\d{1,7})([mhdw])")
_UNIT_S = {"m": 60.0, "h": 3600.0, "d": 86400.0, "w": 7 * 86400.0}

_SCHEMA = (
    """CREATE TABLE keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        created_at REAL NOT NULL,
        expires_at REAL,
        credit INTEGER CHECK (credit IS NULL OR credit >= 0),
        rpm INTEGER CHECK (rpm IS NULL OR rpm > 0),
        revoked INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key_name TEXT,
        started_at REAL NOT NULL,
        question_chars INTEGER NOT NULL,
        miners_asked TEXT NOT NULL,
        answer TEXT,
        decided_by TEXT NOT NULL,
        latency_s REAL NOT NULL,
        status INTEGER NOT NULL
    )""",
)
_COLUMNS = {
    "keys": {"id", "name", "key_hash", "created_at", "expires_at", "credit", "rpm", "revoked"},
    "requests": {
        "id",
        "key_name",
        "started_at",
        "question_chars",
        "miners_asked",
        "answer",
        "decided_by",
        "latency_s",
        "status",
    },
}
_KEY_COLUMNS = "name, created_at, expires_at, credit, rpm, revoked"


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class KeyInfo:
    """What is known about a key, its secret excepted (it has no field for it)."""

    name: str
    created_at: float  # Unix time
    expires_at: float | None  # Unix time; None: never
    credit: int | None  # requests left; None: unlimited
    rpm: int | None  # requests per minute; None: no limit
    revoked: bool

    def expired(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        return self.expires_at is not None and now >= self.expires_at


@dataclass(frozen=True)
class Allowed:
    """The request may go on; ``key.credit`` is what is left after this one."""

    key: KeyInfo
    allowed: Literal[True] = field(default=True, init=False)
    status: int = field(default=200, init=False)


@dataclass(frozen=True)
class Denied:
    """The request is refused with ``status``: 401 (no usable key), 429 (over the key's
    rate, or its credit used up), 503 (the key store failed: refused, not let through).

    ``reason`` is safe to send to the client and to log; ``retry_after`` is whole seconds
    until the rate allows another request (None when waiting will not help); ``key_name``
    names the key when one was recognised.
    """

    status: int
    reason: str
    retry_after: int | None = None
    key_name: str | None = None
    allowed: Literal[False] = field(default=False, init=False)

    def headers(self) -> dict[str, str]:
        """HTTP headers that go with the refusal."""
        headers: dict[str, str] = {}
        if self.status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="logicnet"'
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        return headers


Decision = Allowed | Denied


@dataclass(frozen=True)
class RequestRecord:
    """One line of the request log."""

    key_name: str | None
    started_at: float
    question_chars: int
    miners_asked: tuple[int, ...]
    answer: str | None
    decided_by: str
    latency_s: float
    status: int


# --------------------------------------------------------------------------- helpers


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, else None."""
    if not header or len(header) > _MAX_HEADER_CHARS:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


def parse_expiry(text: str, now: float | None = None) -> float:
    """``30d``, ``12h``, ``90m``, ``2w`` from now, or a date or time (UTC unless it says
    otherwise: ``2026-12-31`` is that day's first second) as Unix time; ValueError when
    it is neither, already past, or more than ten years away."""
    now = time.time() if now is None else now
    text = text.strip()
    duration = _DURATION.fullmatch(text)
    if duration:
        seconds = int(duration.group(1)) * _UNIT_S[duration.group(2)]
        if seconds <= 0:
            raise ValueError(f"{text!r} is not in the future")
        if seconds > MAX_EXPIRY_S:
            raise ValueError(f"{text!r} is more than ten years away")
        return now + seconds
    try:
        when = datetime.fromisoformat(text[:40].replace("Z", "+00:00"))
    except ValueError:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(
            f"{shown!r} is neither a duration (30d, 12h, 90m, 2w) nor a date (2026-12-31)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    at = when.timestamp()
    if at <= now:
        raise ValueError(f"{text!r} is in the past")
    if at - now > MAX_EXPIRY_S:
        raise ValueError(f"{text!r} is more than ten years away")
    return at


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB"


def _key_info(row: Sequence[Any]) -> KeyInfo:
    name, created_at, expires_at, credit, rpm, revoked = row
    return KeyInfo(
        name=str(name),
        created_at=float(created_at),
        expires_at=None if expires_at is None else float(expires_at),
        credit=None if credit is None else int(credit),
        rpm=None if rpm is None else int(rpm),
        revoked=bool(revoked),
    )


def _finite(x: float) -> float:
    x = float(x)
    return x if math.isfinite(x) else 0.0


# --------------------------------------------------------------------------- the store


class KeyStore:
    """The keys and the request log in the SQLite file at ``path`` (made when missing).

    Safe to share between threads; several processes may open the same file. ``what``
    names the file in errors (the flag that gave it).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        what: str = "--proxy.db",
        max_log_rows: int = MAX_LOG_ROWS,
        max_bytes: int = MAX_DB_BYTES,
    ) -> None:
        self.path = Path(path).expanduser()
        self._what = what
        self._max_log_rows = max(1, int(max_log_rows))
        self._lock = threading.Lock()
        # key name -> times of its allowed requests in the last minute (newest last)
        self._windows: dict[str, deque[float]] = {}
        self._check_file(max_bytes)
        self._conn: sqlite3.Connection | None = self._connect()

    def __repr__(self) -> str:
        return f"KeyStore({str(self.path)!r})"

    def __enter__(self) -> KeyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- opening

    def _refused(self, reason: str) -> ConfigError:
        return ConfigError(f"{self._what} {self.path} {reason}")

    def _check_file(self, max_bytes: int) -> None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            self._create_file()
            return
        except OSError as exc:
            raise self._refused(f"cannot be read ({exc.strerror or exc})") from None
        if not stat.S_ISREG(info.st_mode):
            raise self._refused(f"is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise self._refused(
                f"is {_size(info.st_size)}, over the {_size(max_bytes)} limit of a key store"
            )
        if info.st_size == 0:
            return  # SQLite makes an empty file a new database
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags)
            try:
                header = os.read(fd, len(_SQLITE_HEADER))
            finally:
                os.close(fd)
        except OSError as exc:
            raise self._refused(f"cannot be read ({exc.strerror or exc})") from None
        if header != _SQLITE_HEADER:
            raise self._refused("is not an SQLite database")

    def _create_file(self) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        try:
            os.close(os.open(self.path, flags, 0o600))  # the request log is nobody else's
        except FileExistsError:
            pass  # another process made it first
        except FileNotFoundError:
            raise self._refused("cannot be created: its folder does not exist") from None
        except OSError as exc:
            raise self._refused(f"cannot be created ({exc.strerror or exc})") from None

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,  # autocommit; transactions are explicit
                check_same_thread=False,  # shared by the server's threads, under the lock
            )
        except sqlite3.Error as exc:
            raise self._refused(f"cannot be opened ({exc})") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode a commit is safe from crashes without its own fsync; a power cut
            # can forget the last few (a credit or a log line), never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise self._refused(f"cannot be used ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            with _transaction(conn):
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version == 0:  # nobody made the schema meanwhile
                    other = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
                    if other is not None:
                        raise self._refused("is an SQLite database, but not a gateway key store")
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    version = SCHEMA_VERSION
        if version > SCHEMA_VERSION:
            raise self._refused(
                f"was written by a newer logicnet (schema {version}; this one knows "
                f"{SCHEMA_VERSION})"
            )
        problem = conn.execute("PRAGMA quick_check(1)").fetchone()
        if problem is None or problem[0] != "ok":
            detail = "" if problem is None else ": " + " ".join(str(problem[0]).split())[:200]
            raise self._refused(f"is corrupt (SQLite's quick_check failed{detail})")
        for table, wanted in _COLUMNS.items():
            rows = conn.execute(f"PRAGMA table_info({table})").fetchmany(64)
            missing = wanted - {str(row[1]) for row in rows}
            if missing:
                raise self._refused(
                    f"is not a usable key store: table {table} lacks {', '.join(sorted(missing))}"
                )

    # ---------------------------------------------------------------- plumbing

    @contextmanager
    def _using(self, action: str) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock; SQLite's failures as one KeyStoreUnavailable
        line."""
        with self._lock:
            if self._conn is None:
                raise KeyStoreUnavailable(f"{self._what} {self.path}: the key store is closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise KeyStoreUnavailable(
                    f"{self._what} {self.path}: could not {action} ({exc})"
                ) from None
            except (TypeError, ValueError) as exc:
                raise KeyStoreUnavailable(
                    f"{self._what} {self.path}: could not {action} (malformed row: {exc})"
                ) from None

    # ---------------------------------------------------------------- keys

    def create(
        self,
        name: str,
        expires_at: float | None = None,
        credit: int | None = None,
        rpm: int | None = None,
        *,
        now: float | None = None,
    ) -> tuple[str, KeyInfo]:
        """A new key: its secret (shown once, kept nowhere) and its ``KeyInfo``."""
        now = time.time() if now is None else now
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            shown = repr(name) if len(repr(name)) <= 70 else repr(name)[:67] + "..."
            raise ConfigError(
                f"key name {shown}: use 1 to {MAX_NAME_CHARS} letters, digits, '.', '_' or '-', "
                "starting with a letter or digit"
            )
        if expires_at is not None and not (math.isfinite(expires_at) and expires_at > now):
            raise ConfigError(f"key {name}: the expiry must be a time in the future")
        if credit is not None and not 0 <= credit <= MAX_CREDIT:
            raise ConfigError(f"key {name}: credit must be 0 to {MAX_CREDIT}")
        if rpm is not None and not 1 <= rpm <= MAX_RPM:
            raise ConfigError(f"key {name}: rpm must be 1 to {MAX_RPM}")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        info = KeyInfo(
            name=name,
            created_at=float(now),
            expires_at=None if expires_at is None else float(expires_at),
            credit=None if credit is None else int(credit),
            rpm=None if rpm is None else int(rpm),
            revoked=False,
        )
        with self._using("create a key") as conn, _transaction(conn):
            if conn.execute("SELECT 1 FROM keys WHERE name = ?", (name,)).fetchone():
                raise ConfigError(f"a key named {name} already exists in {self.path}")
            (count,) = conn.execute("SELECT count(*) FROM keys").fetchone()
            if int(count) >= MAX_KEYS:
                raise ConfigError(
                    f"{self.path} holds {MAX_KEYS} keys, the most it may; revoked ones count"
                )
            conn.execute(
                "INSERT INTO keys (name, key_hash, created_at, expires_at, credit, rpm, revoked)"
                " VALUES (?, ?, ?, ?, ?, ?, 0)",
                (name, _digest(secret), info.created_at, info.expires_at, info.credit, info.rpm),
            )
        log.info("gateway key %s created", name)
        return secret, info

    def list(self) -> builtins.list[KeyInfo]:
        """Every key, oldest first (never a secret or a hash)."""
        with self._using("list the keys") as conn:
            rows = conn.execute(
                f"SELECT {_KEY_COLUMNS} FROM keys ORDER BY created_at, id LIMIT ?", (MAX_KEYS,)
            ).fetchall()
            return [_key_info(row) for row in rows]

    def get(self, name: str) -> KeyInfo | None:
        """The key called ``name``, if there is one."""
        with self._using("read a key") as conn:
            row = conn.execute(f"SELECT {_KEY_COLUMNS} FROM keys WHERE name = ?", (name,))
            found = row.fetchone()
            return None if found is None else _key_info(found)

    def revoke(self, name: str) -> bool:
        """Revoke the key called ``name`` (again is fine); False when there is none."""
        with self._using("revoke a key") as conn:
            done = conn.execute("UPDATE keys SET revoked = 1 WHERE name = ?", (name,)).rowcount > 0
        if done:
            log.info("gateway key %s revoked", name)
        return done

    def authorize(self, secret: str | None, now: float | None = None) -> Decision:
        """May a request with this key go on? One credit is spent when it may.

        Never raises: a failure of the store itself is ``Denied`` with its error's status
        (``logicnet.errors.http_status``: 503).
        """
        now = time.time() if now is None else now
        if not secret:
            return Denied(401, "missing API key")
        if not isinstance(secret, str) or not _SECRET_SHAPE.fullmatch(secret):
            return Denied(401, "unknown API key")
        digest = _digest(secret)
        try:
            with self._using("check a key") as conn:
                return self._authorize(conn, digest, now)
        except KeyStoreUnavailable as exc:
            log.warning("gateway key store refused a request: %s", exc)
            return Denied(http_status(exc), "the key store is unavailable")

    def _authorize(self, conn: sqlite3.Connection, digest: str, now: float) -> Decision:
        row = conn.execute(
            f"SELECT id, key_hash, {_KEY_COLUMNS} FROM keys WHERE key_hash = ?", (digest,)
        ).fetchone()
        if row is None or not hmac.compare_digest(str(row[1]), digest):
            return Denied(401, "unknown API key")
        key_id, info = int(row[0]), _key_info(row[2:])
        if info.revoked:
            return Denied(401, "API key revoked", key_name=info.name)
        if info.expired(now):
            return Denied(401, "API key expired", key_name=info.name)
        if info.credit == 0:
            return Denied(429, "credit used up", key_name=info.name)
        window: deque[float] | None = None
        if info.rpm is not None:
            window = self._windows.setdefault(info.name, deque())
            while window and window[0] <= now - WINDOW_S:
                window.popleft()
            if len(window) >= info.rpm:
                # allowed again once enough of the window's requests are a minute old
                frees_at = window[len(window) - info.rpm] + WINDOW_S
                return Denied(
                    429,
                    f"over the key's rate limit ({info.rpm} per minute)",
                    retry_after=max(1, math.ceil(frees_at - now)),
                    key_name=info.name,
                )
        if info.credit is not None:
            with _transaction(conn):
                spent = conn.execute(
                    "UPDATE keys SET credit = credit - 1"
                    " WHERE id = ? AND credit > 0 AND revoked = 0",
                    (key_id,),
                ).rowcount
                left = conn.execute(
                    "SELECT credit, revoked FROM keys WHERE id = ?", (key_id,)
                ).fetchone()
            if not spent:  # another thread or process took the last one, or revoked it
                if left is None or left[1]:
                    return Denied(401, "API key revoked", key_name=info.name)
                return Denied(429, "credit used up", key_name=info.name)
            info = replace(info, credit=int(left[0]))
        if window is not None:
            window.append(now)
        return Allowed(info)

    # ---------------------------------------------------------------- request log

    def log_request(
        self,
        key_name: str | None,
        started_at: float,
        question_chars: int,
        miners_asked: Sequence[int],
        answer: str | None,
        decided_by: str,
        latency_s: float,
        status: int,
    ) -> bool:
        """Add a line to the request log (the oldest beyond ``max_log_rows`` go); False,
        with a warning, when it could not be written: a request never fails for its log."""
        miners = json.dumps([int(uid) for uid in list(miners_asked)[:MAX_MINERS_LOGGED]])
        values = (
            None if key_name is None else str(key_name)[:MAX_NAME_CHARS],
            _finite(started_at),
            max(0, int(question_chars)),
            miners,
            None if answer is None else str(answer)[:MAX_ANSWER_CHARS],
            str(decided_by)[:MAX_DECIDED_BY_CHARS],
            _finite(latency_s),
            int(status),
        )
        try:
            with self._using("log a request") as conn, _transaction(conn):
                cursor = conn.execute(
                    "INSERT INTO requests (key_name, started_at, question_chars, miners_asked,"
                    " answer, decided_by, latency_s, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
                newest = int(cursor.lastrowid or 0)
                conn.execute("DELETE FROM requests WHERE id <= ?", (newest - self._max_log_rows,))
        except KeyStoreUnavailable as exc:
            log.warning("gateway request log: %s", exc)
            return False
        return True

    def recent_requests(self, limit: int = 100) -> builtins.list[RequestRecord]:
        """The newest ``limit`` lines of the request log (at most 1,000), newest first."""
        limit = max(1, min(int(limit), MAX_RECENT))
        with self._using("read the request log") as conn:
            rows = conn.execute(
                "SELECT key_name, started_at, question_chars, miners_asked, answer, decided_by,"
                " latency_s, status FROM requests ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            return [_request_record(row) for row in rows]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _request_record(row: Sequence[Any]) -> RequestRecord:
    key_name, started_at, chars, miners, answer, decided_by, latency, status = row
    uids = json.loads(miners)
    return RequestRecord(
        key_name=None if key_name is None else str(key_name),
        started_at=float(started_at),
        question_chars=int(chars),
        miners_asked=tuple(int(uid) for uid in uids) if isinstance(uids, list) else (),
        answer=None if answer is None else str(answer),
        decided_by=str(decided_by),
        latency_s=float(latency),
        status=int(status),
    )


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE (the write lock at once, so two writers never deadlock) .. COMMIT."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    conn.execute("COMMIT")
