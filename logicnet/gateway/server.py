"""The validator as a service: an OpenAI-compatible HTTP API answered by the subnet's miners.

``logicnet validator --proxy.port PORT`` serves, in the validator's own process and event
loop (sharing its wallet, dendrite, metagraph and current weights):

    GET  /v1/models             one model per strategy: logicnet-top-1, -3, -5
    POST /v1/chat/completions   OpenAI's request and response shape; the last user message
                                is the question; ``stream: true`` is refused with a 400
    POST /v1/solve              {"question", "miners"?: {"top": k} | {"uids": [...]},
                                 "timeout"?} -> {"answer", "reasoning", "agreement",
                                 "miners": [{"uid", "answer", "latency", "agreed"}],
                                 "decided_by", "engine_answer", "engine_convention"}

A question goes to the top k miners by the validator's current weights (never more than
the validator's organic share of their volume, see ``Gateway.budget``), each with the
validator's real signed LogicSynapse; the answer the most weight agrees on is returned as
soon as it cannot be overtaken (``logicnet.gateway.consensus``), or at the deadline. The
validator's own engine reads the question beside the miners; its exact answer breaks a tie
and is reported.

Every request needs ``Authorization: Bearer KEY`` (``logicnet keys``): 401 for a missing,
unknown, expired or revoked key; 429 with Retry-After past its rate or credit; 413 for a
body over 64 KiB; 400 for a malformed request; 503 when the gateway is full or knows no
miners yet; 504 when no miner answered in time. Every request is logged (key name, miners
asked, answer, latency), never the key. Organic questions change no miner's score unless
``--proxy.score``, and then only through the rewarder, where the engine read the question.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web

from logicnet.answers import cap_reasoning
from logicnet.cheats import contains_cheat_marker, talks_to_grader
from logicnet.engine.core import EngineAnswer
from logicnet.errors import EngineError, LogicNetError, http_status
from logicnet.flags import VALIDATOR, VALIDATOR_OWN
from logicnet.gateway.consensus import Decision, MinerAnswer, Tally
from logicnet.gateway.keys import Denied, KeyStore, bearer_token
from logicnet.protocol import LogicSynapse
from logicnet.validator.events import EventSink, OrganicAnswered, ignore
from logicnet.validator.rewarder import MinerReply, bound_reply
from logicnet.validator.schedule import synthetic_share

if TYPE_CHECKING:
    from logicnet.validator.service import ValidatorService

__all__ = ["DEFAULT_TOP", "Gateway", "GatewaySettings", "MODELS", "SolveResult"]

log = logging.getLogger(__name__)

DEFAULT_TOP = 5
MODELS = ("logicnet-top-1", "logicnet-top-3", "logicnet-top-5")
_MODEL = re.compile(r"^logicnet-top-(\d{1,3})$")
MAX_BODY_BYTES = 64 * 1024
MAX_QUESTION_CHARS = 20_000
BODY_TIMEOUT_S = 10.0
DEFAULT_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class GatewaySettings:
    """The gateway's knobs; those with a flag take its declared default (logicnet/flags.py)."""

    host: str = VALIDATOR.default("proxy_host")  # --proxy.host
    port: int = 0  # 0: a free port (the gateway is off unless --proxy.port is given)
    max_in_flight: int = 64  # requests being answered at once; more get 503
    # --validator.timeout: a request's own timeout is clamped to the miners' challenge timeout
    max_timeout_s: float = VALIDATOR_OWN.default("timeout")
    score: bool = VALIDATOR.default("proxy_score")  # engine-read organic questions are scored


@dataclass(frozen=True)
class SolveResult:
    decision: Decision
    miners: list[MinerAnswer]
    engine_answer: str | None
    seconds: float
    # which convention the engine's answer follows: "generator" (a question mathgenerator
    # could have asked) or "plain" (any other); None without an engine answer
    engine_convention: str | None = None

    def to_json(self) -> dict[str, object]:
        d = self.decision
        return {
            "answer": d.answer,
            "reasoning": d.reasoning,
            "agreement": d.agreement,
            "decided_by": d.decided_by,
            "engine_answer": self.engine_answer,
            "engine_convention": self.engine_convention,
            "miners": [
                {
                    "uid": m.uid,
                    "answer": m.answer,
                    "latency": round(m.latency, 4),
                    "agreed": m.uid in d.agreed,
                    **({"why": m.why} if m.why else {}),
                }
                for m in self.miners
            ],
        }


@dataclass
class _Seen:
    """What a request showed before it ended: its key's name and its question's length."""

    name: str = "-"
    chars: int = 0


_OUR_SIDE = "the validator failed on its side; retry later"


class _Refusal(Exception):
    def __init__(self, status: int, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def _error(status: int, message: str, retry_after: float | None = None) -> web.Response:
    kinds = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_error"}
    headers = {"Retry-After": str(max(1, round(retry_after)))} if retry_after else None
    body = {"error": {"message": message, "type": kinds.get(status, "api_error"), "code": status}}
    return web.json_response(body, status=status, headers=headers)


def _question_of(messages: object) -> str:
    """The last user message's text (a string, or OpenAI's list of text parts)."""
    if not isinstance(messages, list) or not messages:
        raise _Refusal(400, "'messages' must be a non-empty list")
    for message in reversed(messages):
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            return content
        if isinstance(content, list):
            parts = [p.get("text") for p in content if isinstance(p, dict)]
            if all(isinstance(t, str) for t in parts) and parts:
                return "\n".join(t for t in parts if isinstance(t, str))
        raise _Refusal(400, "the last user message has no text content")
    raise _Refusal(400, "no user message")


class Gateway:
    """The HTTP API over one validator service (``logicnet.validator.service``)."""

    def __init__(
        self,
        service: ValidatorService,
        keys: KeyStore,
        settings: GatewaySettings,
        on_event: EventSink | None = None,
    ) -> None:
        self.service = service
        self.keys = keys
        self.settings = settings
        self.on_event = on_event or ignore
        self._slots = asyncio.Semaphore(settings.max_in_flight)
        self._spent: dict[int, int] = {}
        self._spent_step = -1
        self._runner: web.AppRunner | None = None
        self.port = settings.port

    # ------------------------------------------------------------------ miners and budget

    def budget(self) -> dict[int, int]:
        """Organic questions each miner may still get this loop: its rate limit for this
        validator less the validator's own synthetic share (the network's split)."""
        step = int(self.service.state.step)
        if step != self._spent_step:
            self._spent, self._spent_step = {}, step
        return {
            uid: limit - synthetic_share(limit) - self._spent.get(uid, 0)
            for uid, limit in self.service.last_limits.items()
        }

    def choose(self, spec: object) -> list[int]:
        """The uids to ask: ``{"top": k}`` by current weight, or ``{"uids": [...]}``."""
        budget = {uid: left for uid, left in self.budget().items() if left > 0}
        if not self.service.last_limits:
            raise _Refusal(503, "the validator has not met its miners yet (first loop running)")
        if isinstance(spec, dict) and "uids" in spec:
            uids = spec["uids"]
            if (
                not isinstance(uids, list)
                or not uids
                or len(uids) > 64
                or not all(isinstance(u, int) and not isinstance(u, bool) for u in uids)
            ):
                raise _Refusal(400, "'miners.uids' must be a list of 1 to 64 uids")
            unknown = [u for u in uids if u not in self.service.last_limits]
            if unknown:
                raise _Refusal(400, f"uids {unknown} are not miners this validator asks")
            chosen = [u for u in dict.fromkeys(uids) if u in budget]
            if not chosen:
                raise _Refusal(429, "those miners' organic volume is used up this loop")
            return chosen
        top = DEFAULT_TOP
        if isinstance(spec, dict) and "top" in spec:
            top = spec["top"]
            if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 64:
                raise _Refusal(400, "'miners.top' must be a whole number from 1 to 64")
        elif spec is not None:
            raise _Refusal(400, '\'miners\' must be {"top": k} or {"uids": [...]}')
        weights = self.service.current_weights()
        ranked = sorted(budget, key=lambda uid: (-weights.get(uid, 0.0), uid))
        if not ranked:
            raise _Refusal(503, "every miner's organic volume is used up this loop")
        return ranked[:top]

    # ------------------------------------------------------------------ one question

    async def _ask(
        self, uid: int, question: str, timeout: float, replies: dict[int, MinerReply]
    ) -> MinerAnswer:
        neuron = self.service.neuron(uid)
        if neuron is None:
            return MinerAnswer(uid, None, why="not in the metagraph")
        synapse = LogicSynapse(
            logic_question=question,
            category="Logic",
            timeout=max(1, int(timeout)),
            task_uid=uuid.uuid4().hex[:16],
        ).miner_view()
        started = time.monotonic()
        response = await self.service.dendrite.call(
            target_axon=self.service.axon_of(neuron),
            synapse=synapse,
            timeout=timeout,
            deserialize=False,
        )
        latency = time.monotonic() - started
        reply = bound_reply(uid, neuron.hotkey, response, timeout)
        replies[uid] = reply  # for --proxy.score: the rewarder reads the bounded reply
        if not reply.ok:
            return MinerAnswer(uid, None, latency=latency, why=f"status {reply.status}")
        if reply.defect or not reply.answer.strip():
            return MinerAnswer(uid, None, latency=latency, why=reply.defect or "empty answer")
        cheats = self.service.challenger.current_cheats()
        if any(
            contains_cheat_marker(text, cheats) or talks_to_grader(text)
            for text in (reply.answer, reply.reasoning)
        ):
            return MinerAnswer(uid, None, latency=latency, why="flagged by the cheat checks")
        return MinerAnswer(uid, reply.answer.strip(), cap_reasoning(reply.reasoning), latency)

    async def solve(self, question: str, spec: object, timeout: float) -> SolveResult:
        started = time.monotonic()
        uids = self.choose(spec)
        for uid in uids:
            self._spent[uid] = self._spent.get(uid, 0) + 1
        weights = self.service.current_weights()
        tally = Tally({uid: weights.get(uid, 0.0) for uid in uids})
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        engine_task = asyncio.ensure_future(self._engine(question, deadline))
        replies: dict[int, MinerReply] = {}
        asks = {
            asyncio.ensure_future(self._ask(uid, question, timeout, replies)): uid for uid in uids
        }
        decision: Decision | None = None
        try:
            pending = set(asks)
            while pending and decision is None:
                left = deadline - loop.time()
                if left <= 0:
                    break
                done, pending = await asyncio.wait(
                    pending, timeout=left, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    tally.add(
                        task.result()
                        if task.exception() is None
                        else MinerAnswer(asks[task], None, why="the query failed")
                    )
                decision = tally.decided()
            why = "not waited for: already decided" if decision else "no answer in time"
            for task in pending:
                tally.add(MinerAnswer(asks[task], None, latency=timeout, why=why))
            engine = await self._engine_result(engine_task, deadline)
            tally.engine_answer = engine.answer if engine is not None else None
            if decision is None:
                decision = tally.final()
        finally:
            for task in asks:
                task.cancel()
            engine_task.cancel()
        result = SolveResult(
            decision,
            [tally.answers[u] for u in uids if u in tally.answers],
            tally.engine_answer,
            time.monotonic() - started,
            engine.convention if engine is not None else None,
        )
        if self.settings.score and engine is not None and replies:
            # only where the ground truth is known: the engine read the question exactly
            await self.service.score_organic(
                question, engine.answer, engine.reasoning, list(replies.values())
            )
        return result

    async def _engine(self, question: str, deadline: float) -> EngineAnswer | None:
        try:
            return await self.service.reference.engine.solve(question, deadline)
        except EngineError:
            return None

    @staticmethod
    async def _engine_result(
        task: asyncio.Future[EngineAnswer | None], deadline: float
    ) -> EngineAnswer | None:
        """The engine's answer if it is ready (it is bounded by the same deadline)."""
        left = max(0.0, deadline - asyncio.get_running_loop().time())
        try:
            return await asyncio.wait_for(asyncio.shield(task), min(left, 0.5))
        except asyncio.TimeoutError:
            return None

    # ------------------------------------------------------------------ HTTP

    async def _body(self, request: web.Request) -> dict[str, object]:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            raise _Refusal(413, f"body over {MAX_BODY_BYTES} bytes")
        try:
            raw = await asyncio.wait_for(request.read(), BODY_TIMEOUT_S)
        except asyncio.TimeoutError:
            raise _Refusal(408, f"body not received within {BODY_TIMEOUT_S:g} s") from None
        except web.HTTPRequestEntityTooLarge:
            raise _Refusal(413, f"body over {MAX_BODY_BYTES} bytes") from None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise _Refusal(400, "the body is not JSON") from None
        if not isinstance(data, dict):
            raise _Refusal(400, "the body must be a JSON object")
        return data

    async def _authorize(self, request: web.Request) -> str:
        secret = bearer_token(request.headers.get("Authorization"))
        if not secret:
            raise _Refusal(401, "missing API key (Authorization: Bearer KEY)")
        decision = await asyncio.to_thread(self.keys.authorize, secret)
        if isinstance(decision, Denied):
            raise _Refusal(decision.status, decision.reason, decision.retry_after)
        return decision.key.name

    def _timeout(self, value: object) -> float:
        if value is None:
            return min(DEFAULT_TIMEOUT_S, self.settings.max_timeout_s)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e6:
            raise _Refusal(400, "'timeout' must be a number of seconds above 0")
        return min(float(value), self.settings.max_timeout_s)

    async def _answer(
        self,
        request: web.Request,
        shape: Callable[[dict[str, object]], tuple[str, object, float]],
        seen: _Seen,
    ) -> SolveResult:
        """Authorise, read, solve; ``shape`` turns the body into (question, miners, timeout).
        ``seen`` gets the key's name and the question's length as soon as they are known."""
        if self._slots.locked():
            raise _Refusal(503, "the gateway is answering as many requests as it may; retry")
        async with self._slots:
            seen.name = await self._authorize(request)
            body = await self._body(request)
            question, spec, timeout = shape(body)
            seen.chars = len(question)
            if not question.strip():
                raise _Refusal(400, "the question is empty")
            if len(question) > MAX_QUESTION_CHARS:
                raise _Refusal(413, f"the question is over {MAX_QUESTION_CHARS} characters")
            return await self.solve(question, spec, timeout)

    async def _record(
        self,
        seen: _Seen,
        request: web.Request,
        result: SolveResult | None,
        status: int,
        started: float,
    ) -> None:
        name, question_chars = seen.name, seen.chars
        latency = time.monotonic() - started
        asked = [m.uid for m in result.miners] if result else []
        answer = result.decision.answer if result else None
        decided_by = result.decision.decided_by if result else "-"
        log.info(
            "organic %s %s by key %s: %d miners %s, answer %r (%s), %.2f s",
            request.path,
            status,
            name,
            len(asked),
            asked,
            (answer or "")[:60],
            decided_by,
            latency,
        )
        self.on_event(OrganicAnswered(str(status), latency, decided_by))
        if name != "-":
            try:  # off the event loop: another process may hold the database's write lock
                await asyncio.to_thread(
                    self.keys.log_request,
                    name,
                    time.time() - latency,
                    question_chars,
                    asked,
                    answer,
                    decided_by,
                    latency,
                    status,
                )
            except Exception as exc:  # the log is best effort: never the answer's failure
                log.warning("request log not written: %s", type(exc).__name__)

    async def _handle(self, request: web.Request, kind: str) -> web.StreamResponse:
        started = time.monotonic()
        seen = _Seen()
        try:
            shape = self._chat_shape if kind == "chat" else self._solve_shape
            result = await self._answer(request, shape, seen)
        except _Refusal as exc:
            await self._record(seen, request, None, exc.status, started)
            return _error(exc.status, exc.message, exc.retry_after)
        except LogicNetError as exc:  # our side failed: its status from the one table
            status = http_status(exc)
            log.warning("organic %s failed on our side: %s", request.path, exc)
            await self._record(seen, request, None, status, started)
            return _error(status, getattr(exc, "public_reason", _OUR_SIDE))
        if result.decision.answer is None:
            await self._record(seen, request, result, 504, started)
            return _error(504, "no miner gave a usable answer in time")
        await self._record(seen, request, result, 200, started)
        if kind == "chat":
            return web.json_response(self._chat_reply(request, result))
        return web.json_response(result.to_json())

    def _solve_shape(self, body: dict[str, object]) -> tuple[str, object, float]:
        question = body.get("question")
        if not isinstance(question, str):
            raise _Refusal(400, "'question' must be a string")
        return question, body.get("miners"), self._timeout(body.get("timeout"))

    def _chat_shape(self, body: dict[str, object]) -> tuple[str, object, float]:
        if body.get("stream"):
            raise _Refusal(400, "stream: true is not supported; send stream: false")
        model = body.get("model", MODELS[-1])
        match = _MODEL.match(model) if isinstance(model, str) else None
        if match is None or not 1 <= int(match.group(1)) <= 64:
            raise _Refusal(400, f"unknown model {model!r}; one of {', '.join(MODELS)}")
        return (
            _question_of(body.get("messages")),
            {"top": int(match.group(1))},
            self._timeout(body.get("timeout")),
        )

    @staticmethod
    def _chat_reply(request: web.Request, result: SolveResult) -> dict[str, object]:
        d = result.decision
        content = (d.reasoning.strip() + "\n\n" if d.reasoning.strip() else "") + (
            f"Final answer: {d.answer}"
        )
        words = len(content.split())
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model", MODELS[-1]),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": words, "total_tokens": words},
            "logicnet": result.to_json(),
        }

    async def _models(self, request: web.Request) -> web.Response:
        try:
            await self._authorize(request)
        except _Refusal as exc:
            return _error(exc.status, exc.message, exc.retry_after)
        now = int(time.time())
        return web.json_response(
            {
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": now, "owned_by": "logicnet"}
                    for m in MODELS
                ],
            }
        )

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_get("/v1/models", self._models)
        app.router.add_post("/v1/chat/completions", lambda r: self._handle(r, "chat"))
        app.router.add_post("/v1/solve", lambda r: self._handle(r, "solve"))
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("gateway serving on http://%s:%d/v1", self.settings.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
