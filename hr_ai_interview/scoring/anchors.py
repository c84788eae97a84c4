"""Behaviourally anchored rating scales (BARS): what a weak / adequate / strong answer shows for a rubric
dimension, and the generic practice rubric.

A dimension's anchors come from the rubric (edited on the job), else from its lexicon entry, else from a template
built on the dimension's description. The semantic layer places an answer between its anchors."""

LEVELS = ("weak", "adequate", "strong")

_TEMPLATE = {
    "zh": {"weak": "只表态或空谈，例如“{name}很重要”，或者罗列术语，没有讲自己的做法和例子。",
           "adequate": "说明了一般做法：{desc}但例子不够具体，缺少自己的行动细节、数据或结果。",
           "strong": "讲述一次亲身经历：{desc}说清自己具体做了什么、为什么这样做，并用数据说明了结果。"},
    "en": {"weak": "Only states opinions such as “{name} matters”, or lists buzzwords, with no actions or example.",
           "adequate": "Describes a general approach: {desc} The example lacks specific actions, figures or results.",
           "strong": "Tells one real experience: {desc} Explains what they personally did and why, and gives "
                     "measurable results."},
}

# Topics candidates drift to when they do not answer the question; an answer much closer to one of these than
# to its question and rubric is flagged off-topic (together with the lexical evidence, never alone).
OFF_TOPIC_BANK = {
    "zh": ["我的业余爱好是跑步、健身和打球", "我组织过一次公司年会、聚会或团建活动", "我在学校参加比赛拿了奖",
           "我自学了一门外语并通过了考试", "我喜欢旅游、摄影、做饭和美食", "我的家庭情况和成长经历",
           "我的职业规划和期望薪资", "我做过志愿者，参加公益活动", "我喜欢看电影、听音乐、读小说", "我养了一只猫"],
    "en": ["My hobbies are running, the gym and playing football", "I organised a company party or a team event",
           "I won a competition at school", "I taught myself a foreign language and passed an exam",
           "I love travel, photography, cooking and food", "My family and how I grew up",
           "My career plans and salary expectations", "I volunteered for a charity",
           "I like films, music and reading novels", "I have a cat"],
}


def _clean(desc, lang):
    desc = (desc or "").strip()
    if desc and desc[-1] not in "。.！!？?":
        desc += "。" if lang == "zh" else "."
    return desc


def default_anchors(name, description, lang, lexicon_entry=None):
    """{'weak','adequate','strong'} texts in `lang` for a dimension."""
    lang = "en" if lang == "en" else "zh"
    if lexicon_entry and (lexicon_entry.get("anchors") or {}).get(lang):
        return dict(lexicon_entry["anchors"][lang])
    desc = _clean(description or (lexicon_entry or {}).get("description_" + lang) or name, lang)
    if lang == "en":
        desc = desc[0].lower() + desc[1:] if desc[:2] != desc[:2].upper() else desc
    return {lvl: _TEMPLATE[lang][lvl].format(name=name, desc=desc) for lvl in LEVELS}


def dimension_anchors(dim, lang, lexicon_entry=None):
    """The rubric's own anchors where set (any level), completed from the defaults."""
    out = default_anchors(dim.get("name") or "", dim.get("description"), lang, lexicon_entry)
    given = dim.get("anchors") or {}
    if isinstance(given, dict):
        for lvl in LEVELS:
            if isinstance(given.get(lvl), str) and given[lvl].strip():
                out[lvl] = given[lvl].strip()
    return out


# The practice question (often a self-introduction) is judged on how it is said, not on the job's keywords.
PRACTICE_MEASURES = ("clarity", "structure", "concreteness", "relevance")
_PRACTICE = {
    "zh": [("表达清晰", "clarity", "表达清楚、完整，篇幅合适，没有大量重复。"),
           ("结构", "structure", "先概括，再分点展开，最后总结。"),
           ("具体性", "concreteness", "用具体经历、自己的行动和数据说明。"),
           ("与岗位的关联", "relevance", "把经历和应聘岗位联系起来。")],
    "en": [("Clarity", "clarity", "Clear and complete, a fitting length, little repetition."),
           ("Structure", "structure", "A summary first, then points in order, then a conclusion."),
           ("Concreteness", "concreteness", "Real examples, own actions and figures."),
           ("Relevance to the job", "relevance", "Links the experience to the role applied for.")],
}


def practice_rubric(lang, job_terms=()):
    """Generic rubric for the practice question: four equally weighted measures; `job_terms` (a few terms of the
    job) only inform relevance, they are never listed back to the candidate as missing keywords."""
    lang = "en" if lang == "en" else "zh"
    dims = [{"name": n, "weight": 25, "measure": m, "description": d, "keywords": []}
            for n, m, d in _PRACTICE[lang]]
    dims[-1]["job_terms"] = [t for t in job_terms if isinstance(t, str) and t.strip()][:12]
    return {"language": lang, "practice": True, "dimensions": dims}
