"""Number normalisation before matching and figure detection: Whisper writes the same figure as 32 or 三十二,
12% or 百分之十二, 41 percent or forty one percent. Spelled numbers become digits so evidence, figures and
embeddings see one form. Conservative: a lone 一 (一起, 一直) or 十 (十分重要) is left alone."""
import re

_ZH_VAL = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10000, "亿": 100000000}
_MEASURE = ("个月|个|位|名|人|次|天|周|星期|月|年|小时|分钟|秒|倍|版本|版|元|块|项|条|家|款|轮|场|份|篇|页|台|套|"
            "季度|公里|公斤|万|亿|成|分")
_ZH_RUN = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)")
_SINGLE_OK = re.compile(r"(?:%s)" % _MEASURE)


def _zh_int(s):
    total, section, num = 0, 0, None
    for ch in s:
        if ch in _ZH_VAL:
            if num is not None and num != 0:
                return None  # two digits in a row (两三, 四五): a range, not one number
            num = _ZH_VAL[ch]
        elif ch in _ZH_UNIT:
            section += (1 if num is None else num) * _ZH_UNIT[ch]
            num = None
        elif ch in _ZH_BIG:
            total += (section + (num or 0)) * _ZH_BIG[ch]
            section, num = 0, None
        else:
            return None
    return total + section + (num or 0)


def _zh_number(s):
    whole, _, frac = s.partition("点")
    if not whole or whole[0] in "万亿百千":
        return None
    n = _zh_int(whole)
    if n is None:
        return None
    if frac:
        return "%d.%s" % (n, "".join(str(_ZH_VAL[c]) for c in frac))
    return str(n)


def _zh(text):
    def sub(m):
        pct, run = m.group(1), m.group(2)
        nxt = text[m.end():m.end() + 2]
        if not pct and len(run) == 1:
            # 三位 / 五家 → digits; a lone 一 or 十 is a word (一起, 十分) unless it counts something
            if run in "一十" or not _SINGLE_OK.match(nxt) or run in "万亿百千":
                return m.group(0)
        if not pct and run.startswith("十") and nxt[:1] == "分" and len(run) == 1:
            return m.group(0)
        val = _zh_number(run)
        if val is None:
            return m.group(0)
        return val + "%" if pct else val
    return _ZH_RUN.sub(sub, text)


_EN_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 1000000}
_EN_NUMWORD = "|".join(sorted(list(_EN_ONES) + list(_EN_TENS) + list(_EN_SCALE), key=len, reverse=True))
_EN_RUN = re.compile(r"\b(?:%s)(?:[\s-]+(?:and\s+)?(?:%s))*(?:\s+point\s+(?:%s)(?:\s+(?:%s))*)?\b"
                     r"(?:\s+(percent|per cent))?" % (_EN_NUMWORD, _EN_NUMWORD, "|".join(_EN_ONES), "|".join(_EN_ONES)),
                     re.I)


def _en_value(words):
    total, cur = 0, 0
    for w in words:
        if w in _EN_ONES:
            cur += _EN_ONES[w]
        elif w in _EN_TENS:
            cur += _EN_TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w in _EN_SCALE:
            total += (cur or 1) * _EN_SCALE[w]
            cur = 0
    return total + cur


def _en(text):
    def sub(m):
        body = (m.group(0)[: m.start(1) - m.start()] if m.group(1) else m.group(0)).lower().strip()
        whole, _, frac = body.partition(" point ")
        words = [w for w in re.split(r"[\s-]+", whole.strip()) if w and w != "and"]
        if not words or words[0] in _EN_SCALE or (len(words) == 1 and words[0] in ("one", "zero")
                                                  and not m.group(1) and not frac):
            return m.group(0)  # "one of them", "hundreds": words, not figures
        val = str(_en_value(words))
        if frac:
            val += "." + "".join(str(_EN_ONES[w]) for w in frac.split() if w in _EN_ONES)
        return val + ("%" if m.group(1) else "")
    return _EN_RUN.sub(sub, text)


# Whisper's near-homophones of figure words (toneless readings, pypinyin): 百分之 heard as 排分之 / 白分之, 四成
# as 四层 / 四城 after a verb of change, 降到了 as 将到了 before a figure. Only these frames are repaired, each tied
# to a figure, so the same characters elsewhere (排队, 四层楼, 即将到了) stay as written.
_ZH_DIGITS = "零〇一二两三四五六七八九十0-9"
_HUNDRED = re.compile(r"(?<![%s])([\u4e00-\u9fff])(?=分之[%s])" % (_ZH_DIGITS, _ZH_DIGITS))
_TENTHS = re.compile(r"(?<=增长了|提高了|提升了|下降了|降低了|减少了|增加了)([一二两三四五六七八九])([\u4e00-\u9fff])")
# "X到了" + figure: X said like a verb of change; not after a number or its measure word ("从九十件到了一百四十件")
_TO_FIGURE = re.compile(r"(?<![%s百千万个件台次天周月年人家元块]|即|快|就|要)([\u4e00-\u9fff])(?=到了(?:[%s]|百分之))"
                        % (_ZH_DIGITS, _ZH_DIGITS))
_TO_VERB = {"jiang": "降", "sheng": "升", "jian": "减", "zhang": "涨"}


def _reading(ch):
    from .phonetic import _lazy
    lazy = _lazy()
    return lazy(ch)[0] if lazy else None


def repair_zh_figures(text):
    """The figure words of a Chinese transcript as said (see above): 排分之三 -> 百分之三, 增长了四层 -> 增长了四成,
    将到了3% -> 降到了3%."""
    text = _HUNDRED.sub(lambda m: "百" if _reading(m.group(1)) in ("bai", "pai") else m.group(1), text)
    text = _TENTHS.sub(lambda m: m.group(1) + ("成" if _reading(m.group(2)) in ("cheng", "ceng") else m.group(2)),
                       text)
    return _TO_FIGURE.sub(lambda m: _TO_VERB.get(_reading(m.group(1)), m.group(1)), text)


def normalise_numbers(text, lang):
    """Spelled-out numbers as digits, percentages as N% (both languages)."""
    if not text:
        return text
    return _en(text) if lang == "en" else re.sub(r"(\d)\s*个?百分点", r"\1%", _zh(repair_zh_figures(text)))
