/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Question page (practice and real): preparation countdown, timed recording with prompts at 30 s and
// 10 s and auto-stop, resumable upload, retakes, draft pad kept across reloads, text answers.
import publicWidget from "@web/legacy/js/public/public_widget";
import { ApiError, InterviewApi, sleep } from "./hrai_api";
import { fmtTime, msg, renderValue, show } from "./hrai_common";
import { openMedia, pickMimeType, Recorder, stopMedia } from "./hrai_recorder";
import { deleteRecording, pendingRecordings, putRecording } from "./hrai_store";
import { DraftPad } from "./hrai_draft";
import { assembledBlob, uploadRecording } from "./hrai_upload";

const DONE_STATES = ["uploaded", "queued", "scoring", "scored", "failed"];

publicWidget.registry.HrAiQuestion = publicWidget.Widget.extend({
    selector: ".o_hrai_question",
    events: {
        "click .o_hrai_begin": "_onBegin",
        "click .o_hrai_record_now": "_onRecordNow",
        "click .o_hrai_stop": "_onStop",
        "click .o_hrai_retake": "_onRetake",
        "click .o_hrai_send_text": "_onSendText",
        "input .o_hrai_text": "_updateCount",
    },

    start() {
        const d = this.el.dataset;
        Object.assign(this, {
            interviewId: Number(d.interviewId), lineId: Number(d.lineId), mode: d.mode, practice: d.practice === "1",
            prep: Number(d.prep) || 0, limit: Number(d.limit) || 180, attemptsLeft: Number(d.retakesLeft) || 0,
            answerId: d.answerId ? Number(d.answerId) : null, answerState: d.answerState || "", retake: false,
        });
        this.api = new InterviewApi(this.interviewId, d.token);
        this.q = (sel) => this.el.querySelector(sel);
        this.draft = new DraftPad(this, d.draft || "");
        this._boot(); // not awaited: the widget is usable while the camera starts
        return this._super(...arguments);
    },

    destroy() {
        clearInterval(this.timer);
        this.draft.destroy();
        stopMedia(this.stream);
        this._super(...arguments);
    },

    async _boot() {
        if (this.mode === "text") {
            this._updateCount();
            if (DONE_STATES.includes(this.answerState)) {
                show(this.q(".o_hrai_send_text"), false);
                this._afterAnswer(false);
            }
            return;
        }
        const pending = await pendingRecordings(`${this.interviewId}:${this.lineId}:`);
        if (pending.length) {
            // A recording of this question did not finish uploading (reload, crash, lost network): send the
            // newest one, drop older attempts that were superseded.
            const rec = pending[pending.length - 1];
            for (const old of pending.slice(0, -1)) {
                await deleteRecording(old.key);
            }
            if (rec.state === "recording") {
                rec.state = "recorded";
                await putRecording(rec);
            }
            this.answerId = rec.answerId;
            this._status(msg(this.el, "resumed"), "info");
            this._playback(rec);
            await this._upload(rec.key);
            return;
        }
        if (DONE_STATES.includes(this.answerState)) {
            this._afterAnswer(false);
            return;
        }
        await this._startPrep();
    },

    // ---------------------------------------------------------------- status + timers
    _status(text, kind = "secondary") {
        const el = this.q(".o_hrai_status");
        el.className = `o_hrai_status mt-2 alert alert-${kind} py-2 mb-0`;
        el.textContent = text;
        this.tickLabel = null;
    },

    /** A countdown line: the label is announced once (live region), the ticking time is not (aria-hidden);
     * screen-reader users hear the 30 s / 10 s prompts and can read the timer (role="timer"). */
    _tickStatus(label, left, kind) {
        if (this.tickLabel !== label) {
            this._status(`${label} `, kind);
            const time = document.createElement("span");
            time.setAttribute("aria-hidden", "true");
            time.className = "o_hrai_status_time";
            this.q(".o_hrai_status").append(time);
            this.tickLabel = label;
        }
        this.q(".o_hrai_status_time").textContent = fmtTime(left);
    },

    _countdown(seconds, onTick, onEnd) {
        clearInterval(this.timer);
        const end = Date.now() + seconds * 1000;
        const bar = this.q(".o_hrai_time_bar");
        show(bar, true);
        const tick = () => {
            const left = (end - Date.now()) / 1000;
            this.q(".o_hrai_timer").textContent = fmtTime(left);
            bar.firstElementChild.style.width = `${Math.max(0, (left / seconds) * 100)}%`;
            onTick(left);
            if (left <= 0) {
                clearInterval(this.timer);
                onEnd();
            }
        };
        this.timer = setInterval(tick, 250);
        tick();
    },

    // ---------------------------------------------------------------- recording
    async _startPrep() {
        show(this.q(".o_hrai_begin"), false);
        this.mimetype = pickMimeType(this.mode);
        if (!this.mimetype) {
            this._status(msg(this.el, "no_recorder"), "warning");
            return;
        }
        try {
            this.stream = this.stream || (await openMedia(this.mode));
        } catch (error) {
            const key = error.name === "NotAllowedError" ? "media_denied" : error.name === "SecurityError" ? "secure" : "no_media";
            this._status(msg(this.el, key), "warning");
            this.q(".o_hrai_switch_text")?.classList.add("btn", "btn-warning");
            show(this.q(".o_hrai_begin"), true);
            return;
        }
        const video = this.q("video.o_hrai_preview");
        if (video) {
            this._live(video);
        }
        if (!this.prep) {
            return this._startRecording();
        }
        show(this.q(".o_hrai_record_now"), true);
        const label = msg(this.el, "prep");
        this._countdown(this.prep, (left) => this._tickStatus(label, left, "info"), () => this._startRecording());
    },

    async _startRecording() {
        if (this.recorder) {
            return;
        }
        clearInterval(this.timer);
        show(this.q(".o_hrai_record_now"), false);
        let answer;
        try {
            answer = await this.api.call("/answer", { json: { line_id: this.lineId, mode: this.mode, retake: this.retake } }, { maxTries: 4 });
        } catch (error) {
            this._status(error.message, "danger");
            show(this.q(".o_hrai_begin"), true);
            return;
        }
        this.answerId = answer.answer_id;
        this._setAttemptsLeft(answer.retakes_left);
        const rec = {
            key: `${this.interviewId}:${this.lineId}:${answer.answer_id}:${Date.now()}`, state: "recording",
            mimetype: this.mimetype, answerId: answer.answer_id, lineId: this.lineId, interviewId: this.interviewId,
            createdAt: Date.now(),
        };
        await putRecording(rec);
        this.recorder = new Recorder(this.stream, rec, this.mode);
        this.recorder.start();
        show(this.q(".o_hrai_rec_dot"), true);
        show(this.q(".o_hrai_stop"), true);
        const label = msg(this.el, "recording");
        const warned = new Set();
        delete this.el.dataset.prompt;
        this._countdown(this.limit, (left) => {
            for (const mark of [30, 10]) {
                if (left <= mark && !warned.has(mark) && this.limit > mark + 5) {
                    warned.add(mark);
                    this._status(msg(this.el, `left${mark}`), mark === 10 ? "danger" : "warning");
                    this.el.dataset.prompt = String(mark);
                    this.el.classList.add("o_hrai_flash");
                    setTimeout(() => this.el.classList.remove("o_hrai_flash"), 1200);
                }
            }
            if (!warned.size) {
                this._tickStatus(label, left, "light");
            }
        }, () => this._stopRecording(true));
    },

    async _stopRecording(auto) {
        clearInterval(this.timer);
        show(this.q(".o_hrai_stop"), false);
        show(this.q(".o_hrai_rec_dot"), false);
        show(this.q(".o_hrai_time_bar"), false);
        const rec = await this.recorder.stop();
        this.recorder = null;
        this.q(".o_hrai_timer").textContent = "";
        stopMedia(this.stream); // free the camera while uploading; a retake opens it again
        this.stream = null;
        this._playback(rec);
        this._status(msg(this.el, auto ? "autostop" : "stopped"), auto ? "warning" : "secondary");
        await this._upload(rec.key);
    },

    /** Let the candidate watch what was recorded (helps to decide on a retake). */
    async _playback(rec) {
        const video = this.q("video.o_hrai_preview");
        if (!video || this.mode !== "video") {
            return;
        }
        const blob = await assembledBlob(rec);
        video.srcObject = null;
        video.src = URL.createObjectURL(blob);
        Object.assign(video, { controls: true, muted: false, autoplay: false });
        // A MediaRecorder file has no duration (the player shows 0:00 and cannot seek): seeking past the end
        // makes the browser read the file to its end and learn the length, then back to the start.
        const known = () => {
            if (!Number.isFinite(video.duration)) {
                return false;
            }
            this.el.dataset.playbackDuration = String(Math.round(video.duration)); // observed by the e2e test
            return true;
        };
        video.addEventListener("loadedmetadata", () => {
            if (known()) {
                return;
            }
            const onChange = () => {
                if (known()) {
                    video.removeEventListener("durationchange", onChange);
                    video.currentTime = 0;
                }
            };
            video.addEventListener("durationchange", onChange);
            video.currentTime = 1e7;
        }, { once: true });
    },

    _live(video) {
        if (video.src) {
            URL.revokeObjectURL(video.src);
            video.removeAttribute("src");
        }
        Object.assign(video, { controls: false, muted: true, autoplay: true, srcObject: this.stream });
    },

    async _upload(key) {
        const bar = this.q(".o_hrai_upload_bar");
        const fill = bar.firstElementChild;
        show(bar, true);
        try {
            await uploadRecording(this.api, key, {
                onProgress: (f) => {
                    fill.style.width = `${Math.round(f * 100)}%`;
                    fill.textContent = `${Math.round(f * 100)} %`;
                    bar.setAttribute("aria-valuenow", String(Math.round(f * 100)));
                },
                onStatus: (kind) => {
                    const text = msg(this.el, kind === "uploading" ? "uploading" : kind);
                    this._status(text, kind === "uploading" ? "info" : "warning");
                    this.el.dataset.uploadStatus = kind; // lets tests and assistive tools observe it
                },
            });
        } catch (error) {
            this._status(`${msg(this.el, "upload_failed")} ${error.message}`, "danger");
            this.el.dataset.uploadStatus = "failed";
            if (error instanceof ApiError && error.status < 500) {
                await deleteRecording(key);
            }
            this._showRetake();
            return;
        }
        fill.classList.remove("progress-bar-striped");
        this.answerState = "uploaded";
        this.el.dataset.uploadStatus = "done";
        this._status(msg(this.el, "uploaded"), "success");
        this._afterAnswer(true);
    },

    _setAttemptsLeft(n) {
        if (typeof n === "number") {
            this.attemptsLeft = n;
            this.q(".o_hrai_retakes_left").textContent = String(n);
        }
    },

    _showRetake() {
        show(this.q(".o_hrai_retake"), this.attemptsLeft > 0);
    },

    async _afterAnswer(fresh) {
        if (!fresh) {
            this._status(msg(this.el, this.mode === "text" ? "text_sent" : "uploaded"), "success");
        }
        this._showRetake();
        // an uploaded recording is the answer: writing instead is offered again only with a retake
        show(this.q(".o_hrai_switch_text"), false);
        show(this.q(".o_hrai_next"), true); // never wait for the feedback to let the candidate go on
        if (this.practice && fresh) {
            await this._feedback();
        }
    },

    async _feedback() {
        const box = this.q(".o_hrai_feedback");
        const body = this.q(".o_hrai_feedback_body");
        show(box, true);
        body.textContent = msg(this.el, "feedback_wait");
        try {
            // the server queues the feedback job and answers at once; the result is polled from /status
            let result = await this.api.call("/practice/feedback", { json: { answer_id: this.answerId } }, { maxTries: 1 });
            const started = Date.now();
            while (result.state === "queued" && Date.now() - started < 600000) {
                body.textContent = `${msg(this.el, "feedback_wait")} (${Math.round((Date.now() - started) / 1000)} s)`;
                await sleep(1500);
                const status = await this.api.call("/status", { method: "GET" }, { maxTries: 3 });
                const mine = (status.answers || []).find((a) => a.id === this.answerId);
                result = (mine && mine.practice_feedback) || result;
            }
            if (result.state !== "done") {
                throw new Error(result.state);
            }
            body.replaceChildren(this._feedbackDom(result.feedback || {}));
            this.el.dataset.feedback = "shown";
        } catch (error) {
            body.textContent = (error && error.status === 429 && error.message) || msg(this.el, "feedback_failed");
            this.el.dataset.feedback = "failed";
        }
    },

    /** Known keys get a label of the page's language; anything else is shown generically. */
    _feedbackDom(fb) {
        const root = document.createElement("div");
        const add = (key, value) => {
            if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
                return;
            }
            const h = document.createElement("div");
            h.className = "fw-bold mt-2";
            h.textContent = msg(this.el, `fb_${key}`);
            root.append(h, renderValue(value));
        };
        if (typeof fb.pace === "number") {
            add("pace", `${Math.round(fb.pace)} ${msg(this.el, "wpm")}`);
        }
        add("overall", fb.overall);
        // items are {code, text} (strengths) or {code, message, suggestion}, worded by the server: show the words
        const tidy = (list) => (Array.isArray(list) ? list : []).map((x) =>
            x && typeof x === "object" && (x.message || x.text)
                ? [x.message || x.text, x.suggestion].filter(Boolean).join(" — ") : x);
        add("strengths", tidy(fb.strengths));
        add("improvements", tidy(fb.improvements));
        if (this.mode !== "text") {
            add("transcript", fb.transcript); // a typed answer is on the page already
        }
        const known = ["status", "overall", "strengths", "improvements", "pace", "transcript"];
        const rest = Object.fromEntries(Object.entries(fb).filter(([k]) => !known.includes(k)));
        if (Object.keys(rest).length) {
            root.append(renderValue(rest));
        }
        return root;
    },

    _onBegin() {
        this._startPrep();
    },
    _onRecordNow() {
        this._startRecording();
    },
    _onStop() {
        if (this.recorder) {
            this._stopRecording(false);
        }
    },
    _onRetake() {
        this.retake = true;
        show(this.q(".o_hrai_retake"), false);
        show(this.q(".o_hrai_next"), false);
        show(this.q(".o_hrai_feedback"), false);
        show(this.q(".o_hrai_upload_bar"), false);
        show(this.q(".o_hrai_switch_text"), true);
        if (this.mode === "text") {
            this.answerState = "";
            show(this.q(".o_hrai_send_text"), true);
            this.q(".o_hrai_text").focus();
            return;
        }
        this._startPrep();
    },

    // ---------------------------------------------------------------- text answers
    _updateCount() {
        const area = this.q(".o_hrai_text");
        if (area) {
            // the unit the page's hint gives: words for English answers, characters for Chinese
            const text = area.value.trim();
            const n = area.dataset.count === "words" ? (text.match(/\S+/g) || []).length : text.length;
            this.q(".o_hrai_text_count").textContent = String(n);
        }
    },

    async _onSendText() {
        const text = this.q(".o_hrai_text").value.trim();
        if (!text) {
            return;
        }
        const button = this.q(".o_hrai_send_text");
        button.disabled = true;
        try {
            const answer = await this.api.call("/answer", { json: { line_id: this.lineId, mode: "text", retake: DONE_STATES.includes(this.answerState) } }, { maxTries: 4 });
            this.answerId = answer.answer_id;
            this._setAttemptsLeft(answer.retakes_left);
            await this.api.call("/text", { json: { answer_id: this.answerId, text } }, { maxTries: 6 });
            this.answerState = "queued";
            show(button, false); // sent: a change now needs a retake
            this._status(msg(this.el, "text_sent"), "success");
            await this._afterAnswer(true);
        } catch (error) {
            this._status(`${msg(this.el, "upload_failed")} ${error.message}`, "danger");
        } finally {
            button.disabled = false;
        }
    },
});
