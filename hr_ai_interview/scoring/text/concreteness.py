"""Concreteness: figures, percentages, quantities, time spans, and first-person actions (what the candidate
actually did). Evidence snippets are kept for grounded feedback. One combined scan per language."""
import re

_CN = "零一二两三四五六七八九十百千万亿"
_UNITS_ZH = ("个月|个|位|名|人|次|天|周|星期|月|年|小时|分钟|秒|倍|版本|版|万|亿|元|块|项|条|家|款|轮|"
             "场|份|篇|行|页|台|套|点")
_NUM_EN = r"(?:[0-9]+(?:[.,][0-9]+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|" \
          r"forty|fifty|hundred|a few|dozens?)"
_FIG = {
    "zh": re.compile(
        r"(?=[0-9百一二两三四五六七八九十半千万])(?:(?P<percent>[0-9]+(?:\.[0-9]+)?\s*%|百分之[" + _CN + r"0-9点]+|[一二三四五六七八九]成(?![为功立])|"
        r"[0-9.]+\s*个?百分点)"
        r"|(?P<time_span>(?:[0-9]+|[一二两三四五六七八九十半]+)(?:个多?月|个星期|周|天|年|小时|分钟|个季度|季度))"
        r"|(?P<number>[0-9]+(?:[.,][0-9]+)?|[二两三四五六七八九十百千万][" + _CN + r"]*(?=" + _UNITS_ZH + r")))"),
    "en": re.compile(
        r"(?P<percent>[0-9]+(?:\.[0-9]+)?\s*(?:%|percent\b)|percentage points?)"
        r"|\b(?P<time_span>" + _NUM_EN + r"\s+(?:days?|weeks?|months?|years?|hours?|quarters?|sprints?)\b)"
        r"|(?P<number>(?<![A-Za-z])[0-9]+(?:[.,][0-9]+)?(?![A-Za-z])|\b(?:two|three|four|five|six|seven|eight|"
        r"nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|dozen)\b)", re.I),
}
_ACTION = {
    "zh": re.compile(
        r"我(?:们)?(?:先|首先|然后|接着|随后|又|再|最后|还|就|主动|亲自|立刻|马上)?(?:去)?"
        r"(?:做了|组织|制定|设计|推动|负责|带领|搭建|优化|上线|访谈|分析|协调|安排|用|引入|建立|调整|拆解|梳理|"
        r"召集|发起|写|编写|整理|对比|测试|验证|重新|改|说服|沟通|定位|排查|统计|跟进|准备|提出|决定|联系|把)"),
    "en": re.compile(
        r"\b(?:I|we)\s+(?:first\s+|then\s+|also\s+|quickly\s+)?(?:led|built|designed|organi[sz]ed|analy[sz]ed|"
        r"interviewed|created|set up|used|ran|wrote|launched|reduced|increased|introduced|planned|prioriti[sz]ed|"
        r"negotiated|convinced|tested|measured|mapped|rewrote|migrated|fixed|investigated|coordinated|scheduled|"
        r"proposed|decided|implemented|automated|trained|mentored)\b", re.I),
}


def concreteness(text, lang="zh"):
    lang = "en" if lang == "en" else "zh"
    counts = {"percent": 0, "time_span": 0, "number": 0}
    examples = []
    for m in _FIG[lang].finditer(text):
        counts[m.lastgroup] += 1
        if len(examples) < 5:
            examples.append(_snippet(text, m.start(), m.end()))
    actions = list(_ACTION[lang].finditer(text))
    figures = counts["number"] + counts["percent"] + counts["time_span"]
    score = min(1.0, 0.2 * figures + 0.25 * counts["percent"] + 0.15 * counts["time_span"])
    return {
        "figures": figures,
        "percentages": counts["percent"],
        "time_spans": counts["time_span"],
        "actions": len(actions),
        "action_examples": [_snippet(text, m.start(), m.end(), 4) for m in actions[:3]],
        "examples": examples,
        "score": round(score, 3),
        "action_score": round(min(1.0, len(actions) / 3.0), 3),
    }


def _snippet(text, a, b, pad=8):
    return text[max(0, a - pad): min(len(text), b + pad)].strip()
