/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Calls to the interview API (authenticated by the token in a header), with retry and exponential back-off on network
// failures and transient server errors; 4xx answers are final and carry a readable message.

export class ApiError extends Error {
    constructor(status, code, message, data) {
        super(message || code);
        this.status = status;
        this.code = code;
        this.data = data;
    }
}

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Worth retrying: no answer at all (network), a transient status, or a 404 that is not this API's own JSON
 * answer. While PostgreSQL is down or restarting, Odoo serves requests without a database, where no interview
 * route exists: its bare 404 means "not now", unlike the API's JSON 404 (unknown interview/upload). */
export function isTransient(error) {
    if (!(error instanceof ApiError)) {
        return true;
    }
    return TRANSIENT.has(error.status) || (error.status === 404 && error.code === "http_404");
}

export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Wait `ms`, or less when the browser reports it is back online. */
function backoffWait(ms) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            window.removeEventListener("online", done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        window.addEventListener("online", done);
    });
}

export class InterviewApi {
    constructor(interviewId, token) {
        this.base = `/ai-interview/${interviewId}/api`;
        this.token = token;
    }

    // The token travels in the X-Access-Token header only: URLs end up in logs, history and Referer headers.
    url(path) {
        return `${this.base}${path}`;
    }

    async _once(path, { method = "POST", json, body, headers = {} }) {
        const init = { method, headers: { "X-Access-Token": this.token, ...headers }, credentials: "same-origin" };
        if (json !== undefined) {
            init.body = JSON.stringify(json);
            init.headers["Content-Type"] = "application/json";
        } else if (body !== undefined) {
            init.body = body;
        }
        const resp = await fetch(this.url(path), init); // throws TypeError when offline
        let data = {};
        try {
            data = await resp.json();
        } catch {
            data = {};
        }
        if (!resp.ok) {
            const err = (data && data.error) || {};
            throw new ApiError(resp.status, err.code || "http_" + resp.status, err.message || resp.statusText, data);
        }
        return data;
    }

    /**
     * Call with retries: network errors and transient statuses are retried with back-off
     * (1 s, 2 s, 4 s … capped at 30 s, ±25 % jitter), forever unless `maxTries` is set.
     * `onRetry(attempt, error)` lets the page tell the candidate what is going on.
     */
    async call(path, options = {}, { maxTries = Infinity, onRetry } = {}) {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this._once(path, options);
            } catch (error) {
                if (!isTransient(error) || attempt >= maxTries) {
                    throw error;
                }
                if (onRetry) {
                    onRetry(attempt, error);
                }
                const base = Math.min(30000, 1000 * 2 ** (attempt - 1));
                await backoffWait(base * (0.75 + Math.random() * 0.5));
            }
        }
    }
}
