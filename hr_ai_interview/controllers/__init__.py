# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import portal
from . import api
from . import report_download
from . import wechat
from . import rights
