"""The wire synapses of LogicNet (docs/network.md §2).

Class names, field names, types and defaults must match what validators on
subnet 35 send: the route is the class name and the body is the model's JSON.
No ``required_hash_fields``: the network's classes declare none, and adding
one on our side alone makes every signed request fail with "Hash mismatch".
"""

from __future__ import annotations

import functools
from typing import Any

import pydantic
from bittensor import Synapse

from logicnet.flags import MINER

__all__ = ["DEFAULT_MAX_BODY_BYTES", "Information", "LogicSynapse", "VALIDATOR_ONLY_FIELDS"]

# Fields a validator keeps for itself; a miner never reads, logs or needs them.
VALIDATOR_ONLY_FIELDS = ("raw_logic_question", "ground_truth_answer")
# The largest request body a miner accepts unless its operator says otherwise
# (``--miner.max_body_kib``); larger requests get 413. Both sides need it: the miner as its
# default, the validator to never send a question that no default miner would read.
DEFAULT_MAX_BODY_BYTES = MINER.default("max_body_kib") * 1024


class _StaticSchema(Synapse):
    """bittensor rebuilds the whole JSON schema on every ``to_headers`` call (about 2 ms of CPU
    per request) only to read its "required" list; a wire class's schema never changes."""

    def get_required_fields(self) -> list[str]:
        return list(_required_fields(type(self)))


@functools.cache
def _required_fields(cls: type[Synapse]) -> tuple[str, ...]:
    return tuple(cls.model_json_schema().get("required", []))


class Information(_StaticSchema):
    """Identity query: the miner fills ``response_dict`` with its category and volume."""

    request_dict: dict = {}
    response_dict: dict = {}


class LogicSynapse(_StaticSchema):
    """One challenge: the validator fills the question, the miner the reasoning and answer."""

    logic_question: str = pydantic.Field(default="", description="The (paraphrased) challenge.")
    # The network declares the answer as "str or anything": validators accept any JSON value.
    logic_answer: str | Any = pydantic.Field(default="", description="Short final answer.")
    logic_reasoning: str = pydantic.Field(default="", description="Step-by-step reasoning.")
    raw_logic_question: str = pydantic.Field(
        default="", description="Validator only; blank on the wire."
    )
    ground_truth_answer: str | Any = pydantic.Field(
        default="", description="Validator only; null on the wire."
    )
    category: str = pydantic.Field(default="", description='Challenge category, "Logic".')
    timeout: int = pydantic.Field(default=64, description="Seconds the miner has to answer.")
    task_uid: str = pydantic.Field(default="", description="8-character task id.")

    def miner_view(self) -> LogicSynapse:
        """Blank the validator-only fields, as a validator does before sending."""
        self.raw_logic_question = ""
        self.ground_truth_answer = None
        return self
