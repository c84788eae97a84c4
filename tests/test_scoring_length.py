"""The length an answer is expected to have comes from its question's time limit, the same for typed and recorded
answers. Up to 2.7.0 a recording without a time limit was measured against its own duration: that measured how
fast the candidate spoke, so any recording got full length credit and the same words scored higher spoken (a
short modest answer +6.5 on real Whisper transcripts, bench/spoken_bench.py)."""
import _media
from scoring import asr as asr_mod
from scoring.engine import score_answer

RUBRIC = {"language": "zh", "dimensions": [
    {"name": "活动策划", "weight": 60, "description": "围绕目标设计活动并落地执行",
     "keywords": ["活动方案", "预算", "转化率"]},
    {"name": "效果复盘", "weight": 40, "description": "用数据评估效果并改进", "keywords": ["复盘", "数据分析"]}]}
QUESTION = "讲一次你策划线上活动的经历：你是怎么做的，效果如何？"
SHORT = "我帮店里做过一次朋友圈集赞活动，集满二十个赞送一杯饮料，那周来店里的人比平时多了一些。"


class _Says(asr_mod.ASREngine):
    """Recognises the given words in any audio: the test is about scoring, not recognition."""
    name = "says"

    def __init__(self, text):
        self.text = text

    def transcribe_array(self, audio, sr=16000, lang=None):
        return {"segments": [{"start": 0.0, "end": 6.0, "text": self.text, "confidence": 0.9}], "language": "zh"}


def _recording():
    y, _ = _media.read_wav(_media.mandarin_rate_clip()[0])  # ~30 s of speech: far longer than the words need
    return _media.audio_only(y, name="speech.ogg", key="rateclip")


def test_same_words_typed_or_recorded_score_the_same():
    typed = score_answer(text=SHORT, rubric=RUBRIC, question=QUESTION, lang="zh", policy="text-only")
    spoken = score_answer(_recording(), rubric=RUBRIC, question=QUESTION, lang="zh", policy="text-only",
                          asr=_Says(SHORT))
    assert spoken["transcript"]["text"] == SHORT and spoken["media"]["duration"] > 10
    assert spoken["features"]["text"]["length"] == typed["features"]["text"]["length"]
    assert spoken["features"]["text"]["length"]["ratio"] < 0.5  # a short answer stays short when spoken
    assert spoken["scores"]["overall"] == typed["scores"]["overall"]


def test_time_limit_sets_the_expected_length_for_both():
    q = {"text": QUESTION, "time_limit": 180, "language": "zh"}
    typed = score_answer(text=SHORT, rubric=RUBRIC, question=q, lang="zh", policy="text-only")
    spoken = score_answer(_recording(), rubric=RUBRIC, question=q, lang="zh", policy="text-only", asr=_Says(SHORT))
    assert typed["features"]["text"]["length"]["expected"] == spoken["features"]["text"]["length"]["expected"] == 240
    assert spoken["scores"]["overall"] == typed["scores"]["overall"]
