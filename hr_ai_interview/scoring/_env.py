"""Where the engine keeps files it builds once per machine (the assembled Whisper model)."""
import os


def cache_root():
    root = os.environ.get("HR_AI_INTERVIEW_CACHE") or os.path.join(os.path.expanduser("~"), ".cache",
                                                                     "hr_ai_interview")
    os.makedirs(root, exist_ok=True)
    return root
