"""Stand-ins for what a developer's machine lacks, used by the tests and the benchmarks.

- ``scripted_llm``: a real HTTP server on 127.0.0.1 speaking the OpenAI chat API, whose
  replies, delays and failures are scripted (the real ``openai`` client talks to it);
- ``scripted_miners``: many lightweight miners in one process behind real bittensor Axons
  (real signatures), each answering as a scripted function says, a raw HTTP miner for
  replies no Axon would send, and a validator service built against them.

Nothing in the miner's or the validator's own path imports this package.
"""
