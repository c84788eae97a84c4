/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// IndexedDB queue of recordings: every MediaRecorder timeslice piece is written here as it arrives, so a
// reload, a crash or a dropped connection never loses an answer; the upload later reads them back in order.
// Falls back to memory when IndexedDB is unavailable (some private browsing modes).

const DB_NAME = "hr_ai_interview";
const DB_VERSION = 1;
let dbPromise = null;
const memory = { recordings: new Map(), pieces: new Map() };

function openDb() {
    if (!dbPromise) {
        dbPromise = new Promise((resolve) => {
            if (!window.indexedDB) {
                resolve(null);
                return;
            }
            const req = indexedDB.open(DB_NAME, DB_VERSION);
            req.onupgradeneeded = () => {
                const db = req.result;
                db.createObjectStore("recordings", { keyPath: "key" });
                db.createObjectStore("pieces", { keyPath: ["key", "seq"] });
            };
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => resolve(null);
            req.onblocked = () => resolve(null);
        });
    }
    return dbPromise;
}

function run(db, stores, mode, fn) {
    return new Promise((resolve, reject) => {
        const tx = db.transaction(stores, mode);
        let result;
        Promise.resolve(fn(tx)).then((r) => (result = r));
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
    });
}

function req2promise(req) {
    return new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
    });
}

export async function putRecording(rec) {
    const db = await openDb();
    if (!db) {
        memory.recordings.set(rec.key, { ...rec });
        return;
    }
    await run(db, ["recordings"], "readwrite", (tx) => tx.objectStore("recordings").put(rec));
}

export async function getRecording(key) {
    const db = await openDb();
    if (!db) {
        return memory.recordings.get(key) || null;
    }
    return run(db, ["recordings"], "readonly", (tx) => req2promise(tx.objectStore("recordings").get(key)));
}

/** Recordings not uploaded yet whose key starts with `prefix` (e.g. "<interview>:<line>:"). */
export async function pendingRecordings(prefix) {
    const db = await openDb();
    let all;
    if (!db) {
        all = [...memory.recordings.values()];
    } else {
        all = await run(db, ["recordings"], "readonly", (tx) => req2promise(tx.objectStore("recordings").getAll()));
    }
    return all.filter((r) => r.key.startsWith(prefix) && r.state !== "uploaded").sort((a, b) => a.createdAt - b.createdAt);
}

export async function addPiece(key, seq, blob) {
    const db = await openDb();
    if (!db) {
        memory.pieces.set(`${key}#${seq}`, { key, seq, blob });
        return;
    }
    await run(db, ["pieces"], "readwrite", (tx) => tx.objectStore("pieces").put({ key, seq, blob }));
}

/** The recorded pieces of one recording, in recording order. */
export async function getPieces(key) {
    const db = await openDb();
    let rows;
    if (!db) {
        rows = [...memory.pieces.values()].filter((p) => p.key === key);
    } else {
        const range = IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);
        rows = await run(db, ["pieces"], "readonly", (tx) => req2promise(tx.objectStore("pieces").getAll(range)));
    }
    return rows.sort((a, b) => a.seq - b.seq).map((p) => p.blob);
}

export async function deleteRecording(key) {
    const db = await openDb();
    if (!db) {
        memory.recordings.delete(key);
        for (const k of [...memory.pieces.keys()]) {
            if (k.startsWith(`${key}#`)) {
                memory.pieces.delete(k);
            }
        }
        return;
    }
    const range = IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);
    await run(db, ["recordings", "pieces"], "readwrite", (tx) => {
        tx.objectStore("recordings").delete(key);
        tx.objectStore("pieces").delete(range);
    });
}
