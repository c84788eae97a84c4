"""WCAG 2.1 A/AA checks of a page with axe-core (installed by the harness into e2e/node_modules, see
tools/common.py:ensure_axe), injected by Playwright into the page under test."""
import os

AXE_JS = os.environ.get("HRAI_E2E_AXE") or os.path.join(os.path.dirname(__file__), "node_modules", "axe-core",
                                                        "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def axe_violations(page):
    """Serious and critical WCAG 2.1 A/AA violations of the page as it is now: [(rule id, impact, targets)]."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=AXE_JS)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"] if v["impact"] in BLOCKING]
