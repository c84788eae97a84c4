/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Device check: camera preview, microphone level meter, a short upload speed test; the result goes to the
// server, which may switch the interview to text answers when no camera/microphone is available.
import publicWidget from "@web/legacy/js/public/public_widget";
import { InterviewApi } from "./hrai_api";
import { msg, show } from "./hrai_common";
import { openMedia, pickMimeType, stopMedia } from "./hrai_recorder";

const SPEEDTEST_BYTES = 256 * 1024;
const SLOW_KBPS = 1000; // ~1 Mbit/s: a 3-minute answer then takes about as long to upload as to record
const MIC_THRESHOLD = 0.02;

publicWidget.registry.HrAiDevice = publicWidget.Widget.extend({
    selector: ".o_hrai_device",
    events: {
        "click .o_hrai_retry": "_runChecks",
        "click .o_hrai_device_continue": "_onContinue",
        "click .o_hrai_text_mode": "_onTextMode",
    },

    start() {
        this.api = new InterviewApi(Number(this.el.dataset.interviewId), this.el.dataset.token);
        this.q = (sel) => this.el.querySelector(sel);
        this.result = {};
        this._runChecks();
        return this._super(...arguments);
    },

    destroy() {
        this._release();
        this._super(...arguments);
    },

    _release() {
        cancelAnimationFrame(this.raf);
        stopMedia(this.stream);
        this.stream = null;
        if (this.audioCtx) {
            this.audioCtx.close();
            this.audioCtx = null;
        }
    },

    _mark(cls, ok, text) {
        const li = this.q(cls);
        li.classList.toggle("text-success", ok === true);
        li.classList.toggle("text-danger", ok === false);
        li.querySelector(".o_hrai_icon").textContent = ok === true ? "✓" : ok === false ? "✗" : "…";
        if (text !== undefined) {
            li.dataset.detail = text;
        }
    },

    _help(text) {
        show(this.q(".o_hrai_device_help"), Boolean(text));
        this.q(".o_hrai_device_help_text").textContent = text || "";
    },

    async _runChecks() {
        this._release();
        this._help("");
        this.result = { user_agent: navigator.userAgent.slice(0, 300), screen: `${screen.width}x${screen.height}` };
        this.q(".o_hrai_device_continue").disabled = true;
        await Promise.all([this._checkMedia(), this._speedTest()]);
        this._update();
    },

    async _checkMedia() {
        try {
            this.stream = await openMedia("video");
        } catch (error) {
            this.result.camera = false;
            this.result.microphone = false;
            this.result.error = error.name;
            this._mark(".o_hrai_check_camera", false);
            this._mark(".o_hrai_check_mic", false);
            const key = error.name === "NotAllowedError" ? "media_denied" : error.name === "SecurityError" ? "secure" : "no_media";
            this._help(msg(this.el, key));
            this.q(".o_hrai_text_mode").classList.add("btn-warning");
            return;
        }
        const video = this.q("video.o_hrai_preview");
        video.srcObject = this.stream;
        const camOk = this.stream.getVideoTracks().some((t) => t.readyState === "live");
        this.result.camera = camOk;
        this.result.mimetype = pickMimeType("video");
        this._mark(".o_hrai_check_camera", camOk, camOk ? msg(this.el, "camera_ok") : "");
        this._meter();
    },

    _meter() {
        const AudioCtx = window.AudioContext || window.webkitAudioContext;
        if (!AudioCtx || !this.stream.getAudioTracks().length) {
            this.result.microphone = false;
            this._mark(".o_hrai_check_mic", false);
            return;
        }
        this.audioCtx = new AudioCtx();
        if (this.audioCtx.state === "suspended") {
            // Autoplay policy: resume on the first interaction.
            const resume = () => this.audioCtx && this.audioCtx.resume();
            document.addEventListener("click", resume, { once: true });
            this.audioCtx.resume().catch(() => {});
        }
        const analyser = this.audioCtx.createAnalyser();
        analyser.fftSize = 1024;
        this.audioCtx.createMediaStreamSource(this.stream).connect(analyser);
        const data = new Float32Array(analyser.fftSize);
        const bar = this.q(".o_hrai_meter");
        this.result.microphone = true; // a live track; "heard" says whether sound came through
        this.result.mic_level = 0;
        const started = Date.now();
        const loop = () => {
            analyser.getFloatTimeDomainData(data);
            const rms = Math.sqrt(data.reduce((s, v) => s + v * v, 0) / data.length);
            this.result.mic_level = Math.max(this.result.mic_level, Math.round(rms * 1000) / 1000);
            bar.style.width = `${Math.min(100, rms * 400)}%`;
            const heard = this.result.mic_level >= MIC_THRESHOLD;
            this._mark(".o_hrai_check_mic", heard ? true : undefined);
            if (!heard && Date.now() - started > 6000 && !this.warnedSilent) {
                this.warnedSilent = true;
                this._help(msg(this.el, "mic_silent"));
            }
            if (heard && this.warnedSilent) {
                this.warnedSilent = false;
                this._help("");
            }
            this.raf = requestAnimationFrame(loop);
        };
        loop();
    },

    async _speedTest() {
        const body = new Uint8Array(SPEEDTEST_BYTES);
        crypto.getRandomValues(body.subarray(0, 65536)); // incompressible enough for a rough figure
        const started = performance.now();
        try {
            await this.api.call("/speedtest", { body, headers: { "Content-Type": "application/octet-stream" } }, { maxTries: 2 });
            const seconds = Math.max(0.001, (performance.now() - started) / 1000);
            const kbps = Math.round((SPEEDTEST_BYTES * 8) / 1000 / seconds);
            this.result.upload_kbps = kbps;
            const slow = kbps < SLOW_KBPS;
            this._mark(".o_hrai_check_speed", !slow);
            this.q(".o_hrai_speed_value").textContent = `— ${msg(this.el, "speed")}: ${kbps} ${msg(this.el, "kbps")}`;
            if (slow) {
                this._help(msg(this.el, "speed_slow"));
            }
        } catch {
            this.result.upload_kbps = 0;
            this._mark(".o_hrai_check_speed", false);
            this._help(msg(this.el, "speed_failed"));
        }
    },

    _update() {
        const usable = this.result.camera || this.result.microphone;
        this.q(".o_hrai_device_continue").disabled = !usable || !this.result.upload_kbps;
        this.el.dataset.checked = usable ? "ok" : "no_media";
    },

    async _send(extra) {
        const data = await this.api.call("/device", { json: { ...this.result, ...extra } }, { maxTries: 4 });
        this._release();
        window.location.href = this.el.dataset.nextUrl;
        return data;
    },

    _onContinue() {
        this.q(".o_hrai_device_continue").disabled = true;
        this._send({ text_mode: false }).catch((error) => {
            this._help(error.message);
            this.q(".o_hrai_device_continue").disabled = false;
        });
    },

    _onTextMode() {
        this._send({ text_mode: true, camera: this.result.camera || false }).catch((error) => this._help(error.message));
    },
});
