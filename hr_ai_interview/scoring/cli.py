"""Command line: ai-interview-score MEDIA_OR_- --rubric RUBRIC.json [--text FILE] [--question TEXT]
[--lang zh|en] [--policy full|no-affect|text-only]. Exactly one JSON object on stdout; exit 0 when scored,
2 with a one-line `error: ...` on stderr for bad input, 1 when the engine failed unexpectedly."""
import argparse
import json
import os
import shutil
import sys
import tempfile

from .errors import ScoringError
from .policy import POLICIES


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage on 2 lines; keep the one-line contract
        raise ScoringError(message, code="usage")


def _parser():
    p = _Parser(prog="ai-interview-score", description="Score one recorded or typed interview answer.")
    p.add_argument("media", nargs="?", help="recording (WebM/MP4/audio), '-' for stdin; omit with --text")
    p.add_argument("--rubric", required=True, help="RUBRIC.json: {language, dimensions:[{name, weight, keywords, "
                                                    "description}]}")
    p.add_argument("--text", help="file with a typed answer (UTF-8)")
    p.add_argument("--transcript", help="file with an HR-corrected transcript (used instead of ASR)")
    p.add_argument("--question", help="question text")
    p.add_argument("--time-limit", type=float, help="answer time limit in seconds")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--policy", choices=POLICIES, default="full")
    p.add_argument("--no-asr", action="store_true", help="skip speech recognition")
    p.add_argument("--max-seconds", type=float, default=900.0)
    p.add_argument("--indent", type=int, default=None)
    return p


def _read(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ScoringError("cannot read %s %s: %s" % (what, path, exc.__class__.__name__), code="usage") from None


def _stdin_to_temp():
    fd, path = tempfile.mkstemp(prefix="ai-interview-", suffix=".media")
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
    return path


def main(argv=None):
    tmp = None
    try:
        args = _parser().parse_args(argv)
        try:
            rubric = json.loads(_read(args.rubric, "rubric"))
        except json.JSONDecodeError as exc:
            raise ScoringError("rubric %s is not valid JSON (line %d)" % (args.rubric, exc.lineno),
                               code="invalid_rubric") from None
        text = _read(args.text, "text answer") if args.text else None
        override = _read(args.transcript, "transcript") if args.transcript else None
        media = args.media
        if media == "-":
            media = tmp = _stdin_to_temp()
        if media is None and not text and not override:
            raise ScoringError("give a media file (or -) or --text FILE", code="usage")
        question = {"text": args.question or "", "time_limit": args.time_limit, "language": args.lang}
        from .engine import score_answer
        result = score_answer(media_path=media, text=text, rubric=rubric, question=question, lang=args.lang,
                              policy=args.policy, transcript_override=override,
                              asr=False if args.no_asr else None, max_seconds=args.max_seconds)
    except ScoringError as exc:
        msg = " ".join(str(exc).split())
        sys.stderr.write("error: %s [%s]\n" % (msg, exc.code))
        return 2
    finally:
        if tmp:
            os.unlink(tmp)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=args.indent, default=_json_default) + "\n")
    return 0 if result["status"] == "scored" else 1


def _json_default(o):
    import numpy as np
    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(type(o).__name__)


if __name__ == "__main__":
    sys.exit(main())
