"""Compile a rubric once, then analyse answers against it."""
from collections import OrderedDict

from ..lexicon import BUILTIN_LEXICON, synonyms_index
from . import keywords as kwmod
from . import similarity as sim
from .concreteness import concreteness
from .lang import count_units, detect_language, sentences
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
            all_variants += [k] + list(local_syn.get(k.lower(), ()))
        ref_text = " ".join([d["name"], d.get("description") or ""] + kws
                            + [v for k in kws for v in local_syn.get(k.lower(), ())]
                            + ([entry.get("description_zh", ""), entry.get("description_en", "")] if entry else []))
        refs.append(sim.features(ref_text))
        w = float(d.get("weight") or 0)
        dims.append({"name": d["name"], "weight": (w / total_w * 100.0) if total_w > 0 else 100.0 / len(dims_in),
                     "raw_weight": d.get("weight"), "description": d.get("description") or "",
                     "keywords": compiled, "code": entry["code"] if entry else None})
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


def analyse_text(text, compiled, lang=None, time_limit=None):
    text = (text or "").strip()
    lang = lang or compiled.get("language") or detect_language(text)
    lang = "en" if lang == "en" else "zh"
    spans = sentences(text)
    units = count_units(text, lang)
    expected = (time_limit / 60.0 * UNITS_PER_MINUTE[lang]) if time_limit else DEFAULT_MIN_UNITS[lang]
    expected = max(DEFAULT_MIN_UNITS[lang] * 0.5, expected)
    conc = concreteness(text, lang)
    struct = structure(text, spans, lang)
    idf, didf = compiled["idf"], compiled["default_idf"]
    counts = sim.features(text) if text else {}
    norm = sim.answer_norm(counts, idf, didf) if counts else 1.0
    dims, all_hits, ctx = [], [], {}
    for d in compiled["dimensions"]:
        hits, missing = kwmod.match_dimension(text, spans, d["keywords"], compiled["all_rx"], lang, ctx)
        all_hits.append(hits)
        s = sim.cosine(counts, norm, d["ref"], idf, didf) if counts else 0.0
        dims.append({"name": d["name"], "weight": round(d["weight"], 2), "hits": hits, "missing": missing,
                     "coverage": round(coverage(hits, len(d["keywords"])), 3), "similarity": round(s, 3)})
    stuff = kwmod.stuffing(text, compiled["all_rx"], lang, all_hits)
    return {
        "language": lang,
        "length": {"units": units, "unit": "words" if lang == "en" else "chars", "expected": int(expected),
                   "ratio": round(units / expected, 3) if expected else None},
        "concreteness": conc,
        "structure": struct,
        "stuffing": stuff,
        "dimensions": dims,
    }
