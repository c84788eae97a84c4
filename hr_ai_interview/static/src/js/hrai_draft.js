/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Draft pad (草稿纸) of a question: every keystroke goes to localStorage at once (survives a reload or a
// crash), and to the server (answer._save_draft) after a short pause (survives a change of device).
import { msg } from "./hrai_common";

const SAVE_DELAY = 1500;

export class DraftPad {
    /** `page` is the question widget: it owns the API, the question and the current answer id. */
    constructor(page, serverText) {
        this.page = page;
        this.area = page.el.querySelector(".o_hrai_draft");
        this.key = `hrai-draft:${page.interviewId}:${page.lineId}`;
        let local = null;
        try {
            local = JSON.parse(localStorage.getItem(this.key) || "null");
        } catch {
            local = null;
        }
        // The textarea is rendered empty: text in it now was typed before this script ran (slow network,
        // assets still loading) and must win over older copies, or the candidate's first notes vanish.
        const typed = this.area.value;
        this.area.value = typed || (local && typeof local.text === "string" ? local.text : serverText);
        this.onInput = () => this.input();
        this.area.addEventListener("input", this.onInput);
        if (typed) {
            this.input();
        }
    }

    destroy() {
        clearTimeout(this.timer);
        this.area.removeEventListener("input", this.onInput);
    }

    input() {
        const text = this.area.value;
        try {
            localStorage.setItem(this.key, JSON.stringify({ text, t: Date.now() }));
        } catch {
            // storage full or disabled: the server copy below still keeps it
        }
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.save(text), SAVE_DELAY);
    }

    async save(text) {
        const page = this.page;
        try {
            if (!page.answerId) {
                const answer = await page.api.call("/answer", { json: { line_id: page.lineId, mode: page.mode } }, { maxTries: 3 });
                page.answerId = answer.answer_id;
            }
            await page.api.call("/draft", { json: { answer_id: page.answerId, text } }, { maxTries: 3 });
            const state = page.el.querySelector(".o_hrai_draft_state");
            state.textContent = `${msg(page.el, "saved_draft")} ${new Date().toLocaleTimeString()}`;
        } catch {
            // kept in localStorage; the next keystroke tries again
        }
    }
}
