"""ASR_CPU_THREADS sets the cores one scoring job's speech recognition uses (a server that runs one job per core
sets 1, as bench/queue_bench.py does); an explicit argument still wins, and without either Whisper takes up to 4."""
import os

from scoring.asr import whisper


def test_asr_threads_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASR_CPU_THREADS", "1")
    assert whisper.FasterWhisperEngine().cpu_threads == 1
    assert whisper.FasterWhisperEngine(cpu_threads=3).cpu_threads == 3
    monkeypatch.delenv("ASR_CPU_THREADS")
    assert whisper.FasterWhisperEngine().cpu_threads == min(4, os.cpu_count() or 1)
