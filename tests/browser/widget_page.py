"""Small helpers to drive the widget like a user (Playwright's CSS locators reach into open shadow roots)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

WIDGET = "nrw-assistant"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(f"{WIDGET}[data-ready]")).to_have_count(1)


def part(page: Page, selector: str) -> Locator:
    return page.locator(f"{WIDGET} {selector}")


def open_panel(page: Page) -> None:
    part(page, ".launcher").click()
    expect(part(page, ".panel")).to_be_visible()


def last_bot(page: Page) -> Locator:
    return part(page, ".msg.bot").last


def ask(page: Page, question: str) -> Locator:
    """Type a question, send it with Enter and wait until the answer is complete; returns its message element."""
    before = part(page, ".msg.bot").count()
    box = part(page, "form.ask textarea")
    box.fill(question)
    box.press("Enter")
    expect(part(page, ".msg.bot")).to_have_count(before + 1)
    answer = last_bot(page)
    expect(answer).not_to_have_attribute("aria-busy", "true", timeout=30_000)
    return answer


def shadow_html_scan(page: Page) -> dict:
    """Everything in the widget's shadow root (and the page) that could run code."""
    return page.evaluate("""() => {
      const roots = [document];
      document.querySelectorAll('*').forEach(n => { if (n.shadowRoot) roots.push(n.shadowRoot); });
      const found = {handlers: [], scripts: 0, images: 0, jsLinks: [], iframes: 0};
      for (const root of roots) {
        root.querySelectorAll('*').forEach(n => {
          for (const a of n.attributes) {
            if (a.name.toLowerCase().startsWith('on')) found.handlers.push(n.tagName + ' ' + a.name);
            if (/^\\s*javascript:/i.test(a.value)) found.jsLinks.push(n.tagName + ' ' + a.name + '=' + a.value);
          }
        });
        if (root !== document) {
          found.scripts += root.querySelectorAll('script').length;
          found.images += root.querySelectorAll('img, svg image, object, embed').length;
          found.iframes += root.querySelectorAll('iframe').length;
        }
      }
      return found;
    }""")


FOCUSED = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  const style = getComputedStyle(a);
  return {tag: a.tagName.toLowerCase(), cls: typeof a.className === 'string' ? a.className : '',
          name: (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 80), href: a.getAttribute('href'),
          inWidget: a.getRootNode() !== document, outline: style.outlineStyle + ' ' + style.outlineWidth,
          ring: style.boxShadow};
}"""


def focused(page: Page) -> dict:
    """The element that has the keyboard focus, looking through shadow roots, with its focus styles."""
    return page.evaluate(FOCUSED)


def tab_to(page: Page, wanted, backwards: bool = False, limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until wanted(focused element) holds; fails after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted(now):
            return now
        seen.append(f"{now['tag']}.{now['cls']} {now['name'][:30]!r}")
    raise AssertionError(f"never reached the element by keyboard; focus went: {seen}")
