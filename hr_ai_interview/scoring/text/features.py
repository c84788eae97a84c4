"""Compile a rubric once, then analyse answers against it: numbers normalised, clause units (punctuation-free
ASR text too), rubric terms by exact / synonym / sound match (toneless pinyin, English sound keys), the behaviour each clause shows (own
action, figure, result), and — when the sentence encoder is available — the semantic layer (meaning.py)."""
import bisect
import re
from collections import OrderedDict
from functools import lru_cache

from ..anchors import dimension_anchors, written_anchors
from ..lexicon import BUILTIN_LEXICON, synonyms_index
from . import disfluency
from . import keywords as kwmod
from . import similarity as sim
from .concreteness import _ACTION, concreteness
from .lang import clauses, count_units, detect_language
from .numbers import normalise_numbers
from .phonetic import PinyinIndex, SoundIndex
from .structure import structure

# characters / words a full answer needs per minute of allowed time (half of a 150–200 字/分 pace: answers
# rarely use the whole limit, and a shorter complete answer must not be punished)
UNITS_PER_MINUTE = {"zh": 80.0, "en": 55.0}
DEFAULT_MIN_UNITS = {"zh": 120, "en": 70}
_CACHE = OrderedDict()


def _lexicon_entry(name, lexicon):
    key = (name or "").strip().lower()
    for comp in lexicon:
        if key in (comp.get("name_zh", "").lower(), comp.get("name_en", "").lower(), comp.get("code", "").lower()):
            return comp
    return None


def compile_rubric(rubric, lexicon=None):
    """Normalise a rubric dict into matchers and reference vectors. Cached on the rubric's JSON."""
    key = (repr(rubric), repr(lexicon) if lexicon is not None else None)  # repr: C speed, ~10x json.dumps
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    lexicon = lexicon or BUILTIN_LEXICON
    syn = synonyms_index(lexicon)
    rubric = rubric or {}
    dims_in = [d for d in (rubric.get("dimensions") or []) if isinstance(d, dict) and d.get("name")]
    total_w = sum(max(0.0, float(d.get("weight") or 0)) for d in dims_in)
    dims, refs, all_variants = [], [], []
    for d in dims_in:
        entry = _lexicon_entry(d["name"], lexicon)
        local_syn = dict(syn)
        for k, vs in (d.get("synonyms") or {}).items():
            local_syn[k.lower()] = sorted(set(local_syn.get(k.lower(), [])) | {v.lower() for v in vs})
        kws = [k for k in (d.get("keywords") or []) if isinstance(k, str) and k.strip()]
        compiled = [kwmod.compile_keyword(k.strip(), local_syn) for k in kws]
        for k in kws:
            vs = [k] + list(local_syn.get(k.lower(), ()))
            all_variants += vs + ([] if not k.isascii() else kwmod._en_base_forms(k))
        ref_text = " ".join([d["name"], d.get("description") or ""] + kws
                            + [v for k in kws for v in local_syn.get(k.lower(), ())]
                            + ([entry.get("description_zh", ""), entry.get("description_en", "")] if entry else []))
        refs.append(sim.features(ref_text))
        w = float(d.get("weight") or 0)
        lang = rubric.get("language") or ("en" if d["name"].isascii() else "zh")
        dims.append({"name": d["name"], "weight": (w / total_w * 100.0) if total_w > 0 else 100.0 / len(dims_in),
                     "raw_weight": d.get("weight"), "description": d.get("description") or
                     (entry.get("description_" + ("en" if lang == "en" else "zh"), "") if entry else ""),
                     "keywords": compiled, "code": entry["code"] if entry else None,
                     "measure": d.get("measure"), "job_terms": list(d.get("job_terms") or ()),
                     "anchors": dimension_anchors(d, lang, entry), "written_anchors": written_anchors(d, lang, entry)})
    background = [sim.features(c.get("description_zh", "") + " " + c.get("description_en", "")) for c in lexicon]
    idf, default_idf = sim.idf_table(refs + background)
    for dim, ref in zip(dims, refs):
        dim["ref"] = sim.weigh(ref, idf, default_idf)
    out = {"language": rubric.get("language"), "dimensions": dims, "idf": idf, "default_idf": default_idf,
           "all_rx": kwmod.variant_regex(all_variants) if all_variants else None}
    _CACHE[key] = out
    if len(_CACHE) > 256:
        _CACHE.popitem(last=False)
    return out


def coverage(hits, n_keywords):
    """Evidence credit: half of the keywords (at least 2) in real sentences is full coverage."""
    if n_keywords == 0:
        return 0.0
    need = max(2.0, min(n_keywords, 4) * 0.75)
    return min(1.0, sum(h["weight"] for h in hits) / need)


_FIGURE = {"zh": re.compile(r"[0-9]|一半"), "en": re.compile(r"[0-9]")}  # 少了一半: a figure in words
_RESULT = {
    # an outcome said as a level or a change ("出错率低于0.1%", "良率到了97.5%", "从6%提到了9%") counts like one
    # said with a verb of change
    "zh": re.compile(r"提升|提高|降低|减少|增长|增加|缩短|节省|翻了|达成|拿到|签了|续约|续了|回到|回升|下降|上涨|涨了|少了"
                     r"|多了|一倍|降到|升到|零故障|低于|高于|降回|提到|达到|从[^，。！？；]{1,10}?到"),
    "en": re.compile(r"\b(?:increased|reduced|improved|grew|cut|dropped|fell|rose|saved|doubled|halved|won|signed|"
                     r"renewed|recovered|went (?:up|down|from|back|to)|down by|up by|from \S+ to|within|zero|below|above|"
                     r"faster|earlier|fewer)\b", re.I),
}
_REACH = {"zh": 14, "en": 60}  # characters around a rubric term searched for an action, figure or result
_LOOSE_ACTION = {
    "zh": re.compile(r"我(?:们)?(?:先|又|再|就|还|没|便|当天|每周|每天)?(?:把|跟|找|约|拉|问|带|去|让|给|列|定|写|改|画|蹲|试|算|选"
                     r"|借|提议|提出|分别|整理|挑|做了|用了|花了)|我(?:们)?[^，。,.；;要会应该]{0,6}?[了过](?!解)"
                     # a narrative continues without its subject: "，也做了…，还用甘特图…"
                     r"|(?:也|还|又|再|并|随后|接着)(?:做了|用|准备了|安排了|组织了|找了|写了|改了|定了|拉了|去|帮[^，。,.；;]{1,4}?了)"),
    # not in a condition or after a modal ("if I put my mind to it", "I can learn anything"): a claim, not a deed
    "en": re.compile(r"(?<!\bif )\b(?:I|we)\s+(?:(?!can\b|could\b|would\b|will\b|should\b|might\b|may\b|"
                     r"must\b)\w+\s+)?(?:\w+ed|ran|made|built|wrote|took|sat|spent|kept|led|cut|set|found|"
                     r"got|went|told|met|put|gave|brought|began|chose|did|paired|covered|made|held|split|rewrote|"
                     r"pulled|guessed|checked|listed|asked|dropped|studied|read|learnt|learned)\b"
                     # spoken stories switch to the present and Whisper drops "-ed" ("i lead the team", "and listen
                     # to"): an action verb's base form directly followed by its object counts too
                     r"|\b(?:I|we|and)\s+(?:lead|listen|deliver|interview|ask|check|talk|call|meet|visit|compare|test|"
                     r"fix|plan|organi[sz]e|analy[sz]e|rewrite|migrate|negotiate|train|coordinate|schedule|present|"
                     r"explain)\s+(?:the|a|an|to|our|my|every|each|them|him|her|it|with|all)\b"
                     # a narrative continues without its subject: "I watched some tutorials and asked a colleague"
                     r"|\band\s+(?:then\s+)?(?:\w+ed|ran|made|built|wrote|took|sat|spent|kept|led|cut|set|found|got|went|"
                     r"told|met|put|gave|brought|began|chose|did|held|split|rewrote|read)\s+(?:the|a|an|to|our|my|every|"
                     r"each|them|him|her|it|with|all|some|their|his)\b", re.I),
}


def clause_behaviour(text, spans, lang):
    """Per clause: does it show an own action, a figure, a result?"""
    out = []
    for a, b in spans:
        c = text[a:b]
        out.append({"action": bool(_ACTION[lang].search(c) or _LOOSE_ACTION[lang].search(c)),
                    "figure": bool(_FIGURE[lang].search(c)), "result": bool(_RESULT[lang].search(c))})
    for i, x in enumerate(out):  # a result is an outcome with a figure in it or next to it
        x["result"] = x["result"] and any(y["figure"] for y in out[max(0, i - 1): i + 2])
    return out


_RESULT_REACH = {"zh": 20, "en": 60}  # ~ one clause either side of the outcome word


def count_results(text, lang):
    """Outcomes with a figure near them ("降到了3%", "cut the run time from 4 hours to 50 minutes"), counted by
    position, not per clause: Whisper's commas must not split or merge results. Markers close together are one."""
    figs = [m.start() for m in _FIGURE[lang].finditer(text)]
    reach, n, last = _RESULT_REACH[lang], 0, -99
    for m in _RESULT[lang].finditer(text):
        p = m.start()
        i = bisect.bisect_left(figs, p - reach)
        if i < len(figs) and figs[i] <= p + reach:
            n += p - last >= 12
            last = p
    return n


@lru_cache(maxsize=1)  # the engine prepares each answer twice in a row: to analyse it, then to quote from it
def prepare(text, lang):
    """The text the analysis reads (and quotes from): disfluencies of speech removed, numbers normalised."""
    return normalise_numbers(disfluency.clean(text, lang), lang)


def analyse_text(text, compiled, lang=None, time_limit=None, question=None, semantic=True, spoken=False):
    """Text features of one answer. `semantic`: use the sentence encoder when it is available (False: lexical
    evidence only, the fallback when the model is missing). `spoken`: the text is a speech transcript."""
    raw = (text or "").strip()
    lang = lang or compiled.get("language") or detect_language(raw)
    lang = "en" if lang == "en" else "zh"
    text = prepare(raw, lang)
    spans = clauses(text, lang)
    units = count_units(text, lang)
    expected = (time_limit / 60.0 * UNITS_PER_MINUTE[lang]) if time_limit else DEFAULT_MIN_UNITS[lang]
    expected = max(DEFAULT_MIN_UNITS[lang] * 0.5, expected)
    outcomes = [m.start() for m in _RESULT[lang].finditer(text)]

    def outcome_near(pos, _reach=_RESULT_REACH[lang]):  # the figure measures an outcome ("降到了3%")
        i = bisect.bisect_left(outcomes, pos - _reach)
        return i < len(outcomes) and outcomes[i] <= pos + _reach
    conc = concreteness(text, lang, in_context=outcome_near)
    struct = structure(text, spans, lang)
    conc["results"] = count_results(text, lang)
    # own actions counted over the whole text, not per clause: the count must not depend on punctuation
    starts = {m.start() for rx in (_ACTION[lang], _LOOSE_ACTION[lang]) for m in rx.finditer(text)}
    conc["action_clauses"] = len({p // 12 for p in starts})  # two matches within a few characters are one

    # where the answer shows something: own actions, figures (positions, not sentences, so the test
    # does not depend on punctuation)
    marks = sorted(starts | {m.start() for m in _FIGURE[lang].finditer(text)})
    reach = _REACH[lang]

    def behaviour_at(pos, _marks=marks):
        i = bisect.bisect_left(_marks, pos - reach)
        return i < len(_marks) and _marks[i] <= pos + reach

    idf, didf = compiled["idf"], compiled["default_idf"]
    counts = sim.features(text) if text else {}
    norm = sim.answer_norm(counts, idf, didf) if counts else 1.0
    phonetic = (PinyinIndex(text) if lang == "zh" else SoundIndex(text)) if text else None
    dims, all_hits, ctx = [], [], {}
    for d in compiled["dimensions"]:
        hits, missing = kwmod.match_dimension(text, spans, d["keywords"], compiled["all_rx"], lang, ctx,
                                              phonetic=phonetic, behaviour=behaviour_at)
        all_hits.append(hits)
        s = sim.cosine(counts, norm, d["ref"], idf, didf) if counts else 0.0
        dims.append({"name": d["name"], "weight": round(d["weight"], 2), "hits": hits, "missing": missing,
                     "coverage": round(coverage(hits, len(d["keywords"])), 3), "similarity": round(s, 3),
                     "measure": d.get("measure")})
    stuff = kwmod.stuffing(text, compiled["all_rx"], lang, all_hits, behaviour_at, phonetic,
                           [k for d in compiled["dimensions"] for k in d["keywords"]])
    out = {
        "language": lang,
        "normalised": text != raw,
        "length": {"units": units, "unit": "words" if lang == "en" else "chars", "expected": int(expected),
                   "ratio": round(units / expected, 3) if expected else None},
        "concreteness": conc,
        "structure": struct,
        "stuffing": stuff,
        "dimensions": dims,
        "clauses": len(spans),
    }
    from . import meaning
    meaning.analyse(out, text, spans, compiled, lang, question, semantic,
                    heard=phonetic if spoken and lang == "zh" else None)
    return out
