"""The gateway's API keys: ``logicnet keys`` as an operator runs it, and ``KeyStore`` as the
gateway calls it (from threads, and from two processes on one file)."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from logicnet.errors import ConfigError
from logicnet.gateway.keys import (
    SECRET_PREFIX,
    Allowed,
    Denied,
    KeyStore,
    bearer_token,
    parse_expiry,
)

ROOT = Path(__file__).resolve().parents[1]
T0 = 1_900_000_000.0  # a fixed "now" for the rate and expiry checks


def cli(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "logicnet", "keys", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=cwd or ROOT,
    )


def db_bytes(db: Path) -> bytes:
    """The database and its WAL and shared-memory files, as bytes on disk."""
    return b"".join(
        p.read_bytes() for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()
    )


@pytest.fixture
def store(tmp_path: Path):
    with KeyStore(tmp_path / "gateway.sqlite") as s:
        yield s


# --------------------------------------------------------------------------- the CLI


def test_create_list_revoke_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "gateway.sqlite"
    made = cli("create", "--name", "my-app", "--credit", "5", "--rpm", "60", "--proxy.db", str(db))
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    # the secret alone on standard output, once; the notes on standard error, without it
    assert made.stdout == secret + "\n" and secret.startswith(SECRET_PREFIX)
    assert len(secret) == len(SECRET_PREFIX) + 43
    assert secret not in made.stderr
    assert "cannot be shown again" in made.stderr
    assert "key my-app created" in made.stderr and "credit 5" in made.stderr

    other = cli("create", "--name", "trial", "--expires", "30d", "--proxy.db", str(db))
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() != secret

    listed = cli("list", "--proxy.db", str(db))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["NAME", "CREATED", "EXPIRES", "CREDIT", "LEFT", "RPM", "REVOKED"]
    assert lines[1].split()[0] == "my-app" and "never" in lines[1] and " 5 " in lines[1]
    assert lines[1].split()[-2:] == ["60", "no"]
    assert lines[2].split()[0] == "trial" and "unlimited" in lines[2]
    as_json = json.loads(cli("list", "--json", "--proxy.db", str(db)).stdout)
    assert [k["name"] for k in as_json] == ["my-app", "trial"]
    assert abs(as_json[1]["expires_at"] - (time.time() + 30 * 86400)) < 60
    shown = datetime.fromtimestamp(as_json[1]["expires_at"], timezone.utc)
    assert shown.strftime("%Y-%m-%d %H:%M UTC") in lines[2]

    revoked = cli("revoke", "trial", "--proxy.db", str(db))
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in revoked.stdout
    after = cli("list", "--proxy.db", str(db)).stdout.splitlines()
    assert after[2].split()[0] == "trial" and after[2].split()[-1] == "yes"
    assert after[1].split()[-1] == "no"

    everything = listed.stdout + listed.stderr + revoked.stdout + revoked.stderr
    assert secret not in everything and other.stdout.strip() not in everything
    assert secret.encode() not in db_bytes(db)
    assert hashlib.sha256(secret.encode()).hexdigest().encode() in db_bytes(db)

    # the key works through the API, and stops working once revoked
    with KeyStore(db) as store:
        assert store.authorize(secret).allowed
        denied = store.authorize(other.stdout.strip())
        assert isinstance(denied, Denied) and (denied.status, denied.reason) == (
            401,
            "API key revoked",
        )


def test_the_cli_refuses_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "gateway.sqlite"
    assert cli("create", "--name", "a", "--proxy.db", str(db)).returncode == 0
    for args, told in (
        (("create", "--name", "a"), f"logicnet: error: a key named a already exists in {db}"),
        (("revoke", "nobody"), f"logicnet: error: no key named 'nobody' in {db}"),
        (("create", "--name", "bad name"), "logicnet: error: key name 'bad name': use 1 to 64"),
    ):
        out = cli(*args, "--proxy.db", str(db))
        assert out.returncode == 2 and out.stdout == ""
        assert len(out.stderr.splitlines()) == 1 and out.stderr.startswith(told), out.stderr
    for flag, value, told in (
        ("--expires", "2020-01-01", "is in the past"),
        ("--expires", "soon", "is neither a duration"),
        ("--expires", "4000d", "more than ten years"),
        ("--rpm", "0", "out of range (1 <= N <= 10000)"),
        ("--credit", "-1", "out of range"),
        ("--credit", "nan", "not a whole number"),
    ):
        out = cli("create", "--name", "b", flag, value, "--proxy.db", str(db))
        lines = out.stderr.splitlines()
        assert out.returncode == 2 and len(lines) == 2, out.stderr
        assert lines[0].startswith(f"logicnet keys create: error: argument {flag}: ")
        assert told in lines[0] and lines[1].startswith("usage: logicnet keys create ")
    missing = cli("create", "--proxy.db", str(db))
    assert missing.returncode == 2 and "--name" in missing.stderr.splitlines()[0]


def test_help_has_examples() -> None:
    top = cli("--help")
    assert top.returncode == 0 and "examples:" in top.stdout
    assert "logicnet keys create --name trial --expires 30d --credit 1000 --rpm 60" in top.stdout
    for action in ("create", "list", "revoke"):
        out = cli(action, "--help")
        assert out.returncode == 0 and "example" in out.stdout and "--proxy.db" in out.stdout


def test_list_of_a_missing_file_makes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite"
    out = cli("list", "--proxy.db", str(db))
    assert out.returncode == 0 and "does not exist yet" in out.stdout
    assert cli("list", "--json", "--proxy.db", str(db)).stdout.strip() == "[]"
    assert not db.exists()
    gone = cli("revoke", "x", "--proxy.db", str(db))
    assert gone.returncode == 2 and "does not exist" in gone.stderr and not db.exists()


def test_the_default_file_is_in_the_working_directory(tmp_path: Path) -> None:
    out = cli("create", "--name", "here", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "gateway.sqlite").is_file()
    assert (tmp_path / "gateway.sqlite").stat().st_mode & 0o077 == 0  # the owner's alone
    listed = cli("list", "--json", cwd=tmp_path)
    assert '"name": "here"' in listed.stdout and out.stdout.strip() not in listed.stdout


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _corrupt(path: Path) -> None:
    with KeyStore(path) as s:
        for n in range(50):
            s.create(f"k{n}")
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\x5a" * (len(data) - 4096))  # the header page survives


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "told"),
    [
        ("directory", "is a directory, not a regular file"),
        ("fifo", "is a FIFO, not a regular file"),
        ("garbage", "is not an SQLite database"),
        ("corrupt", "is corrupt (SQLite's quick_check failed"),
        ("foreign", "is an SQLite database, but not a gateway key store"),
        ("newer", "was written by a newer logicnet (schema 99; this one knows 1)"),
        ("no-folder", "cannot be created: its folder does not exist"),
    ],
)
def test_an_unusable_proxy_db_is_one_line_and_exit_2(tmp_path: Path, make: str, told: str) -> None:
    path = tmp_path / "gateway.sqlite"
    if make == "directory":
        path.mkdir()
    elif make == "fifo":
        os.mkfifo(path)
    elif make == "no-folder":
        path = tmp_path / "missing" / "gateway.sqlite"
    else:
        {"garbage": _garbage, "corrupt": _corrupt, "foreign": _foreign, "newer": _newer}[make](path)
    actions = [("create", "--name", "x")]
    if make != "no-folder":  # list and revoke never make a file; a missing one is no key
        actions += [("list",), ("revoke", "x")]
    for action in actions:
        started = time.monotonic()
        out = cli(*action, "--proxy.db", str(path))
        assert time.monotonic() - started < 30  # a FIFO never blocks the open
        assert out.returncode == 2, (action, out.stdout, out.stderr)
        assert out.stderr.count("\n") == 1, out.stderr
        assert out.stderr.startswith(f"logicnet: error: --proxy.db {path} {told}"), out.stderr
        assert "Traceback" not in out.stderr
    with pytest.raises(ConfigError, match=f"^--proxy.db {path} "):
        KeyStore(path)


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gateway.sqlite"
    with KeyStore(path) as s:
        s.create("a")
    with pytest.raises(ConfigError, match="over the 0.0 MiB limit of a key store"):
        KeyStore(path, max_bytes=1024)
    KeyStore(path, max_bytes=1 << 20).close()


# --------------------------------------------------------------------------- the API


def test_a_key_is_stored_as_its_hash_only(tmp_path: Path) -> None:
    db = tmp_path / "gateway.sqlite"
    store = KeyStore(db)
    secret, info = store.create("app", credit=3, rpm=10)
    assert secret.startswith("lnk_") and len(secret) == 47
    rows = sqlite3.connect(db).execute("SELECT * FROM keys").fetchall()
    assert secret not in repr(rows)
    assert rows[0][1:3] == ("app", hashlib.sha256(secret.encode()).hexdigest())
    assert secret.encode() not in db_bytes(db)
    for shown in (repr(info), str(info), repr(store), repr(store.list()), repr(store.get("app"))):
        assert secret not in shown and hashlib.sha256(secret.encode()).hexdigest() not in shown
    assert not hasattr(info, "secret") and "hash" not in repr(info)
    store.close()
    assert secret.encode() not in db_bytes(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_allowed_missing_unknown_expired_revoked(store: KeyStore) -> None:
    secret, _ = store.create("app", expires_at=T0 + 3600, now=T0)
    ok = store.authorize(secret, now=T0 + 10)
    assert isinstance(ok, Allowed) and ok.allowed and ok.status == 200
    assert ok.key.name == "app" and ok.key.credit is None and not ok.key.revoked
    for given, reason in (
        (None, "missing API key"),
        ("", "missing API key"),
        ("lnk_" + "A" * 43, "unknown API key"),
        (secret[:-1] + ("A" if secret[-1] != "A" else "B"), "unknown API key"),
        ("sk-" + "x" * 40, "unknown API key"),
        ("lnk_" + "x" * 10_000, "unknown API key"),
        ("lnk_\udcff" + "x" * 40, "unknown API key"),
    ):
        denied = store.authorize(given, now=T0 + 10)
        assert isinstance(denied, Denied) and not denied.allowed
        assert (denied.status, denied.reason, denied.retry_after) == (401, reason, None)
        assert denied.headers() == {"WWW-Authenticate": 'Bearer realm="logicnet"'}
    expired = store.authorize(secret, now=T0 + 3600)
    assert isinstance(expired, Denied)
    assert (expired.status, expired.reason, expired.key_name) == (401, "API key expired", "app")
    assert store.revoke("app") and store.revoke("app")  # again is fine
    assert not store.revoke("nobody")
    revoked = store.authorize(secret, now=T0 + 10)
    assert isinstance(revoked, Denied) and (revoked.status, revoked.reason) == (
        401,
        "API key revoked",
    )
    assert store.get("app").revoked  # type: ignore[union-attr]


def test_names_are_unique_and_checked(store: KeyStore) -> None:
    store.create("a.b_c-1")
    with pytest.raises(ConfigError, match="already exists"):
        store.create("a.b_c-1")
    for bad in ("", " x", "-x", "x" * 65, "a/b", "a\x1b[31m", "ä"):
        with pytest.raises(ConfigError, match="key name"):
            store.create(bad)
    with pytest.raises(ConfigError, match="future"):
        store.create("late", expires_at=time.time() - 1)
    with pytest.raises(ConfigError, match="rpm"):
        store.create("fast", rpm=0)
    assert [k.name for k in store.list()] == ["a.b_c-1"]


def test_the_rpm_limit_is_a_sliding_minute_with_a_right_retry_after(store: KeyStore) -> None:
    secret, _ = store.create("app", rpm=3, now=T0)
    sent = [T0 + 0.2, T0 + 10.5, T0 + 20.0]
    for t in sent:
        assert store.authorize(secret, now=t).allowed
    refused = store.authorize(secret, now=T0 + 30.7)
    assert isinstance(refused, Denied) and refused.status == 429
    assert refused.retry_after == math.ceil(sent[0] + 60 - (T0 + 30.7)) == 30
    assert refused.headers() == {"Retry-After": "30"}
    assert "3 per minute" in refused.reason and refused.key_name == "app"
    # one second short of Retry-After: still refused (with 1 s left); at it: allowed
    almost = store.authorize(secret, now=T0 + 30.7 + 29)
    assert isinstance(almost, Denied) and almost.retry_after == 1
    assert store.authorize(secret, now=T0 + 30.7 + 30).allowed
    # refusals are not counted: the next slot frees a minute after the second request
    again = store.authorize(secret, now=T0 + 61)
    assert isinstance(again, Denied) and again.retry_after == math.ceil(sent[1] + 60 - (T0 + 61))


def test_a_rate_limited_request_spends_no_credit(store: KeyStore) -> None:
    secret, _ = store.create("app", rpm=1, credit=2, now=T0)
    first = store.authorize(secret, now=T0)
    assert isinstance(first, Allowed) and first.key.credit == 1
    assert store.authorize(secret, now=T0 + 1).status == 429
    assert store.get("app").credit == 1  # type: ignore[union-attr]
    last = store.authorize(secret, now=T0 + 60)
    assert isinstance(last, Allowed) and last.key.credit == 0
    used = store.authorize(secret, now=T0 + 200)
    assert isinstance(used, Denied)
    assert (used.status, used.reason, used.retry_after) == (429, "credit used up", None)
    assert used.headers() == {}


def test_credit_counts_down_atomically_under_8_threads(store: KeyStore) -> None:
    credit = 120
    secret, _ = store.create("shared", credit=credit)
    allowed: list[int] = []
    refusals: list[Denied] = []
    gate = threading.Barrier(8)

    def hammer() -> None:
        gate.wait()
        mine = 0
        while True:
            decision = store.authorize(secret)
            if isinstance(decision, Denied):
                refusals.append(decision)
                break
            mine += 1
        allowed.append(mine)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sum(allowed) == credit and len(allowed) == 8
    assert {(d.status, d.reason) for d in refusals} == {(429, "credit used up")}
    assert store.get("shared").credit == 0  # type: ignore[union-attr]


_WORKER = """
import sys, time
from logicnet.gateway.keys import KeyStore
db, go = sys.argv[1], sys.argv[2]
secret = sys.stdin.readline().strip()
store = KeyStore(db)
while not __import__("os").path.exists(go):
    time.sleep(0.005)
allowed = 0
while True:
    decision = store.authorize(secret)
    if not decision.allowed:
        assert decision.status == 429 and decision.reason == "credit used up", decision
        break
    allowed += 1
    assert store.log_request("shared", time.time(), 10, [1, 2], "42", "agreement", 0.1, 200)
store.close()
print(allowed)
"""


def test_two_processes_share_one_file(tmp_path: Path) -> None:
    db, go = tmp_path / "gateway.sqlite", tmp_path / "go"
    credit = 150
    with KeyStore(db) as store:
        secret, _ = store.create("shared", credit=credit)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db), str(go)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    for w in workers:
        assert w.stdin is not None
        w.stdin.write(secret + "\n")
        w.stdin.flush()
    time.sleep(0.5)  # both open the file, then start at once
    go.touch()
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
    counts = [int(out) for out, _ in outputs]
    assert sum(counts) == credit, counts
    with KeyStore(db) as store:
        assert store.get("shared").credit == 0  # type: ignore[union-attr]
        assert len(store.recent_requests(1000)) == credit
    for out, err in outputs:
        assert secret not in out + err


def test_a_revocation_in_another_process_counts_at_once(tmp_path: Path) -> None:
    db = tmp_path / "gateway.sqlite"
    with KeyStore(db) as store:
        secret, _ = store.create("app")
        assert store.authorize(secret).allowed
        assert cli("revoke", "app", "--proxy.db", str(db)).returncode == 0
        assert store.authorize(secret).status == 401


def test_the_request_log_is_written_and_trimmed(tmp_path: Path) -> None:
    with KeyStore(tmp_path / "gateway.sqlite", max_log_rows=10) as store:
        for n in range(25):
            assert store.log_request(
                "app" if n % 2 else None,
                T0 + n,
                100 + n,
                list(range(n)) + list(range(100)),
                None if n == 3 else f"answer {n} " + "x" * 5000,
                "agreement",
                0.5 + n,
                200 if n % 5 else 504,
            )
        recent = store.recent_requests(1000)
        assert [r.started_at for r in recent] == [T0 + n for n in range(24, 14, -1)]
        newest = recent[0]
        assert newest.key_name is None and newest.question_chars == 124
        assert newest.miners_asked == tuple(range(24)) + tuple(range(40))  # at most 64
        assert newest.answer is not None and newest.answer.startswith("answer 24 ")
        assert len(newest.answer) == 1000
        assert (newest.decided_by, newest.latency_s, newest.status) == ("agreement", 24.5, 200)
        assert recent[1].key_name == "app" and recent[4].status == 504
        assert len(store.recent_requests(3)) == 3
        assert len(store.recent_requests(0)) == 1
    with sqlite3.connect(tmp_path / "gateway.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 10


def test_nothing_shows_a_secret(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "gateway.sqlite"
    store = KeyStore(db)
    secret, _ = store.create("app", credit=1, rpm=1)
    shown: list[str] = [repr(store.authorize(secret, now=T0))]
    shown += [repr(store.authorize(secret, now=T0 + 1)), repr(store.authorize(secret, now=T0 + 99))]
    store.log_request("app", T0, 5, [1], "answer", "weight", 1.0, 200)
    for attempt in (lambda: store.create("app"), lambda: store.create("a b")):
        with pytest.raises(ConfigError) as caught:
            attempt()
        shown.append(str(caught.value))
    store.close()
    shown.append(repr(store.authorize(secret)))  # closed: 503, and a warning
    with pytest.raises(ConfigError) as closed:
        store.list()
    shown.append(str(closed.value))
    assert "closed" in shown[-1] and "503" in shown[-2]
    assert caplog.records  # the store does log (creation, the closed store's refusal)
    for text in [*shown, caplog.text]:
        assert secret not in text and secret[len(SECRET_PREFIX) :] not in text
    assert secret.encode() not in db_bytes(db)


def test_a_failing_store_refuses_with_503(tmp_path: Path) -> None:
    db = tmp_path / "gateway.sqlite"
    store = KeyStore(db)
    secret, _ = store.create("app")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE keys")
    refused = store.authorize(secret)
    assert isinstance(refused, Denied)
    assert (refused.status, refused.reason) == (503, "the key store is unavailable")
    assert store.log_request("app", T0, 1, [], None, "none", 0.0, 503) is True
    with pytest.raises(ConfigError, match="could not list the keys"):
        store.list()
    store.close()


def test_parse_expiry() -> None:
    assert parse_expiry("30d", now=T0) == T0 + 30 * 86400
    assert parse_expiry("12h", now=T0) == T0 + 12 * 3600
    assert parse_expiry("90m", now=T0) == T0 + 90 * 60
    assert parse_expiry("2w", now=T0) == T0 + 14 * 86400
    day = datetime(2030, 12, 31, tzinfo=timezone.utc).timestamp()
    assert parse_expiry("2030-12-31", now=T0) == day
    assert parse_expiry("2030-12-31T18:00", now=T0) == day + 18 * 3600
    assert parse_expiry("2030-12-31T18:00Z", now=T0) == day + 18 * 3600
    assert parse_expiry("2030-12-31T18:00+02:00", now=T0) == day + 16 * 3600
    for bad, told in (
        ("0d", "not in the future"),
        ("3700d", "ten years"),
        ("2020-01-01", "in the past"),
        ("2100-01-01", "ten years"),
        ("tomorrow", "neither a duration"),
        ("-5d", "neither a duration"),
        ("x" * 10_000, "neither a duration"),
    ):
        with pytest.raises(ValueError, match=told):
            parse_expiry(bad, now=T0)


def test_bearer_token() -> None:
    assert bearer_token("Bearer lnk_abc") == "lnk_abc"
    assert bearer_token("bearer   lnk_abc  ") == "lnk_abc"
    for bad in (None, "", "Basic dXNlcjpw", "Bearer", "Bearer a b", "Bearer " + "x" * 2000):
        assert bearer_token(bad) is None
