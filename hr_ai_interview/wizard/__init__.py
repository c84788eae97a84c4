# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import hr_ai_rubric_suggest
from . import hr_ai_erase
from . import hr_ai_interview_invite_wizard
