"""Job-description parsing for rubric suggestions: HTML → text, key terms (jieba TF-IDF + TextRank for
Chinese, TF + RAKE-style phrase degree for English), then competencies from the lexicon whose triggers occur,
weighted by how prominent those terms are. Never raises on odd input; an empty description gives []."""
import html as _html
import re
from collections import Counter
from html.parser import HTMLParser

from .anchors import default_anchors
from .lexicon import BUILTIN_LEXICON
from .text.lang import detect_language, jieba

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section",
          "article", "header", "footer", "table", "blockquote", "pre", "hr"}
_EN_STOP = frozenset("""a an the and or of to in on for with at by from as is are be been being was were will would
can could should may might must shall our we you your they their it its this that these those who whom which what
how when where why all any both each few more most other some such no nor not only own same so than too very
just also into over under about above below up down out off again further then once here there across per etc
including include includes within new strong good great excellent ability able years year experience work
working role job team company candidate candidates responsibilities requirements requirement qualifications
preferred plus bonus must-have nice-to-have looking join us help make using use run build define
skills skill environment insights ideal based like well""".split())
_WORD_EN = re.compile(r"[A-Za-z][A-Za-z0-9+#./\-]*[A-Za-z0-9+#]|[A-Za-z]")
_PHRASE_BREAK = re.compile(r"[,.;:!?()\[\]{}\n\r\t•·/|\"“”'’]+")
_GENERIC = ("professional_skills", "communication", "logical_thinking")


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(html):
    """Readable text of an HTML fragment (Odoo's hr.job description): block tags become line breaks."""
    if not html:
        return ""
    html = str(html)
    if "<" not in html:
        return _normalise(_html.unescape(html))
    p = _TextExtractor()
    try:
        p.feed(html)
        p.close()
    except Exception:  # malformed markup: fall back to stripping tags
        return _normalise(_html.unescape(re.sub(r"<[^>]+>", "\n", html)))
    return _normalise("".join(p.parts))


def _normalise(text):
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _scale(pairs):
    if not pairs:
        return {}
    top = max(w for _, w in pairs) or 1.0
    return {t: w / top for t, w in pairs}


def _terms_zh(text, top_k):
    an = jieba() and __import__("jieba.analyse", fromlist=["analyse"])
    tfidf = _scale(an.extract_tags(text, topK=top_k * 2, withWeight=True))
    try:
        rank = _scale(an.textrank(text, topK=top_k * 2, withWeight=True,
                                  allowPOS=("ns", "n", "vn", "v", "nz", "eng", "nr", "l")))
    except Exception:  # textrank needs POS tagging; a failure there must not lose the TF-IDF terms
        rank = {}
    terms = set(tfidf) | set(rank)
    return {t: 0.6 * tfidf.get(t, 0.0) + 0.4 * rank.get(t, 0.0) for t in terms if len(t.strip()) > 1}


def _terms_en(text, top_k):
    low = text.lower()
    words = [w for w in _WORD_EN.findall(low)]
    content = [w for w in words if w not in _EN_STOP and len(w) > 1]
    tf = Counter(content)
    # RAKE: candidate phrases are runs of content words between stop words / punctuation;
    # a word's score is its co-occurrence degree over frequency, a phrase's the sum of its words
    phrases = []
    for chunk in _PHRASE_BREAK.split(low):
        cur = []
        for w in _WORD_EN.findall(chunk):
            if w in _EN_STOP or len(w) < 2:
                if cur:
                    phrases.append(tuple(cur))
                cur = []
            else:
                cur.append(w)
        if cur:
            phrases.append(tuple(cur))
    freq, degree = Counter(), Counter()
    for ph in phrases:
        if len(ph) > 4:
            continue
        for w in ph:
            freq[w] += 1
            degree[w] += len(ph)
    rake = {}
    for ph in set(phrases):
        if len(ph) <= 3:
            rake[" ".join(ph)] = sum(degree[w] / freq[w] for w in ph if freq[w]) * (1 + 0.2 * phrases.count(ph))
    tfs = _scale(list(tf.items()))
    rks = _scale(list(rake.items()))
    terms = set(tfs) | set(rks)
    return {t: 0.4 * tfs.get(t, 0.0) + 0.6 * rks.get(t, 0.0) for t in terms}


def extract_terms(text, lang=None, top_k=20):
    """[(term, weight)] best first, weights in 0..1."""
    text = html_to_text(text) if text and "<" in str(text) else (text or "")
    if not text.strip():
        return []
    lang = lang or detect_language(text)
    terms = _terms_en(text, top_k) if lang == "en" else _terms_zh(text, top_k)
    ranked = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]
    return [(t, round(w, 4)) for t, w in ranked]


def _has_cjk(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _count(term, text_low):
    t = term.lower()
    if _has_cjk(t):
        return text_low.count(t)
    return len(re.findall(r"(?<![a-z0-9])" + re.escape(t) + r"(?![a-z0-9])", text_low))


def _lang_keywords(comp, lang):
    kws = [k for k in comp.get("keywords") or [] if isinstance(k, str)]
    if lang == "zh":
        return [k for k in kws if _has_cjk(k) or k.isupper()]
    return [k for k in kws if not _has_cjk(k)]


def integer_weights(raw, minimum=10):
    """Integer weights summing exactly to 100 (largest remainder), each at least `minimum`."""
    n = len(raw)
    if n == 0:
        return []
    minimum = min(minimum, 100 // n)
    total = sum(raw) or float(n)
    raw = [r if sum(raw) else 1.0 for r in raw]
    spare = 100 - minimum * n
    shares = [spare * r / total for r in raw]
    base = [int(s) for s in shares]
    left = spare - sum(base)
    order = sorted(range(n), key=lambda i: (-(shares[i] - base[i]), i))
    for i in order[:left]:
        base[i] += 1
    return [b + minimum for b in base]


def suggest_rubric(text_or_html, lexicon=None, lang=None, max_dimensions=5):
    try:
        return _suggest(text_or_html, lexicon, lang, max_dimensions)
    except Exception:  # the wizard shows a message on []; a parsing bug must not block HR
        import logging
        logging.getLogger(__name__).exception("rubric suggestion failed")
        return []


def _suggest(text_or_html, lexicon, lang, max_dimensions):
    text = html_to_text(text_or_html or "")
    if not text.strip():
        return []
    lang = "en" if (lang or detect_language(text)) == "en" else "zh"
    lexicon = [c for c in (lexicon or BUILTIN_LEXICON) if isinstance(c, dict) and c.get("code")]
    terms = dict(extract_terms(text, lang, top_k=40))
    low = text.lower()
    scored = []
    for comp in lexicon:
        matched, score = [], 0.0
        for trig in dict.fromkeys(comp.get("triggers") or []):
            n = _count(trig, low)
            if not n:
                continue
            matched.append(trig)
            prominence = max([terms.get(trig.lower(), 0.0), terms.get(trig, 0.0)]
                             + [w for t, w in terms.items() if len(t) > 1 and t in trig.lower()])
            score += (1.0 + 0.3 * min(n - 1, 3)) * (1.0 + 2.0 * prominence)
        score += 0.3 * sum(1 for k in comp.get("keywords") or [] if _count(k, low))
        if matched or score > 0:
            scored.append((score, comp, matched))
    scored.sort(key=lambda x: (-x[0], x[1]["code"]))
    chosen = [s for s in scored if s[2]][:max_dimensions]
    codes = {c["code"] for _, c, _ in chosen}
    for code in _GENERIC:  # a description that names no competency still gets a usable starting rubric
        if len(chosen) >= min(3, max_dimensions):
            break
        comp = next((c for c in lexicon if c["code"] == code), None)
        if comp is not None and code not in codes:
            chosen.append((0.0, comp, []))
            codes.add(code)
    own = _uncovered_terms(terms, chosen, lang)
    if len(own) >= 2 and len(chosen) < max_dimensions:
        chosen.append((1.0, _own_terms_dimension(own, lang), own))
    weights = integer_weights([s + 1.0 for s, _, _ in chosen])
    out = []
    for (score, comp, matched), w in zip(chosen, weights):
        sfx = "_zh" if lang == "zh" else "_en"
        name = comp.get("name" + sfx) or comp.get("name") or comp["code"]
        description = comp.get("description" + sfx) or comp.get("description") or ""
        out.append({
            "code": comp["code"],
            "name": name,
            "description": description,
            "weight": w,
            "keywords": _lang_keywords(comp, lang)[:8],
            "matched_terms": matched,
            "score": round(score, 3),
            "anchors": default_anchors(name, description, lang, comp),
        })
    return out


# description terms that say nothing about a competency (also skipped as own-term indicators)
_VAGUE = frozenset("负责 岗位 职责 要求 任职 工作 公司 能力 经验 以上 优先 熟悉 良好 相关 具备 能够 进行 完成 我们 团队 "
                   "专员 工程师 经理 主管 总监 助理 实习生 电话 提升 提高 维护 组织 配合 协助 推动 处理 日常 月度 年度 季度 "
                   "每周 每月 新员工 员工 客户 用户 产品 业务 项目 部门 "
                   "responsible role requirements experience years team work company ability strong good preferred "
                   "skills manager engineer specialist assistant own manage improve design support".split())


def _uncovered_terms(terms, chosen, lang, limit=6):
    """Prominent description terms that no chosen competency's triggers or keywords cover (the role's own
    vocabulary, e.g. 注塑工艺 or Kubernetes): they become indicators when no competency fits them."""
    covered = " ".join(t.lower() for _, comp, _ in chosen
                       for t in (comp.get("triggers") or []) + (comp.get("keywords") or []))
    out = []
    for term, weight in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])):
        t = term.strip()
        if weight < 0.3 or len(t) < 2 or t.lower() in _VAGUE or any(w in _VAGUE for w in t.lower().split()[:1]) or t.lower() in covered or t.isdigit():
            continue
        if lang == "zh" and not _has_cjk(t) and not t.isupper():
            continue
        if any(t in o or o in t for o in out):
            continue
        out.append(t)
        if len(out) >= limit:
            break
    return out


def _own_terms_dimension(own, lang):
    if lang == "en":
        return {"code": "role_expertise", "name_en": "Role-specific expertise",
                "description_en": "Shows real experience with what this role needs (%s)." % ", ".join(own[:4]),
                "keywords": own}
    return {"code": "role_expertise", "name_zh": "岗位专业要求",
            "description_zh": "能结合岗位要求（%s）讲出自己的实际经验和做法。" % "、".join(own[:4]), "keywords": own}
