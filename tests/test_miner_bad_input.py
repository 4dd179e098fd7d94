"""Hostile and malformed requests: each gets a clear 4xx, and the miner keeps serving."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
import requests

from logicnet.protocol import LogicSynapse


def signed(miner: Any, role: str = "validator", **fields: Any) -> tuple[dict, dict]:
    """Headers and body exactly as a real Dendrite would send them."""
    dendrite = miner.dendrite(role)
    synapse = dendrite.preprocess_synapse_for_request(
        miner.info, LogicSynapse(**fields), timeout=12.0
    )
    return synapse.to_headers(), synapse.model_dump()


def post(
    miner: Any, headers: dict, body: Any, route: str = "LogicSynapse", raw: bytes | None = None
) -> requests.Response:
    data = raw if raw is not None else json.dumps(body).encode()
    return requests.post(
        f"http://127.0.0.1:{miner.port}/{route}", headers=headers, data=data, timeout=15
    )


def still_serving(miner: Any) -> None:
    out = miner.query("validator", LogicSynapse(logic_question="What is 6*7?"))
    assert out.dendrite.status_code == 200
    assert out.logic_answer == "42"


@pytest.fixture
def miner(start_miner):
    return start_miner()


def test_one_megabyte_question_is_refused_413(miner) -> None:
    headers, body = signed(miner, logic_question="x" * 1_000_000)
    response = post(miner, headers, body)
    assert response.status_code == 413
    assert "larger than" in response.json()["message"]
    still_serving(miner)


def test_chunked_body_over_the_cap_is_refused_413(miner) -> None:
    headers, body = signed(miner, logic_question="y" * 200_000)
    data = json.dumps(body).encode()
    headers.pop("content-length", None)
    chunks = (data[i : i + 8192] for i in range(0, len(data), 8192))
    response = requests.post(
        f"http://127.0.0.1:{miner.port}/LogicSynapse", headers=headers, data=chunks, timeout=15
    )
    assert response.status_code == 413
    still_serving(miner)


def test_body_that_is_not_json_is_400(miner) -> None:
    headers, _ = signed(miner, logic_question="q")
    response = post(miner, headers, None, raw=b"\x00\xffnot json{")
    assert response.status_code == 400
    assert "not JSON" in response.json()["message"]
    still_serving(miner)


def test_json_that_is_not_an_object_is_400(miner) -> None:
    headers, _ = signed(miner, logic_question="q")
    assert post(miner, headers, [1, 2, 3]).status_code == 400
    still_serving(miner)


def test_no_bittensor_headers_is_400(miner) -> None:
    response = requests.post(
        f"http://127.0.0.1:{miner.port}/LogicSynapse", json={"logic_question": "hi"}, timeout=15
    )
    assert response.status_code == 400
    assert "missing bt_header_dendrite_hotkey" in response.json()["message"]
    still_serving(miner)


@pytest.mark.parametrize(
    "field,value",
    [
        ("logic_question", 123),
        ("timeout", "soon"),
        ("logic_reasoning", {"a": 1}),
        ("category", [1]),
    ],
)
def test_fields_of_the_wrong_type_are_400(miner, field: str, value: Any) -> None:
    headers, body = signed(miner, logic_question="q")
    body[field] = value
    response = post(miner, headers, body)
    assert response.status_code == 400
    assert field in response.json()["message"]
    still_serving(miner)


def test_missing_signature_is_400_and_wrong_signature_401(miner) -> None:
    headers, body = signed(miner, logic_question="q")
    no_sig = {k: v for k, v in headers.items() if k != "bt_header_dendrite_signature"}
    assert post(miner, no_sig, body).status_code == 400
    headers, body = signed(miner, logic_question="q")
    headers["bt_header_dendrite_signature"] = "0x" + "ab" * 64
    response = post(miner, headers, body)
    assert response.status_code == 401
    still_serving(miner)


def test_replayed_nonce_is_401(miner) -> None:
    headers, body = signed(miner, logic_question="What is 6*7?")
    assert post(miner, headers, body).status_code == 200
    replay = post(miner, headers, body)
    assert replay.status_code == 401
    assert "Nonce" in replay.json()["message"]
    still_serving(miner)


def test_negative_or_garbage_timeout_header_is_400(miner) -> None:
    for value in ("-5", "0", "nan", "soon"):
        headers, body = signed(miner, logic_question="q")
        headers["timeout"] = value
        assert post(miner, headers, body).status_code == 400, value
    still_serving(miner)


def test_huge_timeout_is_clamped_and_answered(miner) -> None:
    headers, body = signed(miner, logic_question="What is 6*7?")
    headers["timeout"] = "1e12"
    body["timeout"] = 10**12
    response = post(miner, headers, body)
    assert response.status_code == 200
    assert response.json()["logic_answer"] == "42"


def test_unknown_route_is_404(miner) -> None:
    headers, body = signed(miner, logic_question="q")
    response = post(miner, headers, body, route="StealWallet")
    assert response.status_code == 404
    assert "LogicSynapse" in response.json()["message"]
    assert requests.get(f"http://127.0.0.1:{miner.port}/", timeout=5).status_code == 404
    still_serving(miner)


def test_forged_hotkey_claims_do_not_drain_volume(start_miner, wallets) -> None:
    miner = start_miner(epoch_volume=4)  # validator's volume: 2 per interval
    victim = wallets["validator"].hotkey.ss58_address
    for _ in range(10):
        headers, body = signed(miner, role="stranger", logic_question="q")
        headers["bt_header_dendrite_hotkey"] = victim  # claim, but cannot sign as, the victim
        assert post(miner, headers, body).status_code == 401
    codes = [
        miner.query("validator", LogicSynapse(logic_question="What is 6*7?")).dendrite.status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def unsigned_headers(miner: Any) -> dict:
    """Every bittensor header present, the signature made up: what anyone can send."""
    headers, _ = signed(miner, role="stranger", logic_question="q")
    headers["bt_header_dendrite_signature"] = "0x" + "cd" * 64
    headers.pop("content-length", None)
    return headers


@pytest.mark.parametrize(
    "name,raw,reason",
    [
        ("nested 30,000 deep", b"[" * 30_000 + b"]" * 30_000, "nested too deeply"),
        (
            "object nested 10,000 deep",
            b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
            "nested too deeply",
        ),
        ("nested 40 deep", b'{"request_dict": ' + b'{"a":' * 40 + b"1" + b"}" * 41, "deeper than"),
        ("a 4,400-digit integer", b'{"timeout": ' + b"9" * 4400 + b"}", "integer too long"),
        ("a lone surrogate", b'{"logic_question": "\\ud800 6*7"}', "unicode"),
        ("not UTF-8", b'{"logic_question": "\xff\xfe"}', "not JSON"),
    ],
)
def test_hostile_bodies_are_400_with_a_reason(miner, name: str, raw: bytes, reason: str) -> None:
    route = "Information" if b"request_dict" in raw else "LogicSynapse"
    response = post(miner, unsigned_headers(miner), None, route=route, raw=raw)
    assert response.status_code == 400, (name, response.text[:200])
    assert reason in response.json()["message"], name
    still_serving(miner)


@pytest.mark.parametrize(
    "value", ["1e-300", "nan", "inf", "-inf", "1e400", "9" * 5000, "0x10", "1_0", ""]
)
def test_unusable_timeout_headers_are_400(miner, value: str) -> None:
    headers = unsigned_headers(miner)
    headers["timeout"] = value
    response = post(miner, headers, None, raw=b'{"logic_question": "q"}')
    assert response.status_code == 400, (value[:20], response.text[:200])
    assert "timeout" in response.json()["message"] or "missing" in response.json()["message"]
    still_serving(miner)


def test_fractional_timeout_header_is_rounded_and_answered(miner) -> None:
    # LogicSynapse types timeout as int: bittensor's own parse of "12.5" was a 500.
    headers, body = signed(miner, logic_question="What is 6*7?")
    headers["timeout"] = "12.5"
    response = post(miner, headers, body)
    assert response.status_code == 200
    assert response.json()["logic_answer"] == "42"


@pytest.mark.parametrize(
    "header",
    [
        "bt_header_dendrite_nonce",
        "bt_header_axon_port",
        "bt_header_dendrite_version",
        "header_size",
    ],
)
def test_unparsable_bittensor_headers_are_400(miner, header: str) -> None:
    headers = unsigned_headers(miner)
    headers[header] = "9" * 4400 if header != "bt_header_dendrite_version" else "v10"
    response = post(miner, headers, None, raw=b'{"logic_question": "q"}')
    assert response.status_code == 400, response.text[:200]
    assert "headers cannot be parsed" in response.json()["message"]
    still_serving(miner)


def test_the_bodys_own_envelope_cannot_steer_the_reply(miner) -> None:
    """A 1,000-digit status code or size in the body once broke the reply (a dropped socket)."""
    headers, body = signed(miner, logic_question="What is 6*7?")
    body["axon"] = {"status_code": 10**1000, "status_message": "x" * 1000}
    body["total_size"] = 10**1000
    body["timeout"] = 10**4000  # clamped to the miner's max, like the header
    response = requests.post(
        f"http://127.0.0.1:{miner.port}/LogicSynapse",
        headers=headers,
        data=json.dumps(body),
        timeout=15,
    )
    assert response.status_code == 200
    assert response.json()["logic_answer"] == "42"
    assert response.json()["total_size"] != 10**1000


HOSTILE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e-300",
    "nan",
    "9" * 4400,
    "x" * 3000,
    "0x",
    "null",
    "[]",
    "{}",
    '{"a": ' * 50,
    "\u00ff\u00fe",
    "true",
    "1.5",
    "-0",
    "Infinity",
]
HOSTILE_JSON: list[Any] = [
    None,
    True,
    -1,
    0.5,
    1e308,
    10**4000,
    "",
    "x" * 2000,
    [],
    {},
    [[[[[]]]]],
    {"status_code": 10**100},
    "\u0000\u001b[31m",
]


def test_no_header_or_field_value_gets_a_5xx_or_a_dropped_socket(miner) -> None:
    """Every bittensor header and every body field, each set to each hostile value (a
    seeded sample): the answer is a status below 500, or a served answer."""
    import random

    rng = random.Random(9)
    headers, body = signed(miner, role="stranger", logic_question="q")
    cases: list[tuple[str, str, Any]] = []
    for name in sorted(headers):
        cases += [("header", name, v) for v in rng.sample(HOSTILE_VALUES, 4)]
    for name in sorted(body):
        cases += [("field", name, v) for v in rng.sample(HOSTILE_JSON, 3)]
    for kind, name, value in cases:
        headers, body = signed(miner, role="stranger", logic_question="q")
        headers.pop("content-length", None)
        if kind == "header":
            headers[name] = value
        else:
            body[name] = value
        data = json.dumps(body).encode()
        try:
            response = requests.post(
                f"http://127.0.0.1:{miner.port}/LogicSynapse",
                headers=headers,
                data=data,
                timeout=15,
            )
        except requests.exceptions.InvalidHeader:
            continue  # requests itself refuses to send it
        assert response.status_code < 500, (kind, name, str(value)[:40], response.text[:200])
    still_serving(miner)


def test_field_headers_cannot_flood_the_log(miner) -> None:
    """bittensor logged an error line for every undecodable ``bt_header_input_obj_*``
    header; no dendrite sends them for these classes, so they are dropped unread."""
    headers, body = signed(miner, logic_question="What is 6*7?")
    for i in range(20):
        headers[f"bt_header_input_obj_logic_question{i}"] = "!!not base64 json!!"
    headers["bt_header_input_obj_logic_question"] = "!!not base64 json!!"
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Keep(level=logging.DEBUG)
    bt_logger = logging.getLogger("bittensor")
    bt_logger.addHandler(handler)
    try:
        response = post(miner, headers, body)
    finally:
        bt_logger.removeHandler(handler)
    assert response.status_code == 200
    assert response.json()["logic_answer"] == "42"
    assert not [line for line in lines if "input_obj" in line]


def test_refused_requests_cannot_flood_the_log(miner, caplog) -> None:
    """Forged signatures, each one an ERROR line from bittensor: a burst gets through, the
    rest is counted in one line when the window ends."""
    from logicnet.miner.run import RefusalLogLimit

    now = [0.0]
    limit = RefusalLogLimit(burst=3, window_s=60.0, clock=lambda: now[0]).install()
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Keep(level=logging.ERROR)
    bt_logger = logging.getLogger("bittensor")
    bt_logger.addHandler(handler)
    try:
        for _ in range(10):
            headers, body = signed(miner, logic_question="q")
            headers["bt_header_dendrite_signature"] = "0x" + "ab" * 64
            assert post(miner, headers, body).status_code == 401
        assert len([line for line in lines if "NotVerified" in line]) == 3
        assert limit.held_back == 7
        now[0] += 61.0
        with caplog.at_level(logging.WARNING, logger="logicnet.miner.run"):
            headers, body = signed(miner, logic_question="q")
            headers["bt_header_dendrite_signature"] = "0x" + "ab" * 64
            assert post(miner, headers, body).status_code == 401
        assert any("7 more refused requests" in r.getMessage() for r in caplog.records)
        assert len([line for line in lines if "NotVerified" in line]) == 4
    finally:
        bt_logger.removeHandler(handler)
        limit.remove()
    still_serving(miner)
