"""The widget's own budget: small (widget.js + CSS under 40 KB) and quick (launcher shown within 300 ms of the load
event), and unaffected by — and harmless to — the host page's CSS."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from assistant.settings import PROJECT_ROOT
from tests.browser.widget_page import open_page, part

BUDGET_BYTES = 40 * 1024
LAUNCHER_BUDGET_MS = 300


def test_widget_script_and_css_stay_under_40_kb(deployment):
    served = sum(len(httpx.get(f"{deployment.url}/{name}").content) for name in ("widget.js", "widget.css"))
    on_disk = sum((PROJECT_ROOT / "widget" / name).stat().st_size for name in ("widget.js", "widget.css"))
    assert served == on_disk  # what partners' pages load is exactly these two files
    assert on_disk < BUDGET_BYTES, f"widget.js + widget.css = {on_disk} bytes, budget {BUDGET_BYTES}"


def test_launcher_is_visible_within_300_ms_of_the_load_event(page, deployment):
    for attempt in ("first visit", "reload"):
        if attempt == "first visit":
            open_page(page, deployment.allowed_site.origin + "/")
        else:
            page.reload()
            expect(page.locator("nrw-assistant[data-ready]")).to_have_count(1)
        page.wait_for_function("window.__timing.load !== undefined && window.__timing.ready !== undefined")
        timing = page.evaluate("window.__timing")
        after_load = max(0.0, timing["ready"] - timing["load"])
        assert after_load <= LAUNCHER_BUDGET_MS, f"{attempt}: launcher shown {after_load:.0f} ms after load"
        launcher = part(page, ".launcher")
        expect(launcher).to_be_visible()
        assert page.evaluate("""() => {
          const b = document.querySelector('nrw-assistant').shadowRoot.querySelector('.launcher');
          const r = b.getBoundingClientRect();
          return b.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width >= 44 && r.height >= 44
            && r.right <= innerWidth && r.bottom <= innerHeight;
        }""")


def test_host_page_css_does_not_reach_the_widget_and_the_widget_adds_nothing_to_the_page(page, deployment):
    page.goto(deployment.url + "/")  # the demo site: hostile rules for button, p and the nrw-assistant element
    head_before = page.evaluate("document.head.children.length")
    expect(page.locator("nrw-assistant[data-ready]")).to_have_count(1)
    style = page.evaluate("""() => {
      const b = document.querySelector('nrw-assistant').shadowRoot.querySelector('.launcher');
      const s = getComputedStyle(b);
      return {size: s.fontSize, style: s.fontStyle, spacing: s.letterSpacing, transform: s.textTransform,
              background: s.backgroundColor, color: s.color};
    }""")
    assert style == {"size": "15px", "style": "normal", "spacing": "normal", "transform": "none",
                     "background": "rgb(0, 90, 156)", "color": "rgb(255, 255, 255)"}, style
    assert page.evaluate("document.head.children.length") == head_before
    assert page.evaluate("getComputedStyle(document.querySelector('main p')).letterSpacing") == "2px"


def test_reduced_motion_turns_the_animation_off(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    animation = """() => {
      const log = document.querySelector('nrw-assistant').shadowRoot.querySelector('.log');
      const probe = document.createElement('div'); probe.className = 'msg bot thinking'; log.appendChild(probe);
      const name = getComputedStyle(probe, '::after').animationName; probe.remove(); return name;
    }"""
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(animation) == "pulse"  # the "thinking" dots pulse …
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(animation) == "none"  # … unless the user asked for less motion
