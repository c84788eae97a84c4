"""Structure markers: 总分总 / first–then–finally, a conclusion, and STAR (situation, task, action, result).
One combined regex per language: a single scan of the answer instead of one per marker family."""
import re

from .lang import guard

_MARK = {
    "zh": {
        "opening": r"首先|第一|一方面|总的来说我|我认为|主要有|分为|几点|可以从",
        "sequence": r"其次|然后|接着|随后|第二|第三|另外|此外|同时|之后|再次",
        "conclusion": r"最后|总之|总的来说|综上|因此|所以|最终|总结|结果是|这次经历|让我学到|我学到",
        "situation": r"当时|那时|背景|之前|有一次|在上一家|项目中|遇到",
        "task": r"负责|目标|任务|需要|要求|职责",
        "result": r"结果|提升|提高|降低|减少|增长|节省|上线|完成|达成|实现",
    },
    "en": {  # plain alternatives (no groups): also expanded into word tuples for set lookups
        "opening": r"first|firstly|to begin|there are two|there are three|in short|my approach",
        "sequence": r"then|next|second|secondly|third|thirdly|after that|also|in addition|meanwhile|afterwards",
        "conclusion": r"finally|in the end|as a result|overall|in summary|to sum up|so|therefore|i learned|lesson",
        "situation": r"when|at the time|previous|previously|in my last|once|we faced|the problem was",
        "task": r"responsible|my role|goal|task|needed to|had to|target",
        "result": r"result|resulted|improved|improving|increased|increasing|reduced|reducing|saved|saving|launched|"
                  r"achieved|achieving|grew|cut",
    },
}


def _combine(groups, words):
    body = "|".join("(?P<%s>%s)" % (k, v) for k, v in groups.items())
    if words:
        return re.compile(r"\b(?:%s)\b" % body, re.I)
    return re.compile(guard([w for v in groups.values() for w in v.split("|")]) + "(?:%s)" % body)


_RX = {"zh": _combine(_MARK["zh"], False), "en": _combine(_MARK["en"], True)}
_KEYS = tuple(_MARK["zh"])
_EN_WORD = re.compile(r"[a-z]+")


def _en_phrases():
    """English markers as word tuples for set lookups (first kind listed wins on duplicates)."""
    table = {}
    for k, pat in _MARK["en"].items():
        for alt in pat.split("|"):
            table.setdefault(tuple(alt.split()), k)
    return table


_EN_TABLE = _en_phrases()


def _en_markers(text):
    """(kind, char_position) for English markers; one pass over the words."""
    low = text.lower()
    words = [(m.group(0), m.start()) for m in _EN_WORD.finditer(low)]
    out = []
    for i, (w, pos) in enumerate(words):
        for n in (3, 2, 1):
            if i + n <= len(words):
                k = _EN_TABLE.get(tuple(x for x, _ in words[i:i + n]))
                if k:
                    out.append((k, pos))
                    break
    return out


def structure(text, sentence_spans, lang):
    n = len(sentence_spans)
    found = dict.fromkeys(_KEYS, 0)
    first_end = sentence_spans[0][1] if n else 0
    last_start = sentence_spans[-1][0] if n else 0
    has_opening = has_conclusion = False
    marks = _en_markers(text) if lang == "en" else ((m.lastgroup, m.start()) for m in _RX["zh"].finditer(text))
    for k, pos in marks:
        found[k] += 1
        if pos < first_end and k in ("opening", "situation"):
            has_opening = True
        if pos >= last_start and n >= 2 and k in ("conclusion", "result"):
            has_conclusion = True
    star = sum(1 for k in ("situation", "task", "result") if found[k]) + (1 if found["sequence"] else 0)
    markers = found["opening"] + found["sequence"] + found["conclusion"]
    score = (0.25 * min(1.0, markers / 3.0) + 0.25 * has_conclusion + 0.15 * has_opening
             + 0.25 * star / 4.0 + 0.10 * min(1.0, n / 4.0))
    return {
        "sentences": n,
        "markers": markers,
        "has_opening": has_opening,
        "has_conclusion": has_conclusion,
        "star_elements": star,
        "zong_fen_zong": bool(has_opening and markers >= 2 and has_conclusion),
        "score": round(min(1.0, score), 3),
    }
