"""Follow-up question templates per competency, matched by alias substrings of the dimension name.

Each entry: (aliases, [questions]). Questions are English sources marked with `_lt`; the reader's language comes
from the .po files, so a Chinese report gets whole Chinese sentences (never an English frame around a Chinese
dimension name). Aliases are lower-case; a dimension matches when any alias occurs in its lower-cased name, so
"团队领导力" and "Leadership & influence" both find the leadership set."""
from .i18n import _lt

COMPETENCY_TEMPLATES = [
    (("领导", "带领", "带团队", "leader", "people manag"),
     [_lt("How do you listen to the people who report to you? Give an example of acting on a team member's idea."),
      _lt("When someone on your team under-performed, what exactly did you do?"),
      _lt("Describe a time you moved a team towards a goal without formal authority.")]),
    (("沟通", "表达", "倾听", "communicat", "present", "listen"),
     [_lt("Tell us about explaining something complex to people with a different background. How did you adapt?"),
      _lt("When you disagreed with a colleague, how did you handle the conversation? Give an example.")]),
    (("团队", "协作", "合作", "team", "collaborat"),
     [_lt("Describe a disagreement inside a team you were part of. What was your role and the outcome?"),
      _lt("How do you win support from colleagues in other departments?")]),
    (("创新", "创造", "innovat", "creativ"),
     [_lt("Give an example of an idea of yours that was implemented. How did you get others on board?")]),
    (("问题解决", "分析", "逻辑", "思维", "problem", "analy", "logic", "think"),
     [_lt("Walk us through a complex problem you solved from scratch. How did you reason about it?"),
      _lt("How do you make a decision when the data is incomplete?")]),
    (("抗压", "压力", "韧性", "stress", "resilien", "pressure"),
     [_lt("Describe delivering on time under heavy pressure. How did you set priorities?"),
      _lt("After a setback, how do you get yourself back on track?")]),
    (("学习", "成长", "learn", "growth", "adapt"),
     [_lt("When did you last have to learn a new skill quickly? How did you go about it?"),
      _lt("Give an example of changing how you work because of feedback.")]),
    (("客户", "服务", "customer", "client", "service"),
     [_lt("Tell us about handling an unhappy customer. How was it resolved?"),
      _lt("How do you find out what a customer really needs?")]),
    (("执行", "结果", "目标", "execut", "result", "deliver", "ownership"),
     [_lt("Describe a project you owned end to end. What was the biggest obstacle?"),
      _lt("When plans change, how do you make sure the goal is still met?")]),
    (("专业", "技术", "知识", "technical", "expertise", "domain", "knowledge", "skill"),
     [_lt("Go into detail on your most representative professional result. Which parts were yours?"),
      _lt("Which new method or tool in this field have you followed recently, and why?")]),
]

# %(dim)s is the dimension's name as the rubric spells it.
GENERIC_TEMPLATES = [
    _lt("Give a concrete example that shows your %(dim)s: the situation, what you did and the result."),
    _lt("What would you still like to improve in %(dim)s, and how do you plan to do it?"),
]

ATTENTION_TEMPLATE = _lt("In the interview we noted: %(point)s. Could you expand on this with a specific example?")


def templates_for(dimension):
    """Template sources for a dimension name: its competency set if an alias matches, else the generic set."""
    name = (dimension or "").lower()
    for aliases, questions in COMPETENCY_TEMPLATES:
        if any(a in name for a in aliases):
            return list(questions), False
    return list(GENERIC_TEMPLATES), True
