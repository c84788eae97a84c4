"""Concreteness: figures, percentages, quantities, time spans, and first-person actions (what the candidate
actually did). Evidence snippets are kept for grounded feedback. One combined scan per language."""
import re

_CN = "零一二两三四五六七八九十百千万亿"
_UNITS_ZH = ("个月|个|位|名|人|次|天|周|星期|月|年|小时|分钟|秒|倍|版本|版|万|亿|元|块|项|条|家|款|轮|"
             "场|份|篇|行|页|台|套|点")
_FIG = {
    "zh": re.compile(
        r"(?=[0-9百一二两三四五六七八九十半千万])(?:(?P<percent>[0-9]+(?:\.[0-9]+)?\s*%|百分之[" + _CN + r"0-9点]+|[一二三四五六七八九]成(?![为功立])|"
        r"[0-9.]+\s*个?百分点)"
        r"|(?P<time_span>(?:[0-9]+|[一二两三四五六七八九十半]+)(?:个多?月|个星期|周|天|年|小时|分钟|个季度|季度))"
        r"|(?P<number>[0-9]+(?:[.,][0-9]+)?|[二两三四五六七八九十百千万][" + _CN + r"]*(?=" + _UNITS_ZH + r")))"),
}
# English is scanned word by word (set lookups): a regex over number words ran ~5x slower per answer
_EN_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+|%")
_EN_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
                        "fifty hundred thousand million dozen dozens few".split())
_EN_UNITS = frozenset("day days week weeks month months year years hour hours quarter quarters sprint sprints "
                      "minute minutes".split())


def _en_figures(text):
    low = text.lower()
    toks = [(m.group(0), m.start(), m.end()) for m in _EN_TOKEN.finditer(low)]
    out = []
    for i, (w, a, b) in enumerate(toks):
        is_digit = w[0].isdigit()
        if not is_digit and w not in _EN_NUMBERS:
            continue
        if w == "one" or (w == "few" and (i == 0 or toks[i - 1][0] != "a")):
            continue  # "one of", "few people": not a figure
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if is_digit and nxt in ("%", "percent"):
            out.append(("percent", a, toks[i + 1][2]))
        elif nxt in _EN_UNITS:
            out.append(("time_span", a, toks[i + 1][2]))
        else:
            out.append(("number", a, b))
    return out


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


# A general approach told as steps ("我一般会先…然后…", "I usually start by… Then I…"): what an adequate answer
# shows in a behaviourally anchored scale (a method, no single worked example). A habit is a step too
# ("要经常和客户保持联系", "I keep them updated regularly"). Opinions ("我觉得很重要",
# "I think users matter") are not steps.
_METHOD = {
    "zh": re.compile(r"我(?:们)?(?:一般|通常|平时|每次|都|也)?会(?:先|首先)?(?!觉得|认为)|(?:然后|接着|随后|之后|其次|第一步|"
                     r"第二步|最后再|经常|定期|第一时间)|(?<![优首事预])先(?=[\u4e00-\u9fff]{0,3}(?:把|和|跟|做|弄|看|问|列|排|定|找|聊|收集|了解|确认|分析))"
                     r"|再(?=请|看|找|跟|和|做|去|改|定|调整)"),
    "en": re.compile(r"\b(?:I|we)\s+(?:usually|normally|generally|often|try to|tend to|would|start by|first|then)\s+"
                     r"(?!think|believe|feel|am|love|like|care|hope)[a-z]+|\bthen\s+(?:I|we)\b|\bafter that\b|"
                     r"\buntil\b|\bone by one\b|\bstep by step\b|\bregularly\b|\bevery (?:day|week|month|time)\b",
                     re.I),
}


# Opinions and self-description instead of evidence ("我觉得…最重要", "我这个人比较能吃苦", "I am a very
# persistent person"): the weak anchor of every scale. Counted only to weigh them against what is shown.
_OPINION = {
    "zh": re.compile(r"我(?:觉得|认为|相信)|(?:很|最|非常|特别)重要|一定要|总之|反正|我这个人|我的性格|性格比较|很适合|都挺喜欢"),
    "en": re.compile(r"\bI (?:think|believe|feel)\b|\bmost important\b|\bthe important thing\b|\bI(?: am|'m) (?:a |an )?"
                     r"(?:very |really |real |quite |natural |born )?(?:good|great|friendly|positive|persistent|passionate|"
                     r"hard-working|hard worker|person|fast learner|quick learner|team player|people person)"
                     # praise the candidate reports instead of showing ("everybody says so")
                     r"|\b(?:everybody|everyone|people|my friends|my colleagues) (?:always )?says?\b"
                     r"|\bI (?:love|care)\b|\bnever give up\b|\balways been\b", re.I),
}


OPINION_GAP = {"zh": 8, "en": 12}  # characters: "我觉得留住客户最重要的是…" is one opinion, not two


def opinions(text, lang):
    """Opinion statements: markers close together ("我觉得…最重要") are one statement, so that one opinion does
    not count twice against the answer (fusion.talk)."""
    lang = "en" if lang == "en" else "zh"
    n, start = 0, -99
    for m in _OPINION[lang].finditer(text):
        if m.start() - start >= OPINION_GAP[lang]:  # from the statement's first marker: no chain of sentences
            n, start = n + 1, m.start()
    return n


def method_steps(text, lang):
    """Steps of a described method; markers a few characters apart ("然后再", "then I") are one step."""
    steps, last = 0, -99
    for m in _METHOD["en" if lang == "en" else "zh"].finditer(text):
        if m.start() - last >= 5:
            steps += 1
        last = m.start()
    return steps


FIGURE_SCENE_CREDIT = 0.5  # a figure away from any outcome: context, not evidence


def _figure_score(kinds):
    """0–1 from figure kinds with their weights: a percentage or a time span says more than a bare count."""
    return min(1.0, sum(w * (0.2 + (0.25 if k == "percent" else 0.15 if k == "time_span" else 0.0))
                        for k, w in kinds))


def concreteness(text, lang="zh", in_context=None):
    """`in_context(pos)`: is the figure at pos tied to an outcome? Only such figures count fully in
    `evidence_score` (what specificity weighs); the others set the scene ("做了一年半", "only ten days") and
    count half. Without it evidence_score = score."""
    lang = "en" if lang == "en" else "zh"
    counts = {"percent": 0, "time_span": 0, "number": 0}
    found = list(_en_figures(text) if lang == "en" else
                 ((m.lastgroup, m.start(), m.end()) for m in _FIG["zh"].finditer(text)))
    for kind, a, b in found:
        counts[kind] += 1
    # results first: a percentage or a count says more than "五年" of experience in the greeting
    found.sort(key=lambda f: (_EXAMPLE_RANK[f[0]], f[1]))
    examples = [_snippet(text, a, b) for kind, a, b in found[:5]]
    actions = list(_ACTION[lang].finditer(text))
    figures = counts["number"] + counts["percent"] + counts["time_span"]
    score = _figure_score((kind, 1.0) for kind, a, b in found)
    evidence = score if in_context is None else _figure_score(
        (kind, 1.0 if in_context(a) else FIGURE_SCENE_CREDIT) for kind, a, b in found)
    return {
        "figures": figures,
        "percentages": counts["percent"],
        "time_spans": counts["time_span"],
        "actions": len(actions),
        "action_examples": [_snippet(text, m.start(), m.end(), 4) for m in actions[:3]],
        "examples": examples,
        "score": round(score, 3),
        "evidence_score": round(evidence, 3),
        "action_score": round(min(1.0, len(actions) / 3.0), 3),
        "method_steps": method_steps(text, lang),
        "opinions": opinions(text, lang),
    }


_EXAMPLE_RANK = {"percent": 0, "number": 1, "time_span": 2}
_CLAUSE_MARKS = "，。；！？、;!?"


def _clause_mark(text, i):
    """A clause boundary at i: CJK/ASCII clause punctuation, or a comma / full stop that is not inside a number."""
    ch = text[i]
    if ch in _CLAUSE_MARKS:
        return True
    return ch in ",." and not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def _is_number_char(ch):
    return ch.isdigit() or ch in _CN


def _latin(ch):
    return ch.isascii() and ch.isalnum()


def _cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def _word_around(text, k):
    """(start, end) of a dictionary word (jieba's, 2-4 characters) that runs across position k, else None: a quote
    must not begin or end inside 连续. A lookup, not a segmentation: segmenting cost as much as the whole scan."""
    from .lang import jieba
    freq = jieba().dt.FREQ
    if not freq:
        jieba().dt.check_initialized()
        freq = jieba().dt.FREQ
    for n in (2, 3, 4):
        for a in range(max(0, k - n + 1), k):
            if freq.get(text[a:a + n]):
                return a, a + n
    return None


CLAUSE_SLACK = 4  # characters a quote may run past its pad to end at the clause's own boundary


def _snippet(text, a, b, pad=8):
    """The match with up to `pad` characters either side, kept inside its clause (a quote never starts with the
    previous clause's comma nor runs into the next clause)."""
    lo = a
    while lo > max(0, a - pad) and not _clause_mark(text, lo - 1):
        lo -= 1
    hi = b
    while hi < min(len(text), b + pad) and not _clause_mark(text, hi):
        hi += 1
    # end where the clause ends when it is that close ("…通过了N2考试", not "…通过了N2考"), and never cut a number:
    # "用了十个月…" quoted from the middle read "个月时间…" in the candidate's PDF
    ahead = next((k for k in range(hi, min(len(text), hi + CLAUSE_SLACK + 1)) if _clause_mark(text, k)), None)
    hi = len(text) if ahead is None and len(text) - hi <= CLAUSE_SLACK else ahead or hi
    back = next((k for k in range(lo, max(-1, lo - CLAUSE_SLACK - 1), -1) if k == 0 or _clause_mark(text, k - 1)),
                None)
    lo = lo if back is None else back
    while 0 < lo < a and (_is_number_char(text[lo - 1]) or _latin(text[lo - 1]) and _latin(text[lo])):
        lo -= 1  # nor a word: "pped by 80%" was "dropped by 80%"
    while b < hi < len(text) and (_is_number_char(text[hi]) or _latin(text[hi]) and _latin(text[hi - 1])):
        hi += 1
    word = _word_around(text, lo) if 0 < lo < a and _cjk(text[lo - 1]) and _cjk(text[lo]) else None
    lo = word[0] if word else lo
    word = _word_around(text, hi) if b < hi < len(text) and _cjk(text[hi - 1]) and _cjk(text[hi]) else None
    hi = word[1] if word else hi
    return text[lo:hi].strip()
