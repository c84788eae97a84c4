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

# What each level of any scale looks like, without a topic: opinions and self-description (weak), a general
# method or a plain example (adequate), an own action with its cause and a measured result (strong). A dimension's
# anchor text carries its topic; these carry the level (meaning.place uses both).
BEHAVIOUR = {
    "zh": {"weak": ["我觉得这个很重要，我这个人比较认真负责。", "我相信只要用心就一定能做好，我很喜欢这份工作。",
                    "这方面我都很熟悉，也很擅长，经验很丰富。"],
           "adequate": ["我一般会先了解情况，然后制定计划，再按步骤执行和跟进。", "我做过类似的事情，当时完成了，效果还可以。",
                        "我帮忙准备了材料，回答了大家的问题，后来情况好了一些。"],
           "strong": ["我当时负责这件事，先分析了原因，然后亲自做了调整。", "结果指标从百分之二十提升到了百分之三十五，提前两周完成。",
                      "我找到了问题出在哪一步，改了做法，之后再也没有出现过。"]},
    "en": {"weak": ["I think this is very important and I am a hard-working person.",
                    "I believe that if you care, it will work out. I love this kind of work.",
                    "I am very familiar with all of this and I am good at it."],
           "adequate": ["I usually start by understanding the situation, then make a plan and follow up step by step.",
                        "I did something similar once and it went fine.",
                        "I helped prepare the material and answered their questions, and things got a bit better."],
           "strong": ["I was responsible for it, so I analysed the cause and made the change myself.",
                      "As a result the rate went from 20% to 35% and we finished two weeks early.",
                      "I found the step where it went wrong, changed how we did it, and it never happened again."]},
}


# The general baseline of relevance: a question about nothing in particular. A window that is about the question
# asked resembles it more than it resembles these; a story on another theme resembles both alike.
ANY_QUESTION = {
    "zh": ["请讲一次你的经历：你做了什么，结果如何？", "说说你做过的一件事情。", "我做了一件事，最后完成了。"],
    "en": ["Tell me about an experience: what did you do, and how did it go?", "Describe something you have done.",
           "I did something and in the end it was done."],
}

# Words that place a story at work: roles, workplaces, work objects. An interview question asks about work, so a
# story told at work with several of them is independent evidence against the off-topic label when the sentence
# encoder misses the link ("ten days to go" ~ "tight deadline"). One or two ("公司年会", "colleagues") are not:
# a party or an outing with colleagues happens at work too (meaning.WORK_TERMS_VETO).
WORK_CONTEXT = {
    "zh": ("公司", "同事", "领导", "经理", "主管", "客户", "部门", "团队", "项目", "上线", "工厂", "车间", "班组", "组长",
           "门店", "老板", "上班", "业务", "合同", "订单", "产线", "岗位", "下属", "供应商", "甲方", "入职", "工作"),
    "en": ("job", "work", "company", "colleague", "coworker", "manager", "boss", "team", "client", "customer",
           "project", "release", "office", "department", "stakeholder", "vendor", "supplier", "order", "staff",
           "employee", "shift", "factory", "store", "firm", "task", "sprint", "deadline", "meeting"),
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


def written_anchors(dim, lang, lexicon_entry=None):
    """The levels whose anchor someone wrote (on the job or in the lexicon), not the template: only those say
    how this dimension's levels differ. A template's levels differ in topic (the weak one names the dimension,
    the others carry its description), so a rambling answer about the topic sits next to the strong one."""
    template = {lvl: _TEMPLATE["en" if lang == "en" else "zh"][lvl] for lvl in LEVELS}
    made = default_anchors(dim.get("name") or "", dim.get("description"), lang)
    return {lvl: text for lvl, text in dimension_anchors(dim, lang, lexicon_entry).items()
            if text != made[lvl] and text != template[lvl]}


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
