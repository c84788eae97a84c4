"""Per-question findings and the summary derived from them, so the summary can never contradict a question.

The engine writes, per answer, strengths (sentences) and improvements (sentences with a `code`). A topic groups
the two sides of one observation: OPPOSITES is that table (improvement codes ↔ the engine's strength sentences,
matched by their opening words in either language). The summary states, per topic, where it went well and where
it did not, by question number — a topic seen on both sides is reported as varying, never as both true."""
from .i18n import _lt

# topic: (improvement codes, substrings of the engine's matching strength sentence (zh, en), neutral label)
OPPOSITES = {
    "figures": (("add_figures",), ("用数据说明了结果", "backed your answer with figures"),
                _lt("Figures and measurable results")),
    "actions": (("add_actions",), ("讲清了自己采取的具体行动", "described the concrete actions"),
                _lt("The concrete steps you took")),
    "structure": (("structure",), ("结构清晰", "Clear structure"), _lt("A clear structure")),
    "pace": (("rate_fast", "rate_slow"), ("语速适中", "Comfortable pace"), _lt("Speaking pace")),
    "pauses": (("long_pause",), (), _lt("Pauses")),
    "camera": (("on_camera",), ("始终面对镜头", "stayed facing the camera"), _lt("Staying on camera")),
    "length": (("too_short",), (), _lt("Developing the answer fully")),
    "keywords": (("stuffing",), (), _lt("Context around key terms")),
    "relevance": (("off_topic",), (), _lt("Answering the question asked")),
}
_BY_CODE = {code: topic for topic, (codes, _m, _l) in OPPOSITES.items() for code in codes}


def strength_topic(item):
    """Topic of a strength: its `code` when the engine gives one (a topic name or an opposite's code), else the
    engine's wording."""
    code = item.get("code") if isinstance(item, dict) else None
    if code:
        return code if code in OPPOSITES else _BY_CODE.get(code)
    text = (item.get("text") if isinstance(item, dict) else item) or ""
    for topic, (_codes, markers, _label) in OPPOSITES.items():
        if any(m and m.lower() in text.lower() for m in markers):
            return topic
    return None


def improvement_topic(item):
    return _BY_CODE.get((item or {}).get("code"))


def summarize(questions):
    """{"went_well": [(topic, [numbers])], "to_improve": [(topic, [numbers])],
    "varied": [(topic, [well numbers], [improve numbers])]} over the questions' strengths/improvements."""
    well, weak = {}, {}
    for q in questions:
        for s in q.get("strengths") or []:
            topic = strength_topic(s)
            if topic:
                well.setdefault(topic, []).append(q["number"])
        for item in q.get("improvements") or []:
            topic = improvement_topic(item)
            if topic:
                weak.setdefault(topic, []).append(q["number"])
    order = list(OPPOSITES)
    out = {"went_well": [], "to_improve": [], "varied": []}
    for topic in order:
        w, k = sorted(set(well.get(topic, []))), sorted(set(weak.get(topic, [])))
        if w and k:
            out["varied"].append((topic, w, k))
        elif w:
            out["went_well"].append((topic, w))
        elif k:
            out["to_improve"].append((topic, k))
    return out


def topic_label(topic, _):
    return _(OPPOSITES[topic][2])
