"""Rubric keyword evidence with positions, synonyms and a stuffing guard.

A hit counts fully only inside a real sentence: after removing every rubric keyword the sentence must still
carry content (≥ 6 characters / 4 words). Bare keyword lists, or one keyword repeated, earn little."""
import re
from functools import lru_cache

from .lang import count_units, guard, jieba
from .phonetic import keyword_syllables, term_words

IN_CONTEXT, PARTIAL, BARE = 1.0, 0.6, 0.2
MIN_CONTEXT = {"zh": 6, "en": 4}


def _is_cjk(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@lru_cache(maxsize=4096)
def keyword_tokens(keyword):
    """jieba tokens of a multi-word Chinese keyword (用户调研数据 → 用户/调研/数据), for partial matches such
    as 调研了三十位用户的数据. Cached: jieba runs once per keyword, not per answer."""
    if not _is_cjk(keyword) or len(keyword) < 4:
        return ()
    toks = tuple(t for t in jieba().lcut(keyword) if len(t.strip()) >= 2)
    return toks if len(toks) >= 2 else ()


def variant_regex(variants):
    variants = sorted(set(v for v in variants if v), key=len, reverse=True)
    cjk = [re.escape(v) for v in variants if _is_cjk(v)]
    latin = [re.escape(v) for v in variants if not _is_cjk(v)]
    parts = []
    if cjk:
        parts.append(guard([v for v in variants if _is_cjk(v)]) + "(?:%s)" % "|".join(cjk))
    if latin:  # word-bounded, simple inflections; the first-letter guard skips most positions cheaply
        firsts = sorted({c for v in variants if not _is_cjk(v) for c in (v[0].lower(), v[0].upper())})
        parts.append(r"(?<![A-Za-z])(?=[%s])(?:%s)(?:s|es|ed|d|ing)?(?![A-Za-z])"
                     % (re.escape("".join(firsts)), "|".join(latin)))
    return re.compile("|".join(parts), re.I)


# Whisper writes homophones and drops the past tense ("led" → "lead", "listened" → "listen"): an English rubric
# term also matches its base form (the regex then allows the usual endings again).
_EN_IRREGULAR = {"led": "lead", "learnt": "learn", "learned": "learn", "ran": "run", "wrote": "write",
                 "built": "build", "met": "meet", "took": "take", "made": "make", "held": "hold", "sold": "sell"}


def _en_base_forms(variant):
    words = variant.split()
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        bases = [_EN_IRREGULAR[low]] if low in _EN_IRREGULAR else \
            [low[:-2], low[:-1]] if low.endswith("ed") and len(low) > 5 else []
        out += [" ".join(words[:i] + [b] + words[i + 1:]) for b in bases]
    return out


def compile_keyword(keyword, synonyms):
    variants = [keyword] + list(synonyms.get(keyword.lower(), ()))
    variants += [] if _is_cjk(keyword) else _en_base_forms(keyword)  # the term itself, not its synonyms
    toks = keyword_tokens(keyword)
    # how the term sounds, for the answer's phonetic index: toneless pinyin (Chinese), words (English)
    uniq = list(dict.fromkeys(variants))
    sounds = {"pinyin": [s for s in map(keyword_syllables, uniq) if s],
              "sound": [s for s in (term_words(v) for v in uniq if not _is_cjk(v)) if s]}
    return {"keyword": keyword, "rx": variant_regex(variants), "sounds": sounds,
            "tokens": [re.compile(re.escape(t), re.I) for t in toks]}


def _sentence_of(spans, pos):
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return (spans[-1] if spans else (0, 0))


def match_dimension(text, spans, keywords, all_rx, lang, context_cache=None, phonetic=None, behaviour=None):
    """Hits for one dimension's compiled keywords. all_rx matches every rubric keyword (for the context test);
    phonetic: a PinyinIndex / SoundIndex of the answer (homophones Whisper wrote); behaviour(pos) -> True when the sentence
    around pos carries an action, a figure or a result (terms without those earn no content credit)."""
    hits, missing = [], []
    context_cache = {} if context_cache is None else context_cache
    for kw in keywords:
        m = kw["rx"].search(text)
        kind = None
        if m is not None:
            pos, end = m.start(), m.end()
            kind = "exact" if m.group(0).lower() == kw["keyword"].lower() else "synonym"
        if kind is None and phonetic is not None:
            for snd in kw["sounds"][phonetic.kind]:
                span = phonetic.find(snd)
                if span:
                    pos, end = span
                    kind = phonetic.kind
                    break
        if kind is None and kw["tokens"]:
            found = [t.search(text) for t in kw["tokens"]]
            if all(found):
                a = min(f.start() for f in found)
                sa, sb = _sentence_of(spans, a)
                if all(sa <= f.start() < sb for f in found):  # all parts in one sentence
                    first = min(found, key=lambda f: f.start())
                    pos, end, kind = a, first.end(), "partial"  # highlight the first part, not the stretch
        if kind is None:
            missing.append(kw["keyword"])
            continue
        sa, sb = _sentence_of(spans, pos)
        sentence = text[sa:sb]
        in_context = context_cache.get(sa)
        if in_context is None:
            rest = all_rx.sub("", sentence) if all_rx is not None else sentence
            in_context = context_cache[sa] = count_units(rest, lang) >= MIN_CONTEXT[lang]
        acted = behaviour(pos) if behaviour is not None else True
        weight = (PARTIAL if kind == "partial" else IN_CONTEXT) if in_context else BARE
        if not acted:
            weight *= 0.25  # a term in a sentence with no action, figure or result: claimed, not shown
        hits.append({"keyword": kw["keyword"], "position": pos, "matched": text[pos:end], "match": kind,
                     "in_context": bool(in_context and acted), "weight": weight,
                     "snippet": quote(text, sa, sb, pos, end)})
    return hits, missing


QUOTE_MAX = 60


def quote(text, sa, sb, pos, end, width=QUOTE_MAX):
    """At most `width` characters of the sentence [sa, sb) around the match [pos, end) (ellipses mark cuts)."""
    sentence = text[sa:sb]
    lead = len(sentence) - len(sentence.lstrip())
    sentence = sentence.strip()
    return _clip(sentence, pos - sa - lead, width - 2)


def _clip(sentence, at, width):
    if len(sentence) <= width:
        return sentence
    a = max(0, min(at - width // 3, len(sentence) - width))
    b = a + width
    if " " in sentence:  # English: cut between words, never inside one
        if a and sentence[a - 1] != " ":
            nxt = sentence.find(" ", a, at if at > a else b)
            a = nxt + 1 if nxt >= 0 else a
        if b < len(sentence) and sentence[b] != " ":
            prev = sentence.rfind(" ", max(a, at), b)
            b = prev if prev > a else b
    return ("…" if a else "") + sentence[a:b].strip() + ("…" if b < len(sentence) else "")


def stuffing(text, all_rx, lang, hits_by_dim, acted_at=None, phonetic=None, keywords=()):
    """Share of the answer made of rubric terms, term repetition, and terms outside any action / figure /
    result. Robust to ASR: occurrences are also counted by sound (phonetic index), no punctuation is needed."""
    if all_rx is None or not text:
        return {"keyword_density": 0.0, "repetition": 0.0, "bare_hits": 0, "suspected": False, "penalty": 1.0}
    occ = [(m.group(0), m.start()) for m in all_rx.finditer(text)]
    if phonetic is not None and phonetic.built:  # only when a term was missing verbatim (homophones suspected)
        seen = {p for _, p in occ}
        for kw in keywords:
            for snd in kw["sounds"][phonetic.kind]:
                for a, b in phonetic.find_all(snd):
                    if not any(p <= a < p + 8 for p in seen):
                        occ.append((text[a:b], a))
                        seen.add(a)
    kw_units = sum(len(o) for o, _ in occ) if lang != "en" else sum(o.count(" ") + 1 for o, _ in occ)
    total = max(1, count_units(text, lang))
    density = kw_units / total
    distinct = len(set(o.lower() for o, _ in occ)) or 1
    repetition = len(occ) / distinct
    bare = sum(1 for _, p in occ if acted_at is not None and not acted_at(p))
    bare_share = bare / len(occ) if occ else 0.0
    suspected = bool(occ) and ((density > 0.3 and bare_share > 0.5) or repetition > 3.0 or density > 0.45)
    # smooth, no cliff: dense terms hurt only when they sit outside actions, figures and results; one term
    # said in passing is not stuffing
    # a real answer rarely spends more than a third of its words on rubric terms, whatever surrounds them
    penalty = max(0.2, 1.0 - 2.5 * max(0.0, density - 0.12) * bare_share - max(0.0, repetition - 2.5) * 0.15
                  - 0.3 * bare_share * min(1.0, max(0, len(occ) - 1) / 3.0) - 3.0 * max(0.0, density - 0.4))
    return {"keyword_density": round(density, 3), "repetition": round(repetition, 2), "bare_hits": bare,
            "suspected": suspected, "penalty": round(penalty, 3)}
