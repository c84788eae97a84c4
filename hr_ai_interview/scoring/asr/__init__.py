"""Speech-to-text behind a small interface, so production can swap Whisper base for a larger CTranslate2 model
(ASR_MODEL_DIR) or another engine (e.g. Paraformer via sherpa-onnx) without touching the scoring."""
from .base import ASREngine, empty_transcript, unavailable_transcript  # noqa: F401
from .registry import get_engine, reset_engines, transcribe  # noqa: F401
