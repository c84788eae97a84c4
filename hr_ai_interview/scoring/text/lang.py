"""Language detection and sentence splitting (zh / en)."""
import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENT = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*|[^.。！？!?；;\n]+(?:\.(?!\d)|$)")
_SENT_SPLIT = re.compile(r"(?<=[。！？!?；;\n])|(?<=[.](?=\s))")


def detect_language(text, default="zh"):
    if not text:
        return default
    cjk = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if cjk == 0 and words == 0:
        return default
    return "zh" if cjk >= words else "en"


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
