/* NRW Innovation Assistant – chat widget (first version).
 * Embed with one line:
 *   <script src="https://HOST/widget.js" data-partner="ihk-bielefeld" data-locale="de" async></script>
 * A custom element in a Shadow DOM: host CSS cannot break it, it cannot break the host page.
 * Every server text is inserted as text nodes; the only markup produced is bold, lists, and [n] links. */
(function () {
  "use strict";
  if (customElements.get("nrw-assistant")) return;

  var script = document.currentScript;
  var apiBase = script ? new URL(script.src, location.href).origin : location.origin;

  var LABELS = {
    de: {
      title: "Förder-Assistent NRW", open: "Förder-Assistent öffnen", close: "Schließen",
      placeholder: "Ihre Frage zu Förderprogrammen …", send: "Senden",
      greeting: "Guten Tag! Ich helfe Ihnen, passende Förderprogramme und Ansprechpartner in NRW zu finden.",
      disclosure: "Automatisierter Assistent (KI) – keine verbindliche Beratung.",
      sources: "Quellen", asOf: "Stand", page: "S.", open_s: "offen", closed_s: "beendet", unknown_s: "Status unklar",
      error: "Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.", thinking: "Suche in den Quellen …"
    },
    en: {
      title: "NRW funding assistant", open: "Open funding assistant", close: "Close",
      placeholder: "Your question about funding programmes …", send: "Send",
      greeting: "Hello! I help you find funding programmes and contacts in North Rhine-Westphalia.",
      disclosure: "Automated assistant (AI) – not binding advice.",
      sources: "Sources", asOf: "as of", page: "p.", open_s: "open", closed_s: "ended", unknown_s: "status unclear",
      error: "Sorry, that did not work. Please try again.", thinking: "Searching the sources …"
    }
  };

  var CSS = [
    ":host{all:initial;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a}",
    ".launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;",
    "background:var(--nrwa-accent,#005a9c);color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}",
    ".panel{position:fixed;right:20px;bottom:90px;width:380px;max-width:calc(100vw - 24px);height:560px;",
    "max-height:calc(100vh - 110px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);",
    "display:flex;flex-direction:column;overflow:hidden;z-index:2147483000}",
    ".panel[hidden]{display:none}",
    ".inline .panel{position:static;width:100%;max-width:none;height:600px;box-shadow:0 1px 4px rgba(0,0,0,.2)}",
    "header{background:var(--nrwa-accent,#005a9c);color:#fff;padding:10px 14px;display:flex;align-items:center;justify-content:space-between}",
    "header h2{font-size:16px;margin:0}",
    "header button{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer}",
    ".disclosure{font-size:12px;background:#fff8e1;color:#5d4200;padding:6px 14px;margin:0}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}",
    ".msg{padding:8px 12px;border-radius:10px;max-width:92%;line-height:1.45;font-size:14px;white-space:normal;word-wrap:break-word}",
    ".user{align-self:flex-end;background:#e3eefa}",
    ".bot{align-self:flex-start;background:#f3f3f3}",
    ".bot ul{margin:4px 0;padding-left:18px}",
    ".cite{color:#004a80;font-weight:600;text-decoration:none;font-size:12px;vertical-align:super}",
    ".cards{display:flex;flex-direction:column;gap:6px;margin-top:6px}",
    ".card{border:1px solid #d0d7de;border-radius:8px;padding:6px 8px;font-size:13px;background:#fff}",
    ".badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:11px;font-weight:600;margin-left:6px}",
    ".b-open{background:#d8f3dc;color:#1b5e20}.b-closed{background:#fde2e1;color:#8b1a1a}.b-unknown{background:#eee;color:#333}",
    ".sources{font-size:12px;margin-top:6px}.sources a{color:#004a80}",
    "form{display:flex;border-top:1px solid #ddd}",
    "textarea{flex:1;border:0;padding:10px;font:inherit;font-size:14px;resize:none;height:44px}",
    "form button{border:0;background:var(--nrwa-accent,#005a9c);color:#fff;padding:0 16px;font:inherit;cursor:pointer}",
    "button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100vh;max-height:100vh;border-radius:0}}",
    "@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}"
  ].join("");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function safeUrl(url) {
    try {
      var u = new URL(url, location.href);
      return (u.protocol === "https:" || u.protocol === "http:") ? u.href : null;
    } catch (e) { return null; }
  }

  /* Inline Markdown subset → DOM: **bold**, _italic_, [n] citation links. Everything else is text. */
  function renderInline(parent, text, citations) {
    var re = /\*\*([^*]+)\*\*|_([^_]+)_|\[(\d{1,2})\]/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] != null) parent.appendChild(el("strong", null, m[1]));
      else if (m[2] != null) parent.appendChild(el("em", null, m[2]));
      else {
        var c = citations.filter(function (x) { return String(x.id) === m[3]; })[0];
        var href = c && safeUrl(c.page ? c.url + "#page=" + c.page : c.url);
        if (href) {
          var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer", class: "cite", title: c.title }, "[" + m[3] + "]");
          parent.appendChild(a);
        } else parent.appendChild(document.createTextNode(m[0]));
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderMarkdown(container, text, citations) {
    container.textContent = "";
    var list = null;
    text.split("\n").forEach(function (line) {
      if (/^(Quellen|Sources):$/.test(line.trim())) { list = null; return; }
      if (/^\[\d+\] /.test(line.trim())) return; // the source list is rendered from citations below
      if (/^\s*- /.test(line)) {
        if (!list) { list = el("ul"); container.appendChild(list); }
        var li = el("li"); renderInline(li, line.replace(/^\s*- /, ""), citations); list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) return;
      var p = el("p", { style: "margin:4px 0" }); renderInline(p, line, citations); container.appendChild(p);
    });
  }

  class NrwAssistant extends HTMLElement {
    connectedCallback() {
      if (this._ready) return;
      this._ready = true;
      var locale = (this.getAttribute("locale") || "de").slice(0, 2);
      this.t = LABELS[locale] || LABELS.de;
      this.locale = LABELS[locale] ? locale : "de";
      this.partner = this.getAttribute("partner") || "";
      this.storeKey = "nrwa:" + this.partner;
      var root = this.attachShadow({ mode: "open" });
      var style = el("style"); style.textContent = CSS; root.appendChild(style);
      var wrap = el("div", { class: this.hasAttribute("inline") ? "inline" : "bubble", part: "wrap" });
      root.appendChild(wrap);
      if (this.getAttribute("accent")) this.style.setProperty("--nrwa-accent", this.getAttribute("accent"));

      if (!this.hasAttribute("inline")) {
        this.launcher = el("button", { class: "launcher", "aria-label": this.t.open, "aria-expanded": "false" }, "💬");
        this.launcher.addEventListener("click", this.toggle.bind(this));
        wrap.appendChild(this.launcher);
      }
      this.panel = el("section", { class: "panel", role: "dialog", "aria-label": this.t.title });
      if (!this.hasAttribute("inline")) this.panel.hidden = true;
      var header = el("header");
      header.appendChild(el("h2", null, this.t.title));
      if (!this.hasAttribute("inline")) {
        var close = el("button", { "aria-label": this.t.close }, "×");
        close.addEventListener("click", this.toggle.bind(this));
        header.appendChild(close);
      }
      this.panel.appendChild(header);
      this.panel.appendChild(el("p", { class: "disclosure" }, this.t.disclosure));
      this.log = el("div", { class: "log", role: "log", "aria-live": "polite" });
      this.panel.appendChild(this.log);
      var form = el("form");
      var label = el("label", { class: "sr", for: "nrwa-input" }, this.t.placeholder);
      this.input = el("textarea", { id: "nrwa-input", placeholder: this.t.placeholder, maxlength: "4000", rows: "1" });
      this.input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
      });
      form.appendChild(label); form.appendChild(this.input);
      form.appendChild(el("button", { type: "submit" }, this.t.send));
      form.addEventListener("submit", this.onSubmit.bind(this));
      this.panel.appendChild(form);
      wrap.appendChild(this.panel);

      var saved = this.load();
      this.sessionId = saved.sessionId || null;
      if (saved.messages && saved.messages.length) saved.messages.forEach(this.replay.bind(this));
      else this.addBot({ answer: this.getAttribute("greeting") || this.t.greeting, citations: [], programs: [] }, false);
      this.setAttribute("data-ready", "true");
    }

    load() { try { return JSON.parse(sessionStorage.getItem(this.storeKey) || "{}"); } catch (e) { return {}; } }
    save(entry) {
      var s = this.load(); s.sessionId = this.sessionId; s.messages = (s.messages || []).concat([entry]).slice(-40);
      try { sessionStorage.setItem(this.storeKey, JSON.stringify(s)); } catch (e) { /* storage full or blocked */ }
    }
    replay(m) { if (m.role === "user") this.addUser(m.text, false); else this.addBot(m.reply, false); }

    toggle() {
      var open = this.panel.hidden;
      this.panel.hidden = !open;
      if (this.launcher) this.launcher.setAttribute("aria-expanded", String(open));
      if (open) this.input.focus(); else if (this.launcher) this.launcher.focus();
    }

    addUser(text, store) {
      this.log.appendChild(el("div", { class: "msg user" }, text));
      if (store !== false) this.save({ role: "user", text: text });
    }

    addBot(reply, store) {
      var box = el("div", { class: "msg bot" });
      this.fillBot(box, reply);
      this.log.appendChild(box);
      this.log.scrollTop = this.log.scrollHeight;
      if (store !== false) this.save({ role: "bot", reply: reply });
      return box;
    }

    fillBot(box, reply) {
      var t = this.t;
      var body = el("div"); renderMarkdown(body, reply.answer || "", reply.citations || []);
      box.textContent = ""; box.appendChild(body);
      if (reply.programs && reply.programs.length) {
        var cards = el("div", { class: "cards" });
        reply.programs.forEach(function (p) {
          var card = el("div", { class: "card", "data-program": p.id });
          var name = el("strong", null, p.name); card.appendChild(name);
          var status = p.status === "open" ? "open" : p.status === "closed" ? "closed" : "unknown";
          card.appendChild(el("span", { class: "badge b-" + status }, t[status + "_s"]));
          card.appendChild(el("div", null, [p.funding_type, p.level, p.provider].filter(Boolean).join(" · ")));
          if (p.as_of) card.appendChild(el("div", null, t.asOf + ": " + p.as_of));
          cards.appendChild(card);
        });
        box.appendChild(cards);
      }
      if (reply.citations && reply.citations.length) {
        var src = el("div", { class: "sources" });
        src.appendChild(el("div", null, t.sources + ":"));
        reply.citations.forEach(function (c) {
          var href = safeUrl(c.page ? c.url + "#page=" + c.page : c.url);
          var line = el("div");
          line.appendChild(document.createTextNode("[" + c.id + "] "));
          if (href) line.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, c.title));
          else line.appendChild(document.createTextNode(c.title));
          var extra = (c.page ? ", " + t.page + " " + c.page : "") + (c.as_of ? " (" + t.asOf + " " + c.as_of + ")" : "");
          line.appendChild(document.createTextNode(extra));
          src.appendChild(line);
        });
        box.appendChild(src);
      }
    }

    async onSubmit(event) {
      event.preventDefault();
      var text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.addUser(text);
      var box = this.addBot({ answer: this.t.thinking }, false);
      try {
        var reply = await this.stream(text, box);
        this.sessionId = reply.session_id;
        this.fillBot(box, reply);
        this.save({ role: "bot", reply: reply });
      } catch (e) {
        box.textContent = this.t.error;
      }
      this.log.scrollTop = this.log.scrollHeight;
    }

    async stream(text, box) {
      var res = await fetch(apiBase + "/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
        body: JSON.stringify({ message: text, session_id: this.sessionId, locale: this.locale })
      });
      if (!res.ok || !res.body) throw new Error("HTTP " + res.status);
      var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = "", shown = "", final = null;
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        var events = buffer.split("\n\n"); buffer = events.pop();
        events.forEach(function (raw) {
          var name = (raw.match(/^event: (.*)$/m) || [])[1], data = (raw.match(/^data: (.*)$/m) || [])[1];
          if (!data) return;
          var payload = JSON.parse(data);
          if (name === "delta") { shown += payload.text; box.textContent = shown; }
          if (name === "final") final = payload;
        });
      }
      if (!final) throw new Error("no final event");
      return final;
    }
  }

  customElements.define("nrw-assistant", NrwAssistant);

  // The script tag itself configures one widget instance unless the page placed the element itself.
  function mount() {
    if (!script || document.querySelector("nrw-assistant")) return;
    var node = document.createElement("nrw-assistant");
    ["partner", "locale", "greeting", "accent"].forEach(function (k) {
      var v = script.getAttribute("data-" + k); if (v) node.setAttribute(k, v);
    });
    if (script.hasAttribute("data-inline")) node.setAttribute("inline", "");
    document.body.appendChild(node);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
