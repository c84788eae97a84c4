/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Guide page: the start link carries the browser's time zone, so that times are shown in the candidate's zone
// when neither their contact nor the company has one (the server validates and stores it).
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.HrAiLanding = publicWidget.Widget.extend({
    selector: ".o_hrai_landing",

    start() {
        const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const link = this.el.querySelector(".o_hrai_start");
        if (tz && link) {
            const url = new URL(link.href, window.location.href);
            url.searchParams.set("tz", tz);
            link.href = url.pathname + url.search;
        }
        return this._super(...arguments);
    },
});
