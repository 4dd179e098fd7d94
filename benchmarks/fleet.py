"""Up to 256 LogicNet miners served by ONE process, for a validator benchmark at subnet size.

    python benchmarks/fleet.py --dir DIR [--honest 192 --wrong 32 --slow 16 --silent 8
                               --mute 8] [--validator-hotkey SS58 ...] [--volume 50]
                               [--max-seconds 3600] [--parent-pid PID]

Every miner has its own sr25519 hotkey (derived from ``--seed``, so the same each run) and
its own port on 127.0.0.1, all served by one aiohttp runner in one event loop: one listening
socket (site) per miner, the miner found from the socket a request came in on. Each speaks
the wire of a bittensor Axon closely enough that a stock ``bittensor.Dendrite`` and the
validator's ``BoundedDendrite`` talk to it unchanged:

- ``POST /Information`` and ``POST /LogicSynapse``; any other name is 404;
- a caller not in the allowed set (the ``--validator-hotkey`` list; anyone when none is
  given and ``--open``) is 403, as a miner's blacklist does;
- the request is checked as an Axon checks it: the dendrite's signature over
  ``nonce.dendrite_hotkey.axon_hotkey.uuid.body_hash`` with the miner's OWN hotkey as
  ``axon_hotkey``, a nonce newer than the last one from that dendrite (and, the first time,
  no older than 4 s plus the request's timeout): else 401; a body whose hash is not the
  ``computed_body_hash`` header is 500 (the Axon's own answer); over 64 KiB is 413;
- the reply is the request's synapse JSON with the miner's fields filled in, and the
  ``bt_header_axon_*`` / ``bt_header_dendrite_*`` headers an Axon sends (status code and
  message, process time, the miner's nonce, uuid, hotkey and signature).

LogicNet's synapses declare no ``required_hash_fields``, so the body hash of every valid
request is the SHA3-256 of the empty string; tests/test_fleet.py checks that against
bittensor's own ``body_hash``. bittensor itself is not imported here (only its key library),
which keeps the process small: for 256 miners 44 MB of RSS at start, 55-66 MB through the
benchmark's loops, 88 MB with 1,024 requests in flight, about 0.7 ms of CPU per request
(signature checked, reply signed, engine answer cached). Without ``--validator-hotkey`` the
fleet makes a validator wallet itself, which does import bittensor (about 90 MB).

Miner kinds:

    honest  the embedded engine (``logicnet.engine.solve``) in one worker thread, its working
            as the reasoning; answers are cached per question text (a group of 8 shares one)
    wrong   a fixed wrong answer with plausible-looking reasoning
    slow    the honest answer, sent 1 s (``--late-by``) after the request's timeout
    silent  answers Information; takes LogicSynapse and never replies
    mute    takes every request and never replies

A request held by silent or mute ends when the caller hangs up (the handler is cancelled) or
when the fleet stops. In ``DIR`` the fleet writes ``registry.json`` (the miners, with one
validator neuron per ``--validator-hotkey``: stake 1,000,000 and a validator permit) and then,
when every port listens, ``fleet.json`` (pid, control port, uid -> kind, hotkey, port): wait
for that file. ``GET /stats`` on the control port: requests per miner and outcome, the
engine cache, and the fleet's own CPU seconds and RSS. The fleet stops on SIGTERM or SIGINT,
after ``--max-seconds``, or when ``--parent-pid`` is gone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import importlib.metadata
import ipaddress
import json
import os
import re
import resource
import signal
import socket
import sys
import time
import uuid as uuidlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

__all__ = [
    "EMPTY_BODY_HASH",
    "KINDS",
    "WRONG_ANSWER",
    "EngineCache",
    "Fleet",
    "Miner",
    "make_miners",
    "parse_mix",
    "write_fleet_registry",
]

KINDS = ("honest", "wrong", "slow", "silent", "mute")
SYNAPSES = ("Information", "LogicSynapse")
MAX_MINERS = 1024
MAX_BODY_BYTES = 64 * 1024  # a LogicNet miner's default body cap
EMPTY_BODY_HASH = hashlib.sha3_256(b"").hexdigest()
NONCE_GRACE_NS = 4_000_000_000  # the Axon's allowed delta for a first nonce
NEW_NONCE_VERSION = 7_002_000  # dendrites from 7.2.0 on send time-based nonces
VALIDATOR_STAKE = 1_000_000.0
WRONG_ANSWER = "7919"
WRONG_REASONING = (
    "First I restate the problem and name the unknown. Collecting the given quantities and "
    "applying the relevant rule step by step, the intermediate value simplifies to 7919. "
    "Checking the result against the conditions of the problem confirms it. "
    "Therefore the answer is 7919."
)
UNSOLVED = ("", "I could not work this problem out.")
_KEY_CACHE = 4096


def _version_as_int() -> int:
    """bittensor's version number as its Axon reports it (10.5.0 -> 10005000)."""
    try:
        text = importlib.metadata.version("bittensor")
    except importlib.metadata.PackageNotFoundError:
        return NEW_NONCE_VERSION
    parts = [int(m.group()) for m in (re.match(r"\d+", p) for p in text.split(".")[:3]) if m]
    parts += [0] * (3 - len(parts))
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


VERSION = _version_as_int()


def _keypair_class() -> Any:
    from bittensor_wallet import Keypair

    return Keypair


def _header_safe(text: Any, limit: int = 300) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", " ", str(text))[:limit]


def _opt_int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _mb(field_name: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


# --------------------------------------------------------------------------- miners


@dataclass
class Miner:
    uid: int
    kind: str
    keypair: Any  # bittensor_wallet.Keypair with its secret
    coldkey: str
    volume: int = 50
    port: int = 0
    uuid: str = field(default_factory=lambda: str(uuidlib.uuid1()))
    nonces: dict[str, int] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def hotkey(self) -> str:
        return str(self.keypair.ss58_address)


def parse_mix(counts: Mapping[str, int]) -> list[str]:
    """One kind per miner, in KINDS order, from {kind: how many}."""
    unknown = set(counts) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown miner kinds: {sorted(unknown)}")
    if any(n < 0 for n in counts.values()):
        raise ValueError("a miner count is negative")
    kinds = [k for k in KINDS for _ in range(counts.get(k, 0))]
    if not 1 <= len(kinds) <= MAX_MINERS:
        raise ValueError(f"between 1 and {MAX_MINERS} miners, not {len(kinds)}")
    return kinds


def make_miners(kinds: Sequence[str], seed: str = "fleet", volume: int = 50) -> list[Miner]:
    """Miners with uids 1.. (uid 0 is the validator's), hotkeys derived from ``seed``."""
    keypair = _keypair_class()
    return [
        Miner(
            uid=i + 1,
            kind=kind,
            keypair=keypair.create_from_uri(f"//{seed}/miner/{i + 1}"),
            coldkey=str(keypair.create_from_uri(f"//{seed}/owner/{i + 1}").ss58_address),
            volume=volume,
        )
        for i, kind in enumerate(kinds)
    ]


def write_fleet_registry(
    path: Path, miners: Iterable[Miner], validator_hotkeys: Sequence[str], netuid: int = 35
) -> None:
    """The registry the validator reads in local mode: the miners (uids 1..N, no stake),
    the first validator as uid 0 and any others after the last miner (stake 1,000,000,
    a validator permit, no axon)."""
    from logicnet.chain import Neuron, write_registry

    miners = list(miners)
    top = max((m.uid for m in miners), default=0)
    neurons = [
        Neuron(
            uid=m.uid, hotkey=m.hotkey, coldkey=m.coldkey, stake=0.0, ip="127.0.0.1", port=m.port
        )
        for m in miners
    ]
    for i, hotkey in enumerate(validator_hotkeys):
        neurons.append(
            Neuron(
                uid=0 if i == 0 else top + i,
                hotkey=hotkey,
                coldkey="",
                stake=VALIDATOR_STAKE,
                validator_permit=True,
            )
        )
    write_registry(path, netuid, sorted(neurons, key=lambda n: n.uid))


# --------------------------------------------------------------------------- the engine


class EngineCache:
    """Engine answers per question text, worked out in one thread off the event loop; one
    computation per text however many miners ask at once."""

    def __init__(self, max_entries: int = 4096, threads: int = 1) -> None:
        self.max_entries = max_entries
        self._done: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._pending: dict[str, asyncio.Future[tuple[str, str]]] = {}
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="fleet-engine")
        self.hits = 0
        self.solved = 0
        self.unsolved = 0
        self.cpu_seconds = 0.0

    def _solve(self, question: str) -> tuple[str, str]:
        from logicnet.engine import solve

        started = time.thread_time()
        try:
            found = solve(question)
        except Exception:  # the engine must not take a miner down; an answerless reply
            found = None
        finally:
            self.cpu_seconds += time.thread_time() - started
        if found is None:
            self.unsolved += 1
            return UNSOLVED
        self.solved += 1
        return str(found.answer), str(found.reasoning)

    async def answer(self, question: str) -> tuple[str, str]:
        done = self._done.get(question)
        if done is not None:
            self._done.move_to_end(question)
            self.hits += 1
            return done
        pending = self._pending.get(question)
        if pending is None:
            pending = asyncio.get_running_loop().run_in_executor(self._pool, self._solve, question)
            self._pending[question] = pending
            pending.add_done_callback(lambda f, q=question: self._settle(q, f))
        else:
            self.hits += 1
        # A caller that hangs up cancels its wait, never the computation others share
        return await asyncio.shield(pending)

    def _settle(self, question: str, future: asyncio.Future[tuple[str, str]]) -> None:
        self._pending.pop(question, None)
        if future.cancelled() or future.exception() is not None:
            return
        self._done[question] = future.result()
        while len(self._done) > self.max_entries:
            self._done.popitem(last=False)

    def stats(self) -> dict[str, Any]:
        return {
            "cached": len(self._done),
            "hits": self.hits,
            "solved": self.solved,
            "unsolved": self.unsolved,
            "cpu_s": round(self.cpu_seconds, 3),
        }

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- the server


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Fleet:
    """The miners' HTTP side: one aiohttp runner, one listening socket per miner."""

    def __init__(
        self,
        miners: Sequence[Miner],
        *,
        allowed_hotkeys: Iterable[str] | None = None,
        host: str = "127.0.0.1",
        base_port: int = 0,
        late_by_s: float = 1.0,
        max_body_bytes: int = MAX_BODY_BYTES,
        engine: EngineCache | None = None,
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the fleet serves on a loopback address only, not {host}")
        self.miners = list(miners)
        self.allowed = None if allowed_hotkeys is None else frozenset(allowed_hotkeys)
        self.host = host
        self.base_port = base_port
        self.late_by_s = late_by_s
        self.max_body_bytes = max_body_bytes
        self.engine = engine or EngineCache()
        self._by_port: dict[int, Miner] = {}
        self._keys: dict[str, Any] = {}
        self._runner: web.AppRunner | None = None
        self._control: web.AppRunner | None = None
        self.control_port = 0
        self._stopping: asyncio.Event | None = None
        self._started = time.monotonic()

    # ---------------------------------------------------------------- start and stop

    def _socket(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, port))
        except OSError:
            sock.close()
            raise
        return sock

    async def start(self) -> None:
        self._stopping = asyncio.Event()
        app = web.Application(client_max_size=self.max_body_bytes)
        app.router.add_route("*", "/{name:.*}", self._handle)
        # Cancel a handler when its caller hangs up, as the Axon's server does: a held or
        # late reply costs nothing once the validator has given up on it
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, handler_cancellation=True
        )
        await self._runner.setup()
        for i, miner in enumerate(self.miners):
            sock = self._socket(self.base_port + i if self.base_port else 0)
            miner.port = int(sock.getsockname()[1])
            self._by_port[miner.port] = miner
            site = web.SockSite(self._runner, sock, shutdown_timeout=1.0, backlog=256)
            await site.start()
        control = web.Application()
        control.router.add_get("/stats", self._stats)
        self._control = web.AppRunner(control, handle_signals=False, access_log=None)
        await self._control.setup()
        sock = self._socket(0)
        self.control_port = int(sock.getsockname()[1])
        await web.SockSite(self._control, sock, shutdown_timeout=1.0).start()
        self._started = time.monotonic()

    async def stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()  # held requests end now, with a 503
        for runner in (self._runner, self._control):
            if runner is not None:
                await runner.cleanup()
        self._runner = self._control = None
        self.engine.close()

    async def __aenter__(self) -> Fleet:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        totals: Counter[str] = Counter()
        for m in self.miners:
            totals.update(m.counts)
        return {
            "pid": os.getpid(),
            "uptime_s": round(time.monotonic() - self._started, 3),
            "cpu_s": round(_cpu_seconds(), 3),
            "rss_mb": round(_mb("VmRSS"), 1),
            "peak_rss_mb": round(_mb("VmHWM"), 1),
            "engine": self.engine.stats(),
            "totals": dict(totals),
            "miners": {str(m.uid): dict(m.counts) for m in self.miners},
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    # ---------------------------------------------------------------- checks

    def _public_key(self, hotkey: str) -> Any:
        key = self._keys.get(hotkey)
        if key is None:
            if len(self._keys) >= _KEY_CACHE:
                self._keys.clear()
            key = self._keys[hotkey] = _keypair_class()(ss58_address=hotkey)
        return key

    def _verify(self, miner: Miner, headers: Mapping[str, str], timeout: float) -> None:
        """The Axon's check of who sent a request and that it is fresh (raise Refused)."""
        hotkey = headers.get("bt_header_dendrite_hotkey")
        caller_uuid = headers.get("bt_header_dendrite_uuid")
        signature = headers.get("bt_header_dendrite_signature")
        try:
            nonce = _opt_int(headers.get("bt_header_dendrite_nonce"))
            version = _opt_int(headers.get("bt_header_dendrite_version"))
        except ValueError:
            raise Refused(400, "Improperly formatted request: bad dendrite headers") from None
        if self.allowed is not None and hotkey not in self.allowed:
            raise Refused(403, f"Forbidden. Key is blacklisted: {hotkey} is not a validator.")
        if not hotkey:
            raise Refused(401, "Not Verified with error: no dendrite hotkey")
        if nonce is None:
            raise Refused(401, "Not Verified with error: Missing Nonce")
        endpoint = f"{hotkey}:{caller_uuid}"
        last = miner.nonces.get(endpoint)
        if version is not None and version >= NEW_NONCE_VERSION and last is None:
            oldest = time.time_ns() - NONCE_GRACE_NS - int(timeout * 1e9)
            if nonce <= oldest:
                raise Refused(401, "Not Verified with error: Nonce is too old")
        if last is not None and nonce <= last:
            raise Refused(
                401, "Not Verified with error: Nonce is too old, a newer one was last processed"
            )
        if not signature:
            raise Refused(401, "Not Verified with error: Missing Signature")
        body_hash = headers.get("computed_body_hash")
        message = f"{nonce}.{hotkey}.{miner.hotkey}.{caller_uuid}.{body_hash}"
        try:
            good = bool(self._public_key(hotkey).verify(message, signature))
        except Exception:  # a malformed ss58 address or signature: not verified either way
            good = False
        if not good:
            raise Refused(401, "Not Verified with error: Signature mismatch")
        if len(miner.nonces) >= _KEY_CACHE:
            miner.nonces.clear()
        miner.nonces[endpoint] = nonce

    async def _body(self, request: web.Request) -> dict[str, Any]:
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise Refused(413, f"request body over {self.max_body_bytes} bytes") from None
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise Refused(500, "Internal Server Error: the body is not JSON") from None
        if not isinstance(body, dict):
            raise Refused(500, "Internal Server Error: the body is not a JSON object")
        claimed = request.headers.get("computed_body_hash", "")
        if claimed != EMPTY_BODY_HASH:
            raise Refused(
                500,
                f"Hash mismatch between header body hash {claimed} and parsed body hash "
                f"{EMPTY_BODY_HASH}",
            )
        return body

    async def _hold(self, miner: Miner, what: str) -> web.Response:
        """Never answer: until the caller hangs up (this is cancelled) or the fleet stops."""
        miner.counts[f"held_{what}"] += 1
        assert self._stopping is not None
        await self._stopping.wait()
        return web.json_response({"message": "shutting down"}, status=503)

    # ---------------------------------------------------------------- the handler

    async def _handle(self, request: web.Request) -> web.Response:
        started = time.time()
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        miner = self._by_port.get(int(sockname[1])) if sockname else None
        if miner is None:
            return web.json_response({"message": "no miner on this port"}, status=404)
        name = request.match_info.get("name", "").split("/")[0]
        miner.counts[f"{name if name in SYNAPSES else 'other'}_received"] += 1
        if miner.kind == "mute":
            return await self._hold(miner, name if name in SYNAPSES else "other")
        try:
            timeout = float(request.headers.get("timeout", "12"))
        except ValueError:
            timeout = 12.0
        try:
            if name not in SYNAPSES:
                raise Refused(
                    404, f"Synapse name '{name}' not found. Available synapses {list(SYNAPSES)}"
                )
            self._verify(miner, request.headers, timeout)
            body = await self._body(request)
        except Refused as exc:
            miner.counts[f"{name if name in SYNAPSES else 'other'}_{exc.status}"] += 1
            return self._respond(miner, request, name, None, exc.status, exc.message, started)
        miner.counts[name] += 1
        if name == "Information":
            body["response_dict"] = {"category": "Logic", "epoch_volume": miner.volume}
            return self._respond(miner, request, name, body, 200, "Success", started)
        if miner.kind == "silent":
            return await self._hold(miner, name)
        question = body.get("logic_question")
        question = question if isinstance(question, str) else ""
        if miner.kind == "wrong":
            answer, reasoning = WRONG_ANSWER, WRONG_REASONING
        else:
            answer, reasoning = await self.engine.answer(question)
        if miner.kind == "slow":
            await asyncio.sleep(max(started + timeout + self.late_by_s - time.time(), 0.0))
            miner.counts["sent_late"] += 1
        body["logic_answer"], body["logic_reasoning"] = answer, reasoning
        miner.counts["answered"] += 1
        return self._respond(miner, request, name, body, 200, "Success", started)

    def _respond(
        self,
        miner: Miner,
        request: web.Request,
        name: str,
        body: dict[str, Any] | None,
        status: int,
        message: str,
        started: float,
    ) -> web.Response:
        """The reply an Axon sends: the synapse (or {"message"} for an error) and its
        terminal headers, signed by the miner over nonce.dendrite.axon.uuid."""
        h = request.headers
        caller = h.get("bt_header_dendrite_hotkey", "")
        nonce = time.time_ns()
        signature = miner.keypair.sign(f"{nonce}.{caller}.{miner.hotkey}.{miner.uuid}").hex()
        axon: dict[str, Any] = {
            "status_code": status,
            "status_message": _header_safe(message),
            "process_time": round(time.time() - started, 6),
            "ip": h.get("bt_header_axon_ip", self.host),
            "port": miner.port,
            "version": VERSION,
            "nonce": nonce,
            "uuid": miner.uuid,
            "hotkey": miner.hotkey,
            "signature": f"0x{signature}",
        }
        dendrite: dict[str, Any] = {
            key[len("bt_header_dendrite_") :]: value
            for key, value in h.items()
            if key.startswith("bt_header_dendrite_")
        }
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if peer:
            dendrite["ip"], dendrite["port"] = str(peer[0]), str(peer[1])
        if body is not None:
            sent = body.get("dendrite")
            body["axon"] = axon
            body["dendrite"] = {**(sent if isinstance(sent, dict) else {}), **dendrite}
            if peer:
                body["dendrite"]["port"] = int(peer[1])
            content: dict[str, Any] = body
        else:
            content = {"message": message}
        payload = json.dumps(content).encode()
        headers = {
            "name": _header_safe(name, 64),
            "timeout": _header_safe(h.get("timeout", "12"), 32),
            **{f"bt_header_axon_{k}": _header_safe(v) for k, v in axon.items()},
            **{f"bt_header_dendrite_{k}": _header_safe(v) for k, v in dendrite.items()},
            "computed_body_hash": EMPTY_BODY_HASH,
            "total_size": str(len(payload)),
        }
        return web.Response(
            body=payload, status=status, headers=headers, content_type="application/json"
        )


# --------------------------------------------------------------------------- the command


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))


def _validator_hotkeys(args: argparse.Namespace, workdir: Path) -> list[str]:
    if args.validator_hotkey:
        return list(args.validator_hotkey)
    if args.open:
        return []
    from logicnet.wallets import create_wallet  # imports bittensor: standalone use only

    wallet = create_wallet("validator", "default", str(workdir / "wallets"))
    return [str(wallet.hotkey.ss58_address)]


async def serve(args: argparse.Namespace) -> None:
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    kinds = parse_mix({k: getattr(args, k) for k in KINDS})
    validators = _validator_hotkeys(args, workdir)
    miners = make_miners(kinds, args.seed, args.volume)
    fleet = Fleet(
        miners,
        allowed_hotkeys=None if args.open else validators,
        host=args.host,
        base_port=args.base_port,
        late_by_s=args.late_by,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await fleet.start()
    try:
        registry = workdir / "registry.json"
        write_fleet_registry(registry, miners, validators, args.netuid)
        ready = {
            "pid": os.getpid(),
            "control_port": fleet.control_port,
            "registry": str(registry),
            "validators": validators,
            "miners": [
                {"uid": m.uid, "kind": m.kind, "hotkey": m.hotkey, "port": m.port} for m in miners
            ],
        }
        tmp = workdir / "fleet.json.tmp"
        tmp.write_text(json.dumps(ready, indent=1))
        tmp.replace(workdir / "fleet.json")
        print(
            f"fleet: {len(miners)} miners ({dict(Counter(kinds))}) on {args.host}, control "
            f"port {fleet.control_port}, RSS {_mb('VmRSS'):.0f} MB",
            flush=True,
        )
        deadline = time.monotonic() + args.max_seconds
        while not stop.is_set() and time.monotonic() < deadline:
            if args.parent_pid and not _alive(args.parent_pid):
                break
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        stats = fleet.stats()
        await fleet.stop()
        print(
            f"fleet: stopped after {stats['uptime_s']:.0f} s; CPU {stats['cpu_s']:.1f} s, peak "
            f"RSS {stats['peak_rss_mb']:.0f} MB; {stats['totals']}",
            flush=True,
        )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", required=True, help="where registry.json and fleet.json go")
    for kind, default in zip(KINDS, (4, 0, 0, 0, 0), strict=True):
        parser.add_argument(f"--{kind}", type=int, default=default, help=f"{kind} miners")
    parser.add_argument(
        "--validator-hotkey",
        action="append",
        default=[],
        help="a validator allowed to ask (repeatable); none: one wallet is made in DIR/wallets",
    )
    parser.add_argument(
        "--open", action="store_true", help="accept any signed caller (no validator in the file)"
    )
    parser.add_argument("--volume", type=int, default=50, help="every miner's epoch_volume")
    parser.add_argument("--seed", default="fleet", help="hotkeys are //SEED/miner/UID")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--base-port", type=int, default=0, help="0: ports picked by the OS")
    parser.add_argument("--late-by", type=float, default=1.0, help="slow miners' lateness, s")
    parser.add_argument("--netuid", type=int, default=35)
    parser.add_argument("--max-seconds", type=float, default=3600.0, help="stop after this")
    parser.add_argument("--parent-pid", type=int, default=0, help="stop when it is gone")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        parse_mix({k: getattr(args, k) for k in KINDS})
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _raise_fd_limit()
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
