/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Resumable upload of one recorded answer: init (server says which chunks it already has), numbered
// chunks each with its SHA-256 (re-sending one is harmless: the server is idempotent), then complete
// (the server checks the whole-file SHA-256 it computed while the chunks arrived; once it answers, the
// recording is received and a server job stores it, so the local copy can go). A reload resumes from the
// `received` list; a dropped connection retries the current chunk with back-off.
import { ApiError } from "./hrai_api";
import { deleteRecording, getPieces, getRecording, putRecording } from "./hrai_store";

const KB = 1024;

/** Chunk size proposal (the server's answer wins): about 8+ pieces so that even a short answer resumes at a
 * fine grain and shows progress, at most 1 MB so a piece is quick to re-send on a poor connection. The server
 * accepts 64 KB to 8 MB. */
export function chunkSizeFor(size) {
    const target = Math.ceil(size / 8 / (64 * KB)) * 64 * KB;
    return Math.min(1024 * KB, Math.max(64 * KB, target));
}

export async function sha256Hex(data) {
    const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
    const digest = await crypto.subtle.digest("SHA-256", buffer);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The recording as one Blob, assembled from its pieces in order (pieces are not decodable alone). */
export async function assembledBlob(rec) {
    const pieces = await getPieces(rec.key);
    return new Blob(pieces, { type: rec.mimetype });
}

/**
 * Upload the stored recording `key`. Callbacks: onProgress(fraction), onStatus(kind, detail) with kind in
 * "uploading" | "retrying" | "offline". Resolves with the server's completion result; rejects with ApiError
 * on a final error (bad type, too large, checksum mismatch…).
 */
export async function uploadRecording(api, key, { onProgress = () => {}, onStatus = () => {} } = {}) {
    const rec = await getRecording(key);
    if (!rec) {
        throw new ApiError(404, "missing", "recording not found on this device");
    }
    const blob = await assembledBlob(rec);
    if (!blob.size) {
        throw new ApiError(400, "empty", "the recording is empty");
    }
    if (!rec.sha256 || rec.size !== blob.size) {
        rec.sha256 = await sha256Hex(blob);
        rec.size = blob.size;
        await putRecording(rec);
    }
    const retry = {
        onRetry: (attempt, error) => onStatus(navigator.onLine === false ? "offline" : "retrying", error),
    };
    const mimetype = rec.mimetype.split(";")[0];
    // Rounds: normally one. Another when the server still misses pieces at completion (e.g. an upload
    // expired on the server), and one fresh upload when assembly failed (the server dropped the chunks).
    let lastError = null;
    for (let round = 0; round < 3; round++) {
        const init = await api.call("/upload/init", {
            json: { answer_id: rec.answerId, total_size: blob.size, mimetype, chunk_size: chunkSizeFor(blob.size), sha256: rec.sha256 },
        }, retry);
        rec.uploadId = init.upload_id;
        await putRecording(rec);
        onStatus("uploading");
        const done = new Set(init.received || []);
        onProgress(done.size / init.total_chunks);
        let restart = false;
        for (let index = 0; index < init.total_chunks && !restart; index++) {
            if (done.has(index)) {
                continue; // the server already has it (resume after a reload or a lost response)
            }
            const piece = blob.slice(index * init.chunk_size, Math.min(blob.size, (index + 1) * init.chunk_size));
            const digest = await sha256Hex(piece);
            try {
                await api.call(`/upload/${init.upload_id}/chunk/${index}`, {
                    method: "PUT",
                    body: piece,
                    headers: { "Content-Type": "application/octet-stream", "X-Chunk-SHA256": digest },
                }, retry);
            } catch (error) {
                if (error instanceof ApiError && error.status === 404) {
                    lastError = error;
                    restart = true; // upload unknown or closed on the server: init again
                    continue;
                }
                throw error;
            }
            done.add(index);
            onStatus("uploading");
            onProgress(done.size / init.total_chunks);
        }
        if (restart) {
            continue;
        }
        try {
            const result = await api.call(`/upload/${init.upload_id}/complete`, { json: {} }, retry);
            await deleteRecording(key);
            onProgress(1);
            return result;
        } catch (error) {
            if (!(error instanceof ApiError) || error.code !== "upload_failed") {
                throw error;
            }
            lastError = error;
        }
    }
    throw lastError;
}
