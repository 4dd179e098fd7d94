"""Paraphrase readers, one module per mathgenerator topic (see ``logicnet.engine.reading``).

Each module registers, per subtopic, the cues that say the subtopic is asked and a
function that reads the question's operands into the subtopic's typed problem.
``logicnet.engine.families.load_all`` loads them with their families.
"""
