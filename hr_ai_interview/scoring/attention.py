"""Attention points for the interviewer: short, specific, each with a reason and (when known) a time.
Each carries its code and parameters too, so a reader in another language gets it reworded (the Odoo addon
does); `message` is the text in the answer's language."""


def _msg(lang, zh, en):
    return zh if lang == "zh" else en


def attention_points(lang, tf=None, sf=None, vf=None, transcript=None, dims=None, flags=()):
    pts = []

    def add(code, severity, zh, en, at=None, **params):
        item = {"code": code, "severity": severity, "message": _msg(lang, zh, en), "params": params}
        if at is not None:
            item["at_seconds"] = round(float(at), 1)
        pts.append(item)

    unit = "字/分" if lang == "zh" else "wpm"
    if sf and not sf.get("silent"):
        ch = sf.get("rate_change")
        if ch and abs(ch["delta"]) >= 25 and abs(ch["delta"]) >= 0.12 * max(1.0, ch["before"]):
            at = sf["speech_span"][1] - 60.0
            if ch["delta"] > 0:
                add("rate_jump", "warning",
                    "最后一分钟语速从 %.0f 升到 %.0f %s —— 建议追问这部分回答的逻辑" % (ch["before"], ch["last_minute"], unit),
                    "Speaking rate rose from %.0f to %.0f %s in the last minute — probe the logic of this part"
                    % (ch["before"], ch["last_minute"], unit), at,
                    before=round(ch["before"]), after=round(ch["last_minute"]), per=lang)
            else:
                add("rate_drop", "info",
                    "最后一分钟语速从 %.0f 降到 %.0f %s —— 可能在组织思路，可追问细节" % (ch["before"], ch["last_minute"], unit),
                    "Speaking rate fell from %.0f to %.0f %s in the last minute — the candidate may have been "
                    "searching for words; ask for details" % (ch["before"], ch["last_minute"], unit), at,
                    before=round(ch["before"]), after=round(ch["last_minute"]), per=lang)
        for a, b in (sf.get("pauses") or {}).get("intervals", []):
            if b - a >= 5.0:
                add("long_pause", "info", "在 %.0f 秒处停顿 %.0f 秒" % (a, b - a),
                    "Pause of %.0f s at %.0f s" % (b - a, a), a, seconds=round(b - a), at=round(a))
    if vf:
        for a, b in vf.get("face_absent_intervals", []):
            if b - a >= 3.0:
                add("face_absent", "warning", "%.0f–%.0f 秒画面中没有人脸" % (a, b),
                    "No face on camera from %.0f s to %.0f s" % (a, b), a, start=round(a), end=round(b))
        for a, b in vf.get("multiple_faces_intervals", []):
            add("multiple_faces", "high", "%.0f–%.0f 秒画面中出现多张人脸 —— 可能有他人在场，请核实" % (a, b),
                "Several faces on camera from %.0f s to %.0f s — someone else may be present; please verify"
                % (a, b), a, start=round(a), end=round(b))
    if transcript is not None and transcript.get("status") in ("unavailable", "failed"):
        add("no_transcript", "high", "没有可用的转写文本：请人工听取录音后评分",
            "No transcript available: listen to the recording and score it manually")
    segs = (transcript or {}).get("segments") or []
    if segs:
        conf = sum(s["confidence"] for s in segs) / len(segs)
        if conf < 0.45:
            add("low_transcript_confidence", "warning",
                "语音识别置信度较低（%.2f）：关键词证据请对照录音核实" % conf,
                "Low speech-recognition confidence (%.2f): check keyword evidence against the recording" % conf,
                confidence=round(conf, 2))
    if tf:
        if (tf.get("semantic") or {}).get("off_topic"):
            add("off_topic", "warning", "回答与问题关联不大：分数已封顶，请人工确认",
                "The answer has little to do with the question: the score is capped; please check")
        if tf["stuffing"]["suspected"]:
            add("keyword_stuffing", "warning", "疑似关键词堆砌：关键词缺少具体语境",
                "Possible keyword stuffing: rubric keywords appear without real sentences around them")
        if tf["concreteness"]["figures"] == 0 and tf["length"]["units"] > 0:
            add("no_figures", "info", "回答中没有任何数据或量化结果 —— 可追问具体成效",
                "No figures or measurable results — ask for concrete outcomes")
        ratio = tf["length"]["ratio"]
        if ratio is not None and 0 < ratio < 0.4:
            add("short_answer", "info", "回答明显偏短（约 %d 字）" % tf["length"]["units"],
                "The answer is much shorter than expected (about %d words)" % tf["length"]["units"],
                units=tf["length"]["units"], per=lang)
    for d in dims or []:
        if d["score"] < 40 and d["missing_keywords"]:
            add("weak_dimension", "info",
                "“%s”缺少证据（未提及：%s）—— 建议追问" % (d["name"], "、".join(d["missing_keywords"][:3])),
                "Little evidence for “%s” (not mentioned: %s) — probe this" % (d["name"],
                                                                             ", ".join(d["missing_keywords"][:3])),
                dimension=d["name"], missing=list(d["missing_keywords"][:3]))
    if "silence" in flags:
        add("silence", "high", "录音中没有可辨识的语音", "The recording contains no audible speech")
    if "truncated" in flags:
        add("truncated", "warning", "文件不完整：只分析了可解码的部分",
            "The file is incomplete: only the decodable part was analysed")
    return pts
