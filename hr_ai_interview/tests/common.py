# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.fields import Command
from odoo.tests import TransactionCase

PM_DESCRIPTION_ZH = """
<p>我们正在寻找一位产品经理，负责产品规划与迭代。</p>
<ul><li>开展用户调研和竞品分析，挖掘用户痛点，撰写需求文档；</li>
<li>对功能进行优先级排序，制定里程碑，协调研发资源，推动项目按期交付并管理风险；</li>
<li>根据用户反馈和数据分析持续优化用户体验。</li></ul>
<p>要求：良好的沟通能力和逻辑思维。</p>
"""

PM_DESCRIPTION_EN = """
<p>We are hiring a <b>Product Manager</b> to own our mobile app roadmap.</p>
<ul><li>Run user research and competitive analysis, identify user pain points and write product requirement
documents.</li>
<li>Prioritize features, plan milestones, coordinate engineering resources and manage project risks.</li>
<li>Iterate on the product from user feedback and data analysis; communicate clearly with stakeholders.</li></ul>
"""


class AiInterviewCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.Job = cls.env["hr.job"]
        cls.Dimension = cls.env["hr.ai.rubric.dimension"]
        cls.Question = cls.env["hr.ai.question"]
        cls.job = cls.Job.create({"name": "AI Test Product Manager", "description": PM_DESCRIPTION_ZH})

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):
        # unittest's version bypasses Odoo's assertRaises, which wraps the block in a savepoint; without
        # it the failed record stays in the transaction and its pending recompute breaks the next step
        with self.assertRaises(exception, msg=msg) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @classmethod
    def make_job(cls, name, weights=(40, 30, 30), questions=1, enabled=False, **vals):
        """A job with dimensions D1..Dn of the given weights and `questions` questions."""
        return cls.Job.create(dict({
            "name": name,
            "ai_dimension_ids": [Command.create({"name": f"D{i}", "weight": w, "sequence": i})
                                 for i, w in enumerate(weights, start=1)],
            "ai_question_ids": [Command.create({"name": f"Question {i}?"}) for i in range(1, questions + 1)],
            "ai_interview_enabled": enabled,
        }, **vals))
