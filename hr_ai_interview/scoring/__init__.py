"""Pure-Python scoring engine of hr_ai_interview. Never imports odoo; relative imports only, so it works both as
the top-level package `scoring` (tests, bin/ai-interview-score) and as odoo.addons.hr_ai_interview.scoring.

Public API (import the submodules; this package imports nothing heavy):
  engine.score_answer(media_path=None, text=None, rubric=None, question=None, lang=None, policy="full",
                      transcript_override=None, asr=None, weights=None, ...) -> JSON-able dict
  engine.warm_up(asr=True)             one-off costs per process (jieba, encoder, cascades, Whisper)
  engine.ENGINE_VERSION
  errors.ScoringError (+ Empty/Undecodable/NotARecording/TooShort/OverLength MediaError), `.code`
  jd.html_to_text / extract_terms / suggest_rubric;  lexicon.BUILTIN_LEXICON
  asr.get_engine(model_dir=None, fast=False), asr.transcribe(audio, sr, lang, engine), asr.ASREngine
  cli.main(argv) -> exit code

Layout: media (PyAV streaming decode) · asr/ (interface, faster-whisper) · text/ (keywords, similarity,
concreteness, structure) · speech/ (activity/pauses, rate, prosody) · vision/ (Haar detection, presence
summary) · fusion (scores) · attention (interviewer points) · feedback (candidate) · policy · jd · lexicon."""
