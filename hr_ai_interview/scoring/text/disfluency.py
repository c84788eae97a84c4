"""Disfluencies of spontaneous speech, removed before analysis: fillers ("嗯", "呃", "那个 ", "um", "you know,")
and the repeated start of a restart ("我我先", "我们 我们", "I I called"). A transcript keeps many of them and a
written answer has none; read as content they moved 2.6.0's scores by up to 28 points (bench/validity_bench.py,
disfluent probe): "然后 " counted as a method step, repeated words as length, fillers shifted the windows.
Conservative: a discourse word is a filler only where it stands alone (a pause after it: a space or a comma), and a
single character said twice is collapsed only for pronouns and connectives (看看, 慢慢, 常常 are words)."""
import re

# always fillers: these characters are no part of any word
_ZH_HESITATION = re.compile(r"[嗯呃]+[，、,\s]*")
# discourse words that are fillers only when a pause follows; 然后 / 对 / 反正 only before a space (in writing
# "然后，" is a real step), 就是 / 那个 before a space or a comma
_ZH_FILLER = re.compile(r"(?:(?<=^)|(?<=[\s，。！？；：、,]))(?:(?:然后|对|反正)\s+|(?:就是|那个)(?:\s+|[，,]\s*))")
_ZH_REPEAT_ONE = re.compile(r"(我们|你们|他们|我|你|他|她|就|这|那|因为|所以|但是|然后|就是|可是|如果)(?:\s*\1)+")
# 有一有一次 -> 有一次, 客户客户 -> 客户; not 一个一个 / 一天一天 ("one by one" is a method)
_ZH_REPEAT = re.compile(r"(?![一每])([\u4e00-\u9fff]{2,3})\s*\1")
# a restart broken off by a pause mark: "首先，首先", "人工……人工", "三个——三个" (the reparandum and its repair)
_ZH_RESTART = re.compile(r"([\u4e00-\u9fff]{1,4})(?:\s*[，,、…—-]+\s*)\1(?=[\u4e00-\u9fff])")
_EN_HES = r"(?:u+h+m*|u+m+|e+r+m*|h+m+)"  # uh, um, er, erm, hmm (any length)
_EN_HESITATION = re.compile(r"\b" + _EN_HES + r"\b[,.]?\s*", re.I)
_EN_HESITATION_WORD = re.compile(_EN_HES + "$")
_EN_FILLER_TEXT = ("you know,", "i mean,", "like,")  # a filler only with the pause (comma) after it
_EN_FILLER = re.compile(r"\b(?:%s)\s*" % "|".join(re.escape(f) for f in _EN_FILLER_TEXT), re.I)
_EN_EDGE = ",.;:!?…—-\"'()"
_EN_REPEAT = re.compile(r"\b([a-z']+)(?:\s+\1\b)+", re.I)
_EN_RESTART = re.compile(r"\b([a-z']+(?: [a-z']+)?)(?:\s*(?:,|\.\.\.|…|—|--)\s*)\1\b", re.I)
_EN_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")
_EN_DOUBLE_MARK = re.compile(r"([,.;:!?])[,.;:]+")
_SPACES = re.compile(r"[ \t]{2,}")
_EN_KEEP_REPEAT = frozenset(("had", "that"))  # "she had had", "that that" are grammar


def _en_repeat(m):
    return m.group(0) if m.group(1).lower() in _EN_KEEP_REPEAT else m.group(1)


def clean(text, lang):
    """The answer without fillers and restart repetitions (whitespace tidied; punctuation kept)."""
    if not text:
        return text or ""
    if lang == "en":
        # the regexes cost ~100 µs an answer; most written answers have none of it: look at the words first
        low = text.lower()
        toks = [t.strip(_EN_EDGE) for t in low.split()]
        out = text
        if any(t[:1] in "uehm" and len(t) < 6 and _EN_HESITATION_WORD.match(t) for t in toks):
            out = _EN_HESITATION.sub("", out)
        if any(f in low for f in _EN_FILLER_TEXT):
            out = _EN_FILLER.sub("", out)
        if any(a == b for a, b in zip(toks, toks[1:])) or any(a == c for a, c in zip(toks, toks[2:])):
            out = _EN_RESTART.sub(r"\1", out)
            out = _EN_REPEAT.sub(_en_repeat, out)
        if out == text:
            return text
        out = _EN_SPACE_BEFORE_MARK.sub(r"\1", out)
        out = _EN_DOUBLE_MARK.sub(r"\1", out)  # "calls, um, and" -> "calls, and"
        return _SPACES.sub(" ", out).strip()
    out = _ZH_HESITATION.sub("", text)
    out = _ZH_FILLER.sub("", out)
    out = _ZH_REPEAT_ONE.sub(r"\1", out)
    out = _ZH_RESTART.sub(r"\1", out)
    out = _ZH_REPEAT.sub(r"\1", out)
    return text if out == text else _SPACES.sub(" ", out).strip()
