"""Language detection and sentence splitting (zh / en)."""
import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENT = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*|[^.。！？!?；;\n]+(?:\.(?!\d)|$)")
_SENT_SPLIT = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.](?=\s))")


def _script_units(text):
    """(Chinese characters, Latin-script words) of a text."""
    return len(_CJK.findall(text or "")), len(_LATIN_WORD.findall(text or ""))


def detect_language(text, default="zh"):
    if not text:
        return default
    cjk, words = _script_units(text)
    if cjk == 0 and words == 0:
        return default
    return "zh" if cjk >= words else "en"


CLEAR_UNITS = 20  # Chinese characters or English words an answer needs before its language overrides the given one
CLEAR_RATIO = 3.0  # and the other script's units it must outnumber this many times (terms like "A/B 测试", "KPI")


def clear_language(text):
    """"zh" / "en" when the answer is unmistakably in that language, else None: an English interview answered in
    Chinese (or the reverse) was scored in the interview's language and a strong answer got 1.2."""
    cjk, words = _script_units(text)
    if cjk >= CLEAR_UNITS and cjk >= CLEAR_RATIO * words:
        return "zh"
    if words >= CLEAR_UNITS and words >= CLEAR_RATIO * cjk:
        return "en"
    return None


def count_units(text, lang):
    """Characters for Mandarin (字), words for English."""
    if lang == "en":
        return len(_LATIN_WORD.findall(text))
    return sum(map(len, _CJK_RUNS.findall(text)))


def sentences(text):
    """[(start, end)] spans of sentences; commas stay inside (a Chinese sentence is often one long comma chain)."""
    out, start = [], 0
    for m in _SENT_SPLIT.finditer(text):
        end = m.start()
        if end > start:
            if text[start:end].strip():
                out.append((start, end))
            start = end
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out


def guard(literals):
    """Lookahead on the possible first characters of a literal alternation: re would otherwise try every
    alternative at every position of the answer (the main cost of marker scans on the hot path)."""
    firsts = sorted({w[0] for w in literals if w})
    if not firsts or any(not ("\u4e00" <= c <= "\u9fff") for c in firsts):
        return ""
    return "(?=[%s])" % "".join(firsts)


def jieba():
    """jieba, quiet (its 'Building prefix dict' lines would pollute the CLI's stderr contract)."""
    import logging

    import jieba as _jieba
    _jieba.setLogLevel(logging.WARNING)
    return _jieba


_CLAUSE_BREAK = {
    "zh": re.compile(r"[，,、：:\s]+|(?=(?:然后|接着|随后|之后|后来|最后|首先|其次|另外|同时|所以|因此|但是|不过|结果|"
                     r"最终|于是|当时|上线后|上线以后))"),
    "en": re.compile(r"[,;:]\s+|\s+(?=(?:so|then|and then|after that|afterwards|finally|first|second|but|because|"
                     r"which|when|as a result|in the end)\b)", re.I),
}
_MIN_CLAUSE = {"zh": 6, "en": 4}


def clauses(text, lang):
    """[(start, end)] of clause-sized units: sentences cut at commas and discourse markers, so an unpunctuated
    ASR transcript still yields sentence-like units (Whisper's punctuation is sparse and changes between takes).
    Pieces shorter than a few characters/words are merged into the previous one."""
    lang = "en" if lang == "en" else "zh"
    out = []
    for a, b in sentences(text):
        cuts = [a] + [a + m.start() for m in _CLAUSE_BREAK[lang].finditer(text[a:b]) if m.start() > 0] + [b]
        pieces = []
        for x, y in zip(cuts, cuts[1:]):
            seg = text[x:y]
            stripped = seg.strip(" ，,、：:\t\n")
            if not stripped:
                continue
            if pieces and count_units(stripped, lang) < _MIN_CLAUSE[lang]:
                pieces[-1] = (pieces[-1][0], y)
            else:
                pieces.append((x, y))
        if len(pieces) >= 2 and count_units(text[pieces[0][0]:pieces[0][1]], lang) < _MIN_CLAUSE[lang]:
            pieces[1] = (pieces[0][0], pieces[1][1])
            pieces.pop(0)
        out.extend(pieces)
    return out
