"""Speech delivery features from 16 kHz mono audio: activity/pauses, speaking rate, pitch and loudness."""
from .features import analyse_speech  # noqa: F401
