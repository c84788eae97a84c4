"""Tone-insensitive pinyin matching: Whisper writes near-homophones for rubric terms (痛点→通点, 迭代→跌代,
调研→调言, 续费→蓄费). A rubric term whose toneless syllables occur in the answer counts as said.
The answer is converted once per analysis (pypinyin, phrase-aware, one syllable per Hanzi); keywords are cached."""
import re
from functools import lru_cache

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _lazy():
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # optional: without pypinyin only exact and synonym matches count
        return None
    return lazy_pinyin


@lru_cache(maxsize=4096)
def keyword_syllables(keyword):
    """Toneless syllables of a Chinese keyword (≥ 2 Hanzi, nothing else), or None."""
    lazy = _lazy()
    if lazy is None or len(keyword) < 2 or not _CJK_RUN.fullmatch(keyword):
        return None
    return tuple(lazy(keyword))


_READINGS = {}


def _readings(ch):
    """All toneless readings of one Hanzi (调 → diao, tiao), cached per character."""
    r = _READINGS.get(ch)
    if r is None:
        try:
            from pypinyin import Style, pinyin
            r = frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])
        except ImportError:
            r = frozenset()
        _READINGS[ch] = r
    return r


class PinyinIndex:
    """Toneless readings of every Hanzi of an answer, indexed by syllable; built on first use (most answers
    contain their rubric terms verbatim and never need it). Per-character readings (all of a heteronym's) keep
    this cheap: no phrase segmentation of the answer."""

    def __init__(self, text):
        self._text = text
        self.built = False

    def _build(self):
        self.built = True
        self._at = {}  # syllable -> [positions]
        self._sets = {}
        if _lazy() is None:
            return
        for m in _CJK_RUN.finditer(self._text):
            for i, ch in enumerate(m.group(0)):
                pos = m.start() + i
                rs = _readings(ch)
                self._sets[pos] = rs
                for syl in rs:
                    self._at.setdefault(syl, []).append(pos)

    def _spans(self, syllables, first_only):
        if not self.built:
            self._build()
        out = []
        if not syllables:
            return out
        for pos in self._at.get(syllables[0], ()):
            if all(syllables[k] in self._sets.get(pos + k, ()) for k in range(1, len(syllables))):
                out.append((pos, pos + len(syllables)))
                if first_only:
                    break
        return out

    def find(self, syllables):
        """(start, end) character span of the first occurrence of `syllables` in the answer, or None."""
        hit = self._spans(syllables, True)
        return hit[0] if hit else None

    def find_all(self, syllables):
        """Every (start, end) occurrence of `syllables`."""
        return self._spans(syllables, False)
