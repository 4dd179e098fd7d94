"""Wire compatibility of the synapses (docs/network.md §2), and a light import."""

from __future__ import annotations

import subprocess
import sys

from logicnet.protocol import Information, LogicSynapse


def test_logic_synapse_fields_and_defaults() -> None:
    s = LogicSynapse()
    assert (s.logic_question, s.logic_answer, s.logic_reasoning) == ("", "", "")
    assert (s.raw_logic_question, s.ground_truth_answer, s.category) == ("", "", "")
    assert s.timeout == 64 and s.task_uid == ""
    assert tuple(s.required_hash_fields) == ()
    assert LogicSynapse.__name__ == "LogicSynapse"


def test_answer_accepts_any_json_value_as_the_network_does() -> None:
    s = LogicSynapse.model_validate({"logic_answer": {"x": 1}, "ground_truth_answer": None})
    assert s.logic_answer == {"x": 1}


def test_information_defaults() -> None:
    i = Information()
    assert i.request_dict == {} and i.response_dict == {}


def test_miner_view_blanks_validator_fields() -> None:
    s = LogicSynapse(raw_logic_question="raw", ground_truth_answer="7").miner_view()
    assert s.raw_logic_question == "" and s.ground_truth_answer is None


def test_importing_protocol_does_not_pull_heavy_libraries() -> None:
    code = (
        "import sys, logicnet.protocol\n"
        "heavy = [m for m in ('torch', 'transformers', 'sentence_transformers', 'sympy')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
