"""Pure tests (no Odoo). The addon's pure packages (scoring/, reporting/, wechat/, uploads/) are imported as
top-level packages from hr_ai_interview/, so importing them never triggers the addon's odoo-dependent __init__."""
import os
import sys

ADDON_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hr_ai_interview")
if ADDON_DIR not in sys.path:
    sys.path.insert(0, ADDON_DIR)
