/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Small helpers shared by the page widgets.

/** A message of the page's hidden message block (rendered server-side, so already translated). */
export function msg(root, key) {
    const el = root.querySelector(`.o_hrai_msgs [data-msg="${key}"]`);
    return el ? el.textContent.trim() : key;
}

export function fmtTime(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function show(el, visible = true) {
    if (el) {
        el.classList.toggle("d-none", !visible);
    }
}

/** Render a feedback value (string, number, list or object) as simple, safe DOM. */
export function renderValue(value) {
    if (Array.isArray(value)) {
        const ul = document.createElement("ul");
        ul.className = "mb-1";
        value.forEach((v) => {
            const li = document.createElement("li");
            li.append(renderValue(v));
            ul.append(li);
        });
        return ul;
    }
    if (value && typeof value === "object") {
        const dl = document.createElement("dl");
        dl.className = "row mb-1";
        for (const [k, v] of Object.entries(value)) {
            const dt = document.createElement("dt");
            dt.className = "col-sm-4";
            dt.textContent = k.replace(/_/g, " ");
            const dd = document.createElement("dd");
            dd.className = "col-sm-8 mb-1";
            dd.append(renderValue(v));
            dl.append(dt, dd);
        }
        return dl;
    }
    return document.createTextNode(typeof value === "number" ? String(Math.round(value * 100) / 100) : String(value ?? ""));
}
