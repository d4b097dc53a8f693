"""A partner's website on its own 127.0.0.1 port (so a different origin than the API) that embeds the widget.

`/` embeds the widget with the one-line snippet and measures, in the page, when the widget is ready relative to
the load event; `/seite-2` is a second page of the same site (the conversation must survive the navigation);
`/beratung` embeds it inline in a section of the page, with the partner's greeting and colour.
"""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.live_server import free_port

# Records performance.now() at the load event and when <nrw-assistant> gets data-ready (set once it is shown).
TIMING_SCRIPT = """
<script>
  window.__timing = {};
  addEventListener("load", function () { window.__timing.load = performance.now(); });
  new MutationObserver(function () {
    if (!window.__timing.ready && document.querySelector("nrw-assistant[data-ready]")) {
      window.__timing.ready = performance.now();
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true});
</script>
"""

PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{timing}
<style>body {{ font-family: Georgia, serif; padding: 24px; }} button {{ font-size: 40px !important; }}</style>
</head><body>
<main><h1>{title}</h1><p>Eine Beispielseite eines Partners. <a href="/seite-2">Weiter zu Seite 2</a></p>{slot}</main>
<script src="{api}/widget.js" data-partner="{partner}" data-locale="de" async{options}></script>
</body></html>
"""
# The inline variant: rendered into a container of the page, with the partner's greeting and colour.
INLINE_OPTIONS = (' data-inline data-target="#beratung" data-accent="#8a1538"'
                  ' data-greeting="Willkommen bei der IHK Teststadt! Fragen Sie uns zur Förderung."')


class PartnerSite:
    def __init__(self, partner: str) -> None:
        self.port = free_port()
        self.api_url = ""  # set once the API server runs
        self.partner = partner
        self._server: ThreadingHTTPServer | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page(self, path: str) -> bytes | None:
        titles = {"/": "IHK Teststadt – Förderung", "/seite-2": "IHK Teststadt – Seite 2",
                  "/beratung": "IHK Teststadt – Beratung"}
        if path not in titles:
            return None
        inline = path == "/beratung"
        return PAGE.format(title=titles[path], timing=TIMING_SCRIPT, api=html.escape(self.api_url),
                           partner=html.escape(self.partner), options=INLINE_OPTIONS if inline else "",
                           slot='<section id="beratung" style="max-width:640px"></section>' if inline else ""
                           ).encode("utf-8")

    def start(self) -> PartnerSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = site.page(self.path.split("?")[0])
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
