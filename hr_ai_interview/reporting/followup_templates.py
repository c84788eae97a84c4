"""Bilingual follow-up question templates per competency, matched by alias substrings of the dimension name.

Each entry: (aliases, [zh questions], [en questions]). Aliases are lower-case; a dimension matches when any alias
occurs in its lower-cased name, so "团队领导力" and "Leadership & influence" both find the leadership set.
"""

COMPETENCY_TEMPLATES = [
    (("领导", "带领", "带团队", "leader", "people manag"),
     ["你如何倾听下属的意见？请举一个你采纳团队成员建议的例子。",
      "当团队成员表现不佳时，你具体是怎么处理的？",
      "请描述一次你需要在没有正式授权的情况下推动团队达成目标的经历。"],
     ["How do you listen to the people who report to you? Give an example of acting on a team member's idea.",
      "When someone on your team under-performed, what exactly did you do?",
      "Describe a time you moved a team towards a goal without formal authority."]),
    (("沟通", "表达", "communicat", "present"),
     ["请讲一次你需要向不同背景的人解释复杂问题的经历，你是怎么调整表达方式的？",
      "当你与同事意见不一致时，你通常如何沟通？请举例说明。"],
     ["Tell us about explaining something complex to people with a different background. How did you adapt?",
      "When you disagreed with a colleague, how did you handle the conversation? Give an example."]),
    (("团队", "协作", "合作", "team", "collaborat"),
     ["请描述一次团队中出现分歧的经历，你扮演了什么角色？结果如何？",
      "你如何让跨部门的同事支持你的工作？"],
     ["Describe a disagreement inside a team you were part of. What was your role and the outcome?",
      "How do you win support from colleagues in other departments?"]),
    (("创新", "创造", "innovat", "creativ"),
     ["请举一个你提出新想法并落地的例子，如何说服他人支持？"],
     ["Give an example of an idea of yours that was implemented. How did you get others on board?"]),
    (("问题解决", "分析", "逻辑", "思维", "problem", "analy", "logic", "think"),
     ["请讲一个你从零开始分析并解决复杂问题的例子，你的思路是什么？",
      "如果数据不完整，你如何做出判断？"],
     ["Walk us through a complex problem you solved from scratch. How did you reason about it?",
      "How do you make a decision when the data is incomplete?"]),
    (("抗压", "压力", "韧性", "stress", "resilien", "pressure"),
     ["请描述一次你在很大压力下仍按时交付的经历，你是怎么安排优先级的？",
      "遇到挫折后，你通常如何调整自己？"],
     ["Describe delivering on time under heavy pressure. How did you set priorities?",
      "After a setback, how do you get yourself back on track?"]),
    (("学习", "成长", "learn", "growth", "adapt"),
     ["最近一次你快速学习一项新技能是什么情况？你用了什么方法？",
      "请举例说明你如何根据别人的反馈改进自己的工作。"],
     ["When did you last have to learn a new skill quickly? How did you go about it?",
      "Give an example of changing how you work because of feedback."]),
    (("客户", "服务", "customer", "client", "service"),
     ["请讲一次你处理客户不满的经历，你最终是如何解决的？",
      "你如何了解客户真正的需求？"],
     ["Tell us about handling an unhappy customer. How was it resolved?",
      "How do you find out what a customer really needs?"]),
    (("执行", "结果", "目标", "execut", "result", "deliver", "ownership"),
     ["请描述一个你主动负责并推动到底的项目，过程中遇到的最大障碍是什么？",
      "当计划赶不上变化时，你如何确保目标达成？"],
     ["Describe a project you owned end to end. What was the biggest obstacle?",
      "When plans change, how do you make sure the goal is still met?"]),
    (("专业", "技术", "知识", "technical", "expertise", "domain", "knowledge", "skill"),
     ["请详细讲讲你在上一份工作中最有代表性的专业成果，你具体负责哪些部分？",
      "在这个领域中，你最近关注的新方法或新工具是什么？为什么？"],
     ["Go into detail on your most representative professional result. Which parts were yours?",
      "Which new method or tool in this field have you followed recently, and why?"]),
]

GENERIC_TEMPLATES = (
    ["请举一个能体现你「{dim}」的具体例子：当时的情况、你的做法和结果分别是什么？",
     "在「{dim}」方面，你认为自己还需要提升什么？你打算怎么做？"],
    ["Give a concrete example that shows your {dim}: the situation, what you did and the result.",
     "What would you still like to improve in {dim}, and how do you plan to do it?"],
)

ATTENTION_TEMPLATES = (
    "面试中我们注意到：{point}。能否结合具体经历再详细说明一下？",
    "In the interview we noted: {point}. Could you expand on this with a specific example?",
)


def templates_for(dimension, lang):
    """Questions for a dimension name: its competency set if an alias matches, else the generic set."""
    name = (dimension or "").lower()
    en = lang == "en_US"
    for aliases, zh_qs, en_qs in COMPETENCY_TEMPLATES:
        if any(a in name for a in aliases):
            return list(en_qs if en else zh_qs), False
    return generic_templates(dimension, lang), True


def generic_templates(dimension, lang):
    return [t.format(dim=dimension) for t in GENERIC_TEMPLATES[1 if lang == "en_US" else 0]]
