/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Live monitoring: the interview list, kanban and form reload when the server announces that interviews
// changed (models/hr_ai_interview_live.py). Bursts are coalesced; a form with unsaved edits is left alone.
import { onMounted, onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formView } from "@web/views/form/form_view";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { listView } from "@web/views/list/list_view";

const NOTIFICATION = "hr_ai_interview/live";
const DELAY_MS = 400;

function useLiveReload(controller, { form = false } = {}) {
    const bus = useService("bus_service");
    let timer = null;
    const reload = async (ids) => {
        const root = controller.model.root;
        if (form) {
            if (!root.resId || !ids.includes(root.resId) || (await root.isDirty())) {
                return;
            }
            await root.load();
        } else {
            await controller.model.load();
        }
    };
    const onNotification = ({ interview_ids: ids = [] }) => {
        clearTimeout(timer);
        timer = setTimeout(() => reload(ids), DELAY_MS);
    };
    onMounted(() => {
        bus.subscribe(NOTIFICATION, onNotification);
        bus.start();
    });
    onWillUnmount(() => {
        clearTimeout(timer);
        bus.unsubscribe(NOTIFICATION, onNotification);
    });
}

class LiveListController extends listView.Controller {
    setup() {
        super.setup();
        useLiveReload(this);
    }
}

class LiveKanbanController extends kanbanView.Controller {
    setup() {
        super.setup();
        useLiveReload(this);
    }
}

class LiveFormController extends formView.Controller {
    setup() {
        super.setup();
        useLiveReload(this, { form: true });
    }
}

const views = registry.category("views");
views.add("hrai_live_list", { ...listView, Controller: LiveListController });
views.add("hrai_live_kanban", { ...kanbanView, Controller: LiveKanbanController });
views.add("hrai_live_form", { ...formView, Controller: LiveFormController });
