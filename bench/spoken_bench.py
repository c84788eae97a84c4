"""Spoken validity (issue #10, items 3 and 7, measured on real speech rather than simulated noise). Run from the
repo root:  python3 bench/spoken_bench.py [--questions N] [--offset K] [--voice jf_alpha] [--lang en]

Chinese answers of the labelled validity set are spoken by Kokoro (natural Mandarin, tests/_media.kokoro_mandarin),
transcribed by the engine's own Whisper (the "accurate" engine the scoring jobs use) and scored from the recording
exactly as a recorded answer is (policy text-only: the words decide), beside the typed answer's score. It prints
per answer typed vs spoken, the mean and largest |change|, the character error rate, how many answers stay in their
band, and whether the question's levels keep their order (pairwise, cross-level). The clips are cached under
tests/.media (never committed); the first run synthesises them (~0.4x real time on 2 cores).
Only the written answers are spoken (the sets' "asr" answers are already transcript-like text), and only measured
splits (validity_bench.load_sets(): never the blind ones).

Measured 2026-12-07, `--questions 6` (the selection follows the measured splits: now zh_admin, zh_conflict,
zh_elevator, zh_marketing, zh_product, zh_service; 36 answers, 155 s with the clips cached), 2.7.0 -> 2.7.1:
  spoken vs typed: |Δ| mean 5.2 -> 3.8, max 26.0 -> 24.3, ≤5: 69 % -> 89 % | CER 0.150
  typed  pairwise(cross-level) 0.931 | in band strong 11/12 adequate 10/12 weak 10/12 (both)
  spoken pairwise(cross-level) 0.931 -> 0.910 | in band strong 9/12 adequate 9/12 -> 11/12 weak 10/12
2.7.0 measured a recording's length against its own duration, so every spoken answer had "enough content" and
short ones gained 2-8 points over the same words typed; 2.7.1 expects the same length of both (the question's
time limit, else the default). On six other questions (zh_bookeditor, zh_data, zh_kindergarten, zh_optometry,
zh_realestate, zh_tea: `--offset 3`) the same change: |Δ| mean 3.3 -> 2.9, ≤5: 81 % both. What is left are real
recognition errors, heavier than the validity bench's simulated noise: zh_conflict s2 loses 22 points when
四成 -> 四层, 错开十天 -> 锁开雪天 and 我提议 -> 我提一把 take its figures and actions; zh_admin a2 (a modest on-topic
answer) carries the strict off-topic label typed (35) and not spoken (59); zh_elevator w1, an off-topic story, drops
23 points spoken.
English (`--lang en`: en_airtraffic, en_courtclerk, en_helpdesk, en_learning, en_pharmacy, en_recruiting; espeak-ng,
WER 0.086), 2.7.0 -> 2.7.1: |Δ| mean 2.0 -> 1.9, max 5.9 -> 7.7, ≤5: 97 % -> 94 %; spoken pairwise 0.819 both (typed
0.847), adequate in band 10/12 -> 11/12. The inflated length had also hidden real recognition losses: en_recruiting
a2 ("I noticed our rejection emails" -> "I know this tower reaction emails": one own action fewer) is now 7.7 below
its typed score instead of 5.9.
Measured 2026-12-08, engine 2.7.5 (the selection follows the splits measured since: zh_admin, zh_complaint,
zh_elderlycare, zh_logisticsdriver, zh_planning, zh_seedsales; `--offset 3`: zh_beauty, zh_costing, zh_florist,
zh_museumguide, zh_project, zh_tailoring; en: en_airlinecrew, en_claims, en_greenhouse, en_learning, en_pharmacy,
en_recruiting):
  zh        |Δ| mean 3.8, max 24.3, ≤5: 78 % | CER 0.167 | pairwise typed 0.819, spoken 0.847
  zh off. 3 |Δ| mean 5.3, max 31.1, ≤5: 72 % | CER 0.172 | pairwise typed 0.806, spoken 0.792
  en        |Δ| mean 1.7, max 7.7,  ≤5: 94 % | WER 0.091 | pairwise typed 0.847, spoken 0.819
Before 2.7.5 the same zh run gave zh_planning a1 a different transcript in different runs (Whisper's random
fallback), once ending in "许晓晓晓…" x 220 (CER 1.51); now it is decoded the same every run (CER 0.14). The
largest moves left are relevance lost with one misheard word: zh_project a2, a plain on-topic answer whose sentence
similarity to its question is below the baseline (topic -0.023), keeps its relevance typed only through the
question's word 时间; spoken "十天时间" -> "许天使见" took it, and 66.1 dropped to 35.0. 2.7.6 echoes a question
word in a transcript by its toneless pinyin (bar: /work/coord/bar-2.7.6.md, written before the run): sample 1
unchanged; sample 2 |Δ| mean 5.3 -> 4.2, max 31.1 -> 27.3, ≤5: 72 % -> 75 %, spoken pairwise 0.792 -> 0.806
(zh_project a2 35.0 -> 63.4, zh_tailoring a2 35.0 -> 44.7, typed 53.9); no off-topic answer moved; every typed
score of the validity set and the probe as in 2.7.5."""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hr_ai_interview"))
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

ANSWERS = ("s1", "s2", "a1", "a2", "w1", "w2")  # strong, adequate, off-topic and ramble; written, not transcript-like


def _in_band(level, score):
    import validity_bench as vb
    lo, hi = vb.BANDS[level]
    return lo <= score <= hi


def _error_rate(ref, hyp, lang="zh"):
    """Character error rate (Chinese), word error rate (English)."""
    from test_scoring_asr import cer, wer
    return cer(ref, hyp) if lang == "zh" else wer(ref, hyp)


def _speak(text, lang, voice):
    """Kokoro Mandarin; English: espeak-ng (robotic but Whisper reads it well, WER ~0.1: no English voice for Kokoro
    is on PyPI)."""
    from _media import english_clip, kokoro_mandarin
    return kokoro_mandarin(text, voice=voice) if lang == "zh" else english_clip(text)


def run(n_questions, voice, offset=0, lang="zh"):
    import validity_bench as vb

    from scoring.engine import score_answer, warm_up
    warm_up(asr=True)
    sets = [s for s in vb.load_sets() if s["lang"] == lang]
    # spread over the splits, deterministic; --offset K picks the K-th question after each of them instead
    sets = sets[offset::max(1, len(sets) // n_questions)][:n_questions]
    rows = []
    t0 = time.perf_counter()
    for s in sets:
        for a in s["answers"]:
            if a["id"] not in ANSWERS:
                continue
            wav = _speak(a["text"], lang, voice)
            kw = dict(rubric=s["rubric"], question=s["question"], lang=lang, policy="text-only")
            typed = score_answer(text=a["text"], **kw)
            spoken = score_answer(media_path=wav, **kw)
            if spoken["status"] != "scored":
                raise SystemExit("%s/%s: %s %s" % (s["id"], a["id"], spoken["status"], spoken.get("reason")))
            rows.append({"q": s["id"], "id": a["id"], "level": a["level"], "rank": a["rank"],
                         "typed": typed["scores"]["overall"], "spoken": spoken["scores"]["overall"],
                         "cer": _error_rate(a["text"], spoken["transcript"]["text"], lang)})
            r = rows[-1]
            print("  %-16s %s %-8s typed %5.1f  spoken %5.1f  %s %.2f" % (
                r["q"], r["id"], r["level"], r["typed"], r["spoken"], "CER" if lang == "zh" else "WER", r["cer"]),
                flush=True)
    print("%d answers over %d questions in %.0f s (voice %s)" % (len(rows), len(sets), time.perf_counter() - t0,
                                                                 voice if lang == "zh" else "espeak-ng en-us"))
    return rows


def summary(rows):
    """The validity bench's own measures (vb.pairwise: cross-level pairs in the expert's order, within a question)
    on the spoken answers, for the typed and the spoken scores."""
    import validity_bench as vb
    sets = {}
    for r in rows:
        sets.setdefault(r["q"], {"id": r["q"], "answers": []})["answers"].append(
            {"id": r["id"], "level": r["level"], "rank": r["rank"]})
    sets = list(sets.values())
    deltas = sorted(abs(r["spoken"] - r["typed"]) for r in rows)
    out = {"answers": len(rows), "mean_abs": sum(deltas) / len(deltas), "max_abs": deltas[-1],
           "within5": sum(d <= 5 for d in deltas) / len(deltas), "cer": sum(r["cer"] for r in rows) / len(rows)}
    for key in ("typed", "spoken"):
        out["in_band_" + key] = {lvl: "%d/%d" % (sum(_in_band(lvl, r[key]) for r in rows if r["level"] == lvl),
                                                 sum(1 for r in rows if r["level"] == lvl))
                                 for lvl in ("strong", "adequate", "weak")}
        out["pairwise_" + key] = vb.pairwise(sets, {"%s/%s" % (r["q"], r["id"]): {"overall": r[key]} for r in rows})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=6)
    ap.add_argument("--offset", type=int, default=0, help="another sample of questions: 1 .. (questions per step - 1)")
    ap.add_argument("--voice", default="jf_alpha")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh", help="en: English answers spoken by espeak-ng")
    args = ap.parse_args(argv)
    rows = run(args.questions, args.voice, args.offset, args.lang)
    s = summary(rows)
    print("spoken vs typed: |Δ| mean %.1f max %.1f, ≤5: %d %% | %s %.3f" % (
        s["mean_abs"], s["max_abs"], round(100 * s["within5"]), "CER" if args.lang == "zh" else "WER", s["cer"]))
    for key in ("typed", "spoken"):
        print("%-6s pairwise(cross-level) %.3f | in band %s" % (key, s["pairwise_" + key], " ".join(
            "%s %s" % kv for kv in s["in_band_" + key].items())))


if __name__ == "__main__":
    main()
