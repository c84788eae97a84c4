"""Candidate feedback in the answer's language, grounded in what the answer did or did not contain.
Every improvement carries a concrete suggestion, with an example phrasing where that helps.

Every item also carries its `code` and `params` (quotes from the answer, dimension names, measured numbers), so a
reader in another language gets it reworded from them (the Odoo addon does, models/hr_ai_interview_flags.py);
`text` (strengths) and `message`/`suggestion` (improvements) are the wording in the answer's language."""
from .fusion import RATE_RANGE, shown_actions


def _t(lang, zh, en):
    return zh if lang == "zh" else en


_COACH = {  # practice measures: a question that makes the candidate think, never a keyword list
    "clarity": ("说得再完整一些：你是谁、做过什么、为什么适合这个岗位。",
                "Say it more completely: who you are, what you have done, why you fit this role."),
    "structure": ("先用一句话概括，再分两三点展开，最后总结。",
                  "Open with one summary sentence, develop two or three points, then conclude."),
    "concreteness": ("举一个具体的例子：当时的情况、你具体怎么做的、结果用数字说明。",
                     "Give one concrete example: the situation, what exactly you did, and the result in numbers."),
    "relevance": ("说说你的哪段经历和这个岗位最相关，你在其中具体负责什么。",
                  "Which experience of yours is closest to this role, and what exactly was your part in it?"),
}


def build_feedback(lang, tf=None, sf=None, vf=None, dims=None, coach=False):
    """`coach`: practice-room feedback; dimension advice asks a coaching question instead of naming rubric terms."""
    strengths, improvements = [], []

    def strength(code, zh, en, **params):
        strengths.append({"code": code, "text": _t(lang, zh, en), "params": params})

    def improve(zh_msg, zh_sug, en_msg, en_sug, code, **params):
        improvements.append({"code": code, "message": _t(lang, zh_msg, en_msg),
                             "suggestion": _t(lang, zh_sug, en_sug), "params": params})

    if tf and tf["length"]["units"] > 0:
        c, s = tf["concreteness"], tf["structure"]
        if c["figures"] > 0:
            ex = c["examples"][0] if c["examples"] else ""
            strength("figures", "用数据说明了结果（如“%s”）" % ex if ex else "用数据说明了结果",
                     "You backed your answer with figures (e.g. “%s”)" % ex if ex else
                     "You backed your answer with figures", example=ex)
        else:
            improve("回答中没有具体数据或量化结果",
                    "补充可衡量的结果，例如：“通过用户调研把次月留存率从 30% 提升到 45%，用了 3 个月。”",
                    "Your answer contains no figures or measurable results",
                    "Add numbers that show the outcome, e.g. “we cut onboarding time from 10 to 4 minutes within "
                    "two months”.", "add_figures")
        # the same count of own actions the score weighs (fusion.shown_actions): "我先看数据…然后找了十位用户…" is
        # steps, though the strict pattern alone (c["actions"]) found none and told a strong answer it had none;
        # one loose match ("我学到了很多") is not a description of steps yet
        shown = shown_actions(c)
        if shown < 1.5:
            improve("没有说明你具体采取了哪些措施",
                    "按步骤讲清你亲自做了什么，例如：“我先……，然后……，最后……”",
                    "You did not describe the specific steps you took",
                    "Walk through what you personally did, e.g. “First I…, then I…, finally I…”.", "add_actions")
        elif shown >= 2:
            strength("actions", "讲清了自己采取的具体行动", "You described the concrete actions you took")
        if s["zong_fen_zong"] or (s["has_conclusion"] and s["markers"] >= 2):
            strength("structure", "结构清晰，有条理地展开并给出了结论",
                     "Clear structure: the answer unfolds in steps and reaches a conclusion")
        else:
            improve("回答的结构不够清晰",
                    "试试“总—分—总”：先一句话概括，再用“首先、其次、最后”展开，最后总结结果和收获。",
                    "The answer lacks a clear structure",
                    "Try summary – points – summary: one sentence that sums up, then “first, then, finally”, "
                    "then the outcome and what you learned.", "structure")
        if tf["stuffing"]["suspected"]:
            improve("关键词较多但缺少具体语境",
                    "少罗列术语，把每个关键词放进一个真实经历里说明你怎么做、结果如何。",
                    "Many keywords but little context around them",
                    "List fewer buzzwords; put each one into a real example of what you did and what happened.",
                    "stuffing")
        ratio = tf["length"]["ratio"]
        if ratio is not None and ratio < 0.5:
            improve("回答偏短，信息不够充分", "用一个完整的例子展开：背景、你的任务、具体行动和结果。",
                    "The answer is short", "Develop one complete example: context, your task, actions and result.",
                    "too_short")
    if tf and (tf.get("semantic") or {}).get("off_topic"):
        improve("回答与问题的联系不够清楚", "开头先点明你的例子回应的是问题的哪一部分，再讲你具体做了什么、结果有什么变化。",
                "The link between your answer and the question is not clear",
                "Start by saying which part of the question your example answers, then tell what you did and what "
                "changed.", "off_topic")
    for d in dims or []:
        if d.get("measure") or coach:
            m = d.get("measure")
            if m in _COACH and d["score"] < 60:
                zh, en = _COACH[m]
                improve("“%s”还可以加强" % d["name"], zh, "“%s” could be stronger" % d["name"], en, "coach_" + m,
                        dimension=d["name"])
            elif m and d["score"] >= 70:
                strength("measure_good", "“%s”做得不错" % d["name"], "Good %s" % d["name"].lower(),
                         dimension=d["name"])
            continue
        if d["score"] >= 70 and d["evidence"]:
            terms = [e["keyword"] for e in d["evidence"][:3]]
            kws = "、".join(terms) if lang == "zh" else ", ".join(terms)
            strength("dimension_good", "较好地体现了“%s”（提到了%s）" % (d["name"], kws),
                     "Good evidence of “%s” (you mentioned %s)" % (d["name"], kws), dimension=d["name"],
                     keywords=terms)
        elif d["score"] < 50:
            # coach with a question; listing the missing rubric terms would teach keyword stuffing
            improve("“%s”方面的内容较少" % d["name"],
                    "说说你具体是怎么做的：当时的情况、你采取的步骤、为什么这样做、结果如何。",
                    "Little about “%s”" % d["name"],
                    "Tell us how exactly you did it: the situation, your steps, why you chose them and the result.",
                    "dimension", dimension=d["name"])
    if sf and not sf.get("silent") and sf.get("rate"):
        lo, hi = RATE_RANGE.get(lang, RATE_RANGE["zh"])
        r, unit = sf["rate"], ("字/分" if lang == "zh" else "words per minute")
        # `per`: the rate counts characters (zh) or words (en), whatever language the reader has
        rate = {"rate": round(r), "lo": round(lo), "hi": round(hi), "per": lang}
        if r > hi:
            improve("语速约 %.0f %s，高于建议的 %.0f–%.0f %s" % (r, unit, lo, hi, unit),
                    "放慢一些，在要点之间稍作停顿，让面试官听清关键信息。",
                    "You spoke at about %.0f %s, faster than the suggested %.0f–%.0f" % (r, unit, lo, hi),
                    "Slow down and pause briefly between key points.", "rate_fast", **rate)
        elif r < lo:
            improve("语速约 %.0f %s，低于建议的 %.0f–%.0f %s" % (r, unit, lo, hi, unit),
                    "提前梳理要点，说得更连贯一些。",
                    "You spoke at about %.0f %s, slower than the suggested %.0f–%.0f" % (r, unit, lo, hi),
                    "Prepare your key points so you can speak more fluently.", "rate_slow", **rate)
        else:
            strength("pace", "语速适中（约 %.0f 字/分）" % r, "Comfortable pace (about %.0f wpm)" % r,
                     rate=round(r), per=lang)
        longest = (sf.get("pauses") or {}).get("longest") or 0
        if longest >= 4.0:
            improve("有一次长达 %.0f 秒的停顿" % longest, "卡住时可以先说结论或用“我想一下这个问题的关键是……”过渡。",
                    "One pause lasted %.0f s" % longest,
                    "If you get stuck, state your conclusion first or bridge with “the key point here is…”.",
                    "long_pause", seconds=round(longest))
    if vf and vf.get("frames_analysed"):
        if (vf.get("face_present_ratio") or 0) < 0.8:
            improve("录制过程中有一段时间不在镜头内", "保持面对摄像头、坐在画面中央。",
                    "You were out of the camera frame for part of the answer",
                    "Stay centred in front of the camera.", "on_camera")
        elif (vf.get("gaze_ratio") or 0) >= 0.6:
            strength("camera", "始终面对镜头", "You stayed facing the camera")
    return {"language": lang, "strengths": strengths, "improvements": improvements}
