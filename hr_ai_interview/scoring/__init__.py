"""Pure-Python scoring engine of hr_ai_interview. Never imports odoo."""
