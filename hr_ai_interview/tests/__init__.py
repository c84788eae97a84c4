# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_rubric_constraints
from . import test_keywords
from . import test_question
from . import test_rubric_dict
from . import test_competency
from . import test_suggest_wizard
from . import test_views
from . import test_access
from . import test_multi_company
from . import test_demo
from . import test_i18n
from . import test_portal_access
from . import test_portal_upload
