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


class PinyinIndex:
    """Syllables of every Hanzi of an answer with their character positions, built once per answer."""

    def __init__(self, text):
        self.syllables, self.positions = [], []
        lazy = _lazy()
        if lazy is None:
            return
        for m in _CJK_RUN.finditer(text):
            for i, syl in enumerate(lazy(m.group(0))):
                self.syllables.append(syl)
                self.positions.append(m.start() + i)
        self._joined = " " + " ".join(self.syllables) + " "
        # character offset in _joined → syllable index
        self._starts = {}
        off = 1
        for i, syl in enumerate(self.syllables):
            self._starts[off] = i
            off += len(syl) + 1

    def find(self, syllables):
        """(start, end) character span of the first occurrence of `syllables` in the answer, or None."""
        if not syllables or not self.syllables:
            return None
        at = self._joined.find(" " + " ".join(syllables) + " ")
        if at < 0:
            return None
        i = self._starts.get(at + 1)
        if i is None:
            return None
        j = i + len(syllables) - 1
        if self.positions[j] - self.positions[i] != j - i:
            return None  # the syllables straddle punctuation or Latin text
        return self.positions[i], self.positions[j] + 1

    def find_all(self, syllables):
        """Every (start, end) occurrence of `syllables`."""
        out = []
        if not syllables or not self.syllables:
            return out
        needle = " " + " ".join(syllables) + " "
        at = self._joined.find(needle)
        while at >= 0:
            i = self._starts.get(at + 1)
            if i is not None:
                j = i + len(syllables) - 1
                if self.positions[j] - self.positions[i] == j - i:
                    out.append((self.positions[i], self.positions[j] + 1))
            at = self._joined.find(needle, at + 1)
        return out
