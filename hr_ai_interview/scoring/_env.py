"""Process-level environment defaults, applied before heavy imports."""
import os


def cache_root():
    root = os.environ.get("HR_AI_INTERVIEW_CACHE") or os.path.join(os.path.expanduser("~"), ".cache",
                                                                     "hr_ai_interview")
    os.makedirs(root, exist_ok=True)
    return root


def ensure_numba_cache():
    """librosa's numba kernels cost ~16 s to compile cold, ~2 s from cache: the cache dir must be writable."""
    if not os.environ.get("NUMBA_CACHE_DIR"):
        path = os.path.join(cache_root(), "numba")
        os.makedirs(path, exist_ok=True)
        os.environ["NUMBA_CACHE_DIR"] = path
    return os.environ["NUMBA_CACHE_DIR"]
