# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import hr_ai_competency
from . import hr_ai_rubric_dimension
from . import hr_ai_question
from . import hr_job
from . import res_company
from . import res_config_settings
from . import res_partner
from . import hr_ai_interview
from . import hr_ai_interview_scores
from . import hr_ai_interview_invite
from . import hr_ai_interview_portal
from . import hr_ai_interview_question
from . import hr_ai_interview_answer
from . import hr_ai_interview_answer_job
from . import hr_ai_interview_display
from . import hr_ai_upload
from . import hr_applicant
