"""The miner behind a real Axon, queried by real Dendrites with real signatures."""

from __future__ import annotations

import time

from logicnet.devkit.scripted_llm import ScriptedLLM, hang, reply
from logicnet.miner.admission import Admission
from logicnet.protocol import Information, LogicSynapse


def test_answers_a_challenge_with_one_llm_call(start_miner, llm_server: ScriptedLLM) -> None:
    llm_server.enqueue(reply("GCD(12, 17): 17 is prime and does not divide 12.\nFinal answer: 1"))
    miner = start_miner(llm=llm_server)
    question = "Find the solution of this math problem:\n---\nGCD of 12 and 17 = \n---\n"
    out = miner.query("validator", LogicSynapse(logic_question=question, task_uid="ab12cd34"))
    assert out.dendrite.status_code == 200
    assert out.logic_answer == "1"
    assert "17 is prime" in out.logic_reasoning
    assert len(llm_server.requests) == 1
    assert llm_server.requests[0]["messages"][-1]["content"] == question


def test_information_is_answered_even_for_strangers(start_miner) -> None:
    miner = start_miner(epoch_volume=77)
    for role in ("validator", "poor", "stranger"):
        out = miner.query(role, Information())
        assert out.dendrite.status_code == 200, role
        assert out.response_dict == {"epoch_volume": 77, "category": "Logic"}


def test_unknown_hotkey_and_low_stake_are_refused(start_miner) -> None:
    miner = start_miner()
    stranger = miner.query("stranger", LogicSynapse(logic_question="1+1?"))
    assert stranger.dendrite.status_code == 403
    assert "not registered" in stranger.dendrite.status_message
    poor = miner.query("poor", LogicSynapse(logic_question="1+1?"))
    assert poor.dendrite.status_code == 403
    assert "not enough stake" in poor.dendrite.status_message
    assert miner.llm.requests == []


def test_volume_is_spent_then_resets(start_miner) -> None:
    # 30000 vs 20000 stake: volume 4 -> floor(4*0.6)=2 and floor(4*0.4)=1 -> min 2 each.
    miner = start_miner(epoch_volume=4, limit_interval=3.0)
    now = [1000.0]  # the interval's clock, moved by the test instead of waited for
    miner.service.admission = Admission(4, 10000.0, 3.0, clock=lambda: now[0])
    miner.service.resync()
    codes = [
        miner.query("validator", LogicSynapse(logic_question="2+2?")).dendrite.status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    refused = miner.query("validator", LogicSynapse(logic_question="2+2?"))
    assert "resets in" in refused.dendrite.status_message
    # The other validator's volume is its own.
    other = miner.query("validator2", LogicSynapse(logic_question="2+2?"))
    assert other.dendrite.status_code == 200
    now[0] += 3.1
    assert miner.query("validator", LogicSynapse(logic_question="2+2?")).dendrite.status_code == 200


def test_registry_change_rebuilds_volume_table(start_miner, wallets) -> None:
    from logicnet.chain import write_registry
    from tests.conftest import registry_neurons

    miner = start_miner(epoch_volume=4)
    assert miner.query("poor", LogicSynapse(logic_question="q")).dendrite.status_code == 403
    stakes = {"miner": 0.0, "validator": 30000.0, "validator2": 20000.0, "poor": 50000.0}
    write_registry(miner.registry, 35, registry_neurons(wallets, miner.port, stakes))
    miner.service.resync()
    assert miner.query("poor", LogicSynapse(logic_question="q")).dendrite.status_code == 200


def test_llm_hanging_still_answers_before_timeout(start_miner) -> None:
    with ScriptedLLM(default=hang(30)) as llm:
        miner = start_miner(llm=llm)
        start = time.monotonic()
        out = miner.query(
            "validator", LogicSynapse(logic_question="Is 91 prime?", timeout=4), timeout=4
        )
        elapsed = time.monotonic() - start
        assert out.dendrite.status_code == 200
        assert elapsed < 4.0
        assert out.logic_answer and out.logic_reasoning
        assert "Is 91 prime?" in out.logic_reasoning
        # ... and it keeps serving.
        llm.default = reply("91 = 7 * 13.\nFinal answer: No")
        again = miner.query("validator", LogicSynapse(logic_question="Is 91 prime?"))
        assert again.logic_answer == "No"


def test_validator_only_fields_are_not_echoed(start_miner) -> None:
    miner = start_miner()
    syn = LogicSynapse(
        logic_question="3*3?", raw_logic_question="secret raw", ground_truth_answer="9"
    )
    out = miner.query("validator", syn)
    assert out.dendrite.status_code == 200
    prompt = str(miner.llm.requests[-1])
    assert "secret raw" not in prompt
    assert out.raw_logic_question == ""
