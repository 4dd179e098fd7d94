"""Hostile and malformed requests: each gets a clear 4xx, and the miner keeps serving."""

from __future__ import annotations

import json
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


def post(miner: Any, headers: dict, body: Any, route: str = "LogicSynapse",
         raw: bytes | None = None) -> requests.Response:
    data = raw if raw is not None else json.dumps(body).encode()
    return requests.post(f"http://127.0.0.1:{miner.port}/{route}", headers=headers, data=data,
                         timeout=15)


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
    chunks = (data[i:i + 8192] for i in range(0, len(data), 8192))
    response = requests.post(f"http://127.0.0.1:{miner.port}/LogicSynapse", headers=headers,
                             data=chunks, timeout=15)
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
    response = requests.post(f"http://127.0.0.1:{miner.port}/LogicSynapse",
                             json={"logic_question": "hi"}, timeout=15)
    assert response.status_code == 400
    assert "missing bt_header_dendrite_hotkey" in response.json()["message"]
    still_serving(miner)


@pytest.mark.parametrize("field,value", [("logic_question", 123), ("timeout", "soon"),
                                         ("logic_reasoning", {"a": 1}), ("category", [1])])
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
    codes = [miner.query("validator", LogicSynapse(logic_question="What is 6*7?"))
             .dendrite.status_code for _ in range(3)]
    assert codes == [200, 200, 429]
