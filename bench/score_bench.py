#!/usr/bin/env python3
"""Scoring-engine benchmark (issue #3, item 9). Run from the repo root:  python3 bench/score_bench.py

Generates (or reuses, in bench/.cache) a 3-minute 640x480 30 fps VP8 + Opus answer whose sound is natural
Mandarin (Kokoro), and a 10-minute one; then measures, in this same run:
  decode-only (PyAV, every frame and audio packet) vs the full non-ASR pipeline  — target ≤ 1.00× (issue #13)
  text scoring throughput after warm-up                                        — target ≥ 2,000 answers/s/core
  the same with the semantic layer (sentence embeddings)                       — target ≥ 100 answers/s/core
  the semantic layer's share of the 3-minute answer's scoring time             — target ≤ 5 %
  peak RSS on the 10-minute answer, in a fresh subprocess                      — target ≤ 400 MB (≤ 700 MB with ASR)
  ASR real-time factor (Whisper base int8, 2 threads)                          — target ≤ 0.3
  Kokoro Mandarin CER per voice and key terms recognised
CPU seconds (process_time, all threads) are reported beside wall seconds: "per core" targets are judged on
CPU time, which other jobs on a shared machine disturb much less than wall time.
--text-only stops after the text figures (no ASR, no RSS subprocesses; no 10-minute file).
--pipeline-only [--runs N] measures only decode-only vs the non-ASR pipeline on the 3-minute answer, N times
after a warm-up round (one ratio line per run): the issue #13 ratio without the minutes the ASR part costs."""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, "bench", ".cache")
sys.path[:0] = [os.path.join(ROOT, "hr_ai_interview"), os.path.join(ROOT, "tests"), os.path.join(ROOT, "bench")]
os.environ.setdefault("HR_AI_TEST_MEDIA", CACHE)

import numpy as np  # noqa: E402

import _bench_media as bm  # noqa: E402
from test_scoring_asr import ZH_TEXT  # noqa: E402


def _clock():
    return time.perf_counter(), time.process_time()


def _since(t):
    return time.perf_counter() - t[0], time.process_time() - t[1]


def decode_only(path):
    """Every video frame and every audio frame decoded with the same thread settings as scoring.media."""
    import av
    t = _clock()
    with av.open(path) as c:
        streams = list(c.streams.video[:1]) + list(c.streams.audio[:1])
        for s in c.streams.video:
            s.thread_type = "AUTO"
        n = 0
        for packet in c.demux(streams):
            for _ in packet.decode():
                n += 1
    return _since(t), n


def pipeline(path, text, semantic=True):
    from scoring.engine import score_answer
    t = _clock()
    r = score_answer(path, text=None, transcript_override=text, rubric=bm.RUBRIC, asr=False, policy="full",
                     question={"text": bm.QUESTION, "time_limit": 240}, semantic=semantic)
    return _since(t), r


def semantic_share(path, transcript, runs=3):
    """The sentence-embedding layer's share of a recorded answer's scoring time: the same file and transcript
    scored with and without it (the rest of the pipeline is identical); medians of `runs` each."""
    sem, lex = [], []
    for _ in range(runs):
        sem.append(pipeline(path, transcript, semantic=True))
        lex.append(pipeline(path, transcript, semantic=False))

    def med(rows, key):
        return sorted(r["timings"].get(key, 0.0) for _, r in rows)[len(rows) // 2]
    t_sem, t_lex, total = med(sem, "text"), med(lex, "text"), med(sem, "total")
    return {"text_semantic": t_sem, "text_lexical": t_lex, "total": total,
            "share": max(0.0, t_sem - t_lex) / max(1e-9, total), "model": sem[0][1]["semantic"].get("model")}


def text_throughput(n=3000, semantic=False):
    """Typed answers scored per second after warm-up; semantic=True adds the sentence-embedding layer
    (issue #10 target ≥ 100/s/core), semantic=False is the lexical-only figure (target ≥ 2,000/s/core)."""
    from scoring.engine import score_answer
    answers = [bm.GOOD, bm.VAGUE, bm.STUFFED, bm.GOOD_EN]
    rub = [bm.RUBRIC, bm.RUBRIC, bm.RUBRIC, bm.RUBRIC_EN]
    for i in range(40 if semantic else 200):
        score_answer(text=answers[i % 4], rubric=rub[i % 4], question=bm.QUESTION, semantic=semantic)
    t = _clock()
    for i in range(n):
        score_answer(text=answers[i % 4], rubric=rub[i % 4], question=bm.QUESTION, semantic=semantic)
    wall, cpu = _since(t)
    return n / wall, n / cpu


def practice_latency():
    """A typed practice answer's feedback, cold rubric (first call for it), after process warm-up."""
    from scoring.engine import score_answer
    t = _clock()
    score_answer(text=bm.GOOD, rubric=bm.RUBRIC, question="请做一个简单的自我介绍", practice=True,
                 policy="no-affect")
    return _since(t)[0]


def peak_rss(path, with_asr):
    """Peak RSS of a fresh interpreter scoring `path`. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    fork+exec, so a child of this (large) benchmark process would report the parent's size."""
    code = ("import sys, resource, json; sys.path.insert(0, %r);"
            "import time; t0 = time.perf_counter();"
            "from scoring.engine import score_answer, warm_up; warm_up(asr=%r); t1 = time.perf_counter();"
            "r = score_answer(%r, rubric=json.loads(%r), asr=%s, policy='full'); t2 = time.perf_counter();"
            "print(json.dumps({'status': r['status'], 'duration': r['media'].get('duration'),"
            " 'warm_up_s': round(t1 - t0, 2), 'first_answer_s': round(t2 - t1, 2),"
            " 'rss_mb': [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
            " / 1024.0, 'ru_maxrss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))"
            % (os.path.join(ROOT, "hr_ai_interview"), with_asr, path, json.dumps(bm.RUBRIC, ensure_ascii=False),
               "None" if with_asr else "False"))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=3600)
    if p.returncode:
        return {"error": p.stderr.decode()[-400:]}
    return json.loads(p.stdout.decode().strip().splitlines()[-1])


def asr_bench(voices):
    from scoring.asr import get_engine, transcribe
    from test_scoring_asr import ZH_TERMS, ZH_TEXT, cer, zh_norm
    out = {}
    for fast in (False, True):
        eng = get_engine(fast=fast)
        eng.warm_up()
        rows, wall_sum, cpu_sum, dur_sum = [], 0.0, 0.0, 0.0
        for v in (voices if not fast else voices[:2]):  # greedy: RTF on two voices is enough
            y, sr = bm.read_wav(bm.kokoro(v))
            t = _clock()
            tr = transcribe(y, sr, lang="zh", engine=eng)
            wall, cpu = _since(t)
            dur = len(y) / sr
            wall_sum, cpu_sum, dur_sum = wall_sum + wall, cpu_sum + cpu, dur_sum + dur
            hyp = zh_norm(tr["text"])
            rows.append({"voice": v, "seconds": round(dur, 1), "rtf": round(wall / dur, 3),
                         "cer": round(cer(ZH_TEXT, tr["text"]), 3),
                         "key_terms": "%d/%d" % (sum(zh_norm(k) in hyp for k in ZH_TERMS), len(ZH_TERMS))})
        out["fast" if fast else "accurate"] = {
            "rows": rows, "rtf": round(wall_sum / dur_sum, 3), "cpu_rtf": round(cpu_sum / dur_sum, 3),
            "cer_mean": round(float(np.mean([r["cer"] for r in rows])), 3)}
    return out


def line(name, value, target, ok, extra=""):
    mark = "OK " if ok else "MISS"
    print("%-4s %-44s %-34s target %s%s" % (mark, name, value, target, ("  " + extra) if extra else ""), flush=True)


def ratio_lines(three):
    """One round of decode-only then the pipeline on the same file; prints the lines, returns the cpu ratio."""
    (d_wall, d_cpu), n_frames = decode_only(three)
    (p_wall, p_cpu), res = pipeline(three, bm.GOOD)
    r_cpu, r_wall = p_cpu / d_cpu, p_wall / d_wall
    line("decode-only 3 min VP8+Opus (all frames)", "%.2f s wall / %.2f s cpu" % (d_wall, d_cpu), "-", True,
         "%d frames+audio frames" % n_frames)
    line("non-ASR pipeline, same file", "%.2f s wall / %.2f s cpu" % (p_wall, p_cpu), "-", True,
         "timings %s" % res["timings"])
    line("  ratio pipeline / decode-only (cpu)", "%.2fx (wall %.2fx)" % (r_cpu, r_wall), "<= 1.00x", r_cpu <= 1.0,
         "%d of %d video frames sampled" % (res["media"].get("frames_sampled", 0), res["media"].get("video_frames", 0)))
    return (d_wall, d_cpu), (p_wall, p_cpu), res, r_cpu, r_wall


def pipeline_ratio(runs):
    """--pipeline-only: a warm-up round (page cache, numba, cascades, first-call allocations) then `runs` rounds."""
    print("== pipeline / decode-only  (python %s, %d cpus, load avg %.1f)"
          % (sys.version.split()[0], os.cpu_count(), os.getloadavg()[0]), flush=True)
    three = bm.answer_video(180.0)
    from scoring.engine import warm_up
    warm_up(asr=False)
    decode_only(three)
    pipeline(three, bm.GOOD)
    ratios = [ratio_lines(three)[3] for _ in range(max(1, runs))]
    print("ratios (cpu): %s  median %.2fx" % (" ".join("%.2f" % r for r in ratios), sorted(ratios)[len(ratios) // 2]))
    return 0


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--text-only", action="store_true",
                    help="stop after the text and semantic figures (skip ASR, CER and the RSS subprocesses)")
    ap.add_argument("--pipeline-only", action="store_true",
                    help="only decode-only vs the non-ASR pipeline on the 3-minute answer (no text, ASR, RSS)")
    ap.add_argument("--runs", type=int, default=3, help="with --pipeline-only: measured rounds after the warm-up")
    args = ap.parse_args(argv)
    os.makedirs(CACHE, exist_ok=True)
    if args.pipeline_only:
        return pipeline_ratio(args.runs)
    print("== hr_ai_interview scoring benchmark  (python %s, %d cpus, load avg %.1f)"
          % (sys.version.split()[0], os.cpu_count(), os.getloadavg()[0]), flush=True)
    t = time.perf_counter()
    three = bm.answer_video(180.0)
    ten = None if args.text_only else bm.answer_video(600.0)
    print("media ready in %.0f s: %s, %s" % (time.perf_counter() - t, os.path.basename(three),
                                              os.path.basename(ten or "-")), flush=True)
    from scoring.engine import ENGINE_VERSION, warm_up
    t = _clock()
    w = warm_up(asr=not args.text_only)
    warm_s = _since(t)[0]
    print("warm-up (once per process): %.1f s wall  %s" % (warm_s, w), flush=True)

    # answer 1 right after warm-up shows what warm-up left unpaid; the ratio is then the median of three
    # decode-only / pipeline rounds (one round swung ±0.1 with the other jobs on this machine)
    (p_wall, p_cpu), res = pipeline(three, bm.GOOD)
    rounds = [ratio_lines(three) for _ in range(3)]
    (p2_wall, p2_cpu) = rounds[0][1]
    (d_wall, d_cpu), _p, res, r_cpu, r_wall = sorted(rounds, key=lambda r: r[3])[1]
    line("  ratio pipeline / decode-only (cpu), median of 3", "%.2fx (wall %.2fx)" % (r_cpu, r_wall), "<= 1.00x",
         r_cpu <= 1.0, "rounds %s" % " ".join("%.2f" % r[3] for r in rounds))
    # cpu beside wall: on a shared machine wall time moves with the other jobs, cpu shows what the answer paid
    line("warm-up once per worker, then answers", "%.1f s, answer 1 %.2f s (%.2f cpu), answer 2 %.2f s (%.2f cpu)"
         % (warm_s, p_wall, p_cpu, p2_wall, p2_cpu), "answer 1 ~ answer 2", abs(p_cpu - p2_cpu) <= 0.15 * p2_cpu,
         "warm-up: jieba, pinyin, sentence encoder, filter taps, cascades%s" % ("" if args.text_only else ", ASR"))

    wall_rate, cpu_rate = text_throughput()
    line("text scoring lexical-only per core", "%.0f answers/s cpu (%.0f wall)" % (cpu_rate, wall_rate),
         ">= 2000", cpu_rate >= 2000, "ratio %.2fx" % (cpu_rate / 2000))
    s_wall, s_cpu = text_throughput(400, semantic=True)
    line("text scoring with semantic layer per core", "%.0f answers/s cpu (%.0f wall)" % (s_cpu, s_wall),
         ">= 100", s_cpu >= 100, "ratio %.2fx; lexical-only %.0f" % (s_cpu / 100, cpu_rate))
    # a 3-minute answer's transcript: ~510 characters (Mandarin at ~170 字/分), the spoken text three times
    sh = semantic_share(three, "".join([ZH_TEXT] * 3))
    line("  semantic layer share of the 3-min answer", "%.2f %% (%s)" % (100 * sh["share"], sh["model"]), "<= 5 %",
         sh["share"] <= 0.05, "text %.3f s with / %.3f s lexical-only, of %.2f s total"
         % (sh["text_semantic"], sh["text_lexical"], sh["total"]))
    lat = practice_latency()
    line("typed practice answer feedback", "%.3f s" % lat, "< 1 s", lat < 1.0)
    if args.text_only:
        return 0

    a = asr_bench(bm.VOICES)
    acc, fast = a["accurate"], a["fast"]
    line("ASR RTF Whisper base beam 5 (default)", "%.3f wall / %.3f cpu-s per s" % (acc["rtf"], acc["cpu_rtf"]),
         "<= 0.3", acc["rtf"] <= 0.3, "ratio %.2fx" % (acc["rtf"] / 0.3))
    line("ASR RTF greedy ('fast', practice room)", "%.3f wall / %.3f cpu-s per s" % (fast["rtf"], fast["cpu_rtf"]),
         "<= 0.3", fast["rtf"] <= 0.3, "ratio %.2fx" % (fast["rtf"] / 0.3))
    for mode in ("accurate", "fast"):
        for row in a[mode]["rows"]:
            print("       %-8s %-14s %5.1f s  rtf %.3f  CER %.3f  key terms %s"
                  % (mode, row["voice"], row["seconds"], row["rtf"], row["cer"], row["key_terms"]))
    line("Kokoro Mandarin CER (mean of %d voices)" % len(bm.VOICES), "%.3f beam5 / %.3f greedy"
         % (acc["cer_mean"], fast["cer_mean"]), "<= 0.25", acc["cer_mean"] <= 0.25)

    rss = peak_rss(ten, with_asr=False)
    line("peak RSS 10-min answer, non-ASR pipeline", "%.0f MB" % rss.get("rss_mb", -1), "<= 400 MB",
         0 < rss.get("rss_mb", 1e9) <= 400, str(rss))
    rss_asr = peak_rss(ten, with_asr=True)
    line("peak RSS 10-min answer, with ASR", "%.0f MB" % rss_asr.get("rss_mb", -1), "<= 700 MB",
         0 < rss_asr.get("rss_mb", 1e9) <= 700, str(rss_asr))  # issue #13: Whisper windows, <= 700 MB
    summary = {"engine_version": ENGINE_VERSION, "decode_only": [d_wall, d_cpu], "pipeline": [p_wall, p_cpu],
               "ratio_cpu": r_cpu, "ratio_wall": r_wall, "text_answers_per_s_cpu": cpu_rate,
               "text_answers_per_s_wall": wall_rate, "asr": a, "rss_non_asr": rss, "rss_asr": rss_asr,
               "load_avg": os.getloadavg()}
    with open(os.path.join(CACHE, "last_run.json"), "w") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
