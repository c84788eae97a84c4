"""Visual presence features from sampled grey frames (OpenCV Haar cascades; no identity, no emotion)."""
from .features import VisionAnalyzer  # noqa: F401
