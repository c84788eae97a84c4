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

    kind = "pinyin"  # the evidence's match kind

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


# --- English: what Whisper does to a rubric term is a homophone ("route cause"), a split or joined compound
# ("dash board", "milestone"), a dropped ending ("pain point", "listen") or a near spelling ("hypothesys").
# A term counts as said when the answer has words with the same sound key *and* nearly the same letters
# (edit distance ≤ 40 %): the key alone would let "right" stand for "root".
_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SOUND_RULES = [(re.compile(a), b) for a, b in (
    (r"(?<=.{4})(?:ed|es|s)$", ""), (r"[st]ion", "xn"), (r"ph", "f"), (r"ck|q", "k"), (r"c(?=[eiy])", "s"),
    (r"c", "k"), (r"x", "ks"), (r"z", "s"), (r"[sc]h", "x"), (r"th", "0"), (r"gh|(?<=.)[hw]", ""),
    (r"(?<=.)[aeiouy]+", ""), (r"^[aeiouy]", "a"), (r"(.)\1+", r"\1"))]
MIN_SOUND_LETTERS = 4  # shorter words must match as written ("on time" is not "one time")
# A compound said as two words is two content words ("dash board", "mile stones"); a stretch with a function word
# in it is ordinary speech that happens to sound like a term ("of her" ~ "offer", "for mat" ~ "format")
_FUNCTION_WORDS = frozenset("a an the of to in on at by for from with and or but so as if is was be been are were "
                            "i me my we us our you your he him his she her it its they them their this that".split())


@lru_cache(maxsize=8192)
def sound_key(word):
    """A coarse phonetic key of one English word or compound (letters only, suffix-stripped)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    for rx, rep in _SOUND_RULES:
        w = rx.sub(rep, w)
    return w


def _letters(s):
    return re.sub(r"(?<=.{4})(?:ed|es|s)$", "", re.sub(r"[^a-z]", "", s.lower()))


def edit_distance(a, b):
    """Levenshtein distance of two sequences (two rows; words and transcripts here are short)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _near(a, b):
    """Edit distance of a and b at most 40 % of the longer."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 0.4 * max(len(a), len(b)):
        return False
    return edit_distance(a, b) <= 0.4 * max(len(a), len(b))


_NUCLEI = re.compile(r"[aeiouy]+")


def _beats(w):
    """Vowel groups, a silent final e not counted: homophones keep their syllables ("plot" is not "pilot")."""
    return len(_NUCLEI.findall(w[:-1] if w.endswith("e") and len(w) > 3 else w))


def _same_sound(said, term):
    """One answer stretch `said` (words joined) against one term stretch `term`."""
    a, b = _letters(said), _letters(term)
    return a == b or (len(b) >= MIN_SOUND_LETTERS and sound_key(a) == sound_key(b) and _beats(a) == _beats(b)
                      and _near(a, b))


def term_words(term):
    """The words of an English rubric term, lower case (None for a term with no Latin word)."""
    words = tuple(_EN_WORD.findall(term.lower()))
    return words or None


class SoundIndex:
    """The words of an English answer, for homophone / compound / near-spelling matches of rubric terms.
    Same interface as PinyinIndex: built on first use, find(words) and find_all(words) give character spans."""
    kind = "sound"

    def __init__(self, text):
        self._text = text
        self.built = False

    def _build(self):
        self.built = True
        self._toks = [(m.start(), m.end(), m.group(0)) for m in _EN_WORD.finditer(self._text.lower())]

    def _match_at(self, i, words):
        """End token index of `words` said from token i on, else None. Word by word (each long word by sound,
        each short word as written), or the whole term as one word more or fewer (a split or joined compound)."""
        toks = self._toks
        n = len(words)
        if i + n <= len(toks) and all(
                t[2] == w or (len(w) >= MIN_SOUND_LETTERS and _same_sound(t[2], w))
                for t, w in zip(toks[i:i + n], words)):
            return i + n
        joined = "".join(words)
        if len(joined) >= MIN_SOUND_LETTERS + 1:
            for m in (n - 1, n + 1):
                if 1 <= m and i + m <= len(toks) and m != n:
                    if m > 1 and any(t[2] in _FUNCTION_WORDS for t in toks[i:i + m]):
                        continue
                    said = "".join(t[2] for t in toks[i:i + m])
                    if said[:1] == joined[:1] and _same_sound(said, joined):
                        return i + m
        return None

    def _spans(self, words, first_only):
        if not self.built:
            self._build()
        out = []
        if not words:
            return out
        first = words[0][:1]
        for i, t in enumerate(self._toks):
            if t[2][:1] != first:  # sound keys keep the first letter: a cheap filter
                continue
            j = self._match_at(i, words)
            if j is not None:
                out.append((t[0], self._toks[j - 1][1]))
                if first_only:
                    break
        return out

    def find(self, words):
        hit = self._spans(words, True)
        return hit[0] if hit else None

    def find_all(self, words):
        return self._spans(words, False)
