/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Camera/microphone access and MediaRecorder: WebM VP8 (else VP9) + Opus, MP4 on Safari, a keyframe about
// every second, 1 s timeslices written to IndexedDB as they come.
import { addPiece, putRecording } from "./hrai_store";

const VIDEO_TYPES = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm", "video/mp4"];
const AUDIO_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];

export function pickMimeType(mode) {
    if (!window.MediaRecorder) {
        return null;
    }
    const types = mode === "audio" ? AUDIO_TYPES : VIDEO_TYPES;
    return types.find((t) => MediaRecorder.isTypeSupported(t)) || null;
}

export async function openMedia(mode) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        const err = new Error("insecure or unsupported");
        err.name = window.isSecureContext === false ? "SecurityError" : "NotSupportedError";
        throw err;
    }
    return navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: mode === "video" ? { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } } : false,
    });
}

export function stopMedia(stream) {
    if (stream) {
        stream.getTracks().forEach((t) => t.stop());
    }
}

/** Records `stream` into the IndexedDB recording `rec` (already created by the caller). */
export class Recorder {
    constructor(stream, rec, mode) {
        this.stream = stream;
        this.rec = rec;
        this.mode = mode;
        this.seq = 0;
        this.writes = Promise.resolve();
    }

    start() {
        const mimeType = this.rec.mimetype;
        const options = {
            mimeType,
            audioBitsPerSecond: 64000,
            // Keyframes only at the start otherwise; ~1 s lets the server seek and decode robustly.
            videoKeyFrameIntervalDuration: 1000,
        };
        if (this.mode === "video") {
            options.videoBitsPerSecond = 1000000;
        }
        this.recorder = new MediaRecorder(this.stream, options);
        this.recorder.ondataavailable = (ev) => {
            if (ev.data && ev.data.size) {
                const seq = this.seq++;
                // Chained so pieces land in order even if one write is slow.
                this.writes = this.writes.then(() => addPiece(this.rec.key, seq, ev.data));
            }
        };
        this.stopped = new Promise((resolve) => (this.recorder.onstop = resolve));
        this.recorder.start(1000);
        this.startedAt = Date.now();
    }

    /** Stop, wait for the last piece to be stored, mark the recording complete. */
    async stop() {
        if (this.recorder && this.recorder.state !== "inactive") {
            this.recorder.stop();
        }
        await this.stopped;
        await this.writes;
        this.rec.state = "recorded";
        this.rec.duration = (Date.now() - this.startedAt) / 1000;
        await putRecording(this.rec);
        return this.rec;
    }
}
