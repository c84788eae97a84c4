"""Pure-Python WeChat delivery (wechatpy; no odoo import): WeCom file + text, Official Account template link."""
from .delivery import DeliveryResult, OfficialAccountSender, WeComSender  # noqa: F401
from .masking import mask  # noqa: F401
