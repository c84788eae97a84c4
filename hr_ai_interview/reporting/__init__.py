"""Pure-Python report rendering (no odoo import): candidate feedback and hiring report PDFs, follow-up logic."""
from .fonts import FontNotFoundError, find_cjk_font, register_fonts  # noqa: F401
