/* NRW Innovation Assistant – chat widget for partner websites. No framework, no build step, no third-party request.
 * Embed with one line:
 *   <script src="https://HOST/widget.js" data-partner="ihk-bielefeld" data-locale="de" async></script>
 * Options as data-* on the script tag, or as attributes of an <nrw-assistant> element placed by the page:
 *   partner, locale (de|en), greeting, accent, accent-text, position (right|left), inline (+ target: CSS selector
 *   of the element to render into).
 * Safety: every text from the server becomes a text node, or goes through the strict Markdown subset below
 * (**bold**, _italic_, "- " lists, [n] citation links); links are http(s) only. Nothing is parsed as HTML.
 * Privacy: the conversation is kept in sessionStorage only (gone when the tab closes); no cookies. */
(function () {
  "use strict";
  if (!window.customElements || customElements.get("nrw-assistant")) return;

  var script = document.currentScript;
  var BASE = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var uid = 0;

  var L = {
    de: {
      title: "Förder-Assistent NRW", launch: "Förder-Assistent", open: "Förder-Assistent öffnen", close: "Schließen",
      lang: "English", langCode: "en", langLabel: "Switch to English", reset: "Neu", resetLabel: "Neu: Gespräch neu beginnen",
      disclosure: "KI-Assistent: Antworten entstehen automatisch aus öffentlichen Quellen und sind keine verbindliche Förderberatung.",
      privacy: "Datenschutz", input: "Ihre Frage", placeholder: "Ihre Frage zu Förderprogrammen …", send: "Senden",
      greeting: "Guten Tag! Ich helfe Ihnen, passende Förderprogramme und Ansprechpartner in NRW zu finden. Wobei geht es?",
      thinking: "Suche in den Quellen", sources: "Quellen", asOf: "Stand", page: "S.",
      st_open: "offen", st_closed: "beendet", st_unknown: "Status bitte prüfen",
      programs: "Förderprogramme", partners: "Ansprechpartner", details: "Details", hide: "Details ausblenden",
      loading: "Lädt …", amount: "Förderhöhe", targets: "Zielgruppen", topics: "Themen", region: "Region",
      ended: "Beendet am", successor: "Nachfolger", uncertain: "Bitte prüfen", official: "Offizielle Seite",
      provider: "Anbieter", rules: "Voraussetzungen", note: "Hinweis", stale: "Stand {d} – bitte beim Anbieter prüfen",
      undated: "Quelle ohne Datum, gesichtet am {d}",
      website: "Website", contact: "Kontakt aufnehmen", name: "Name", email: "E-Mail", company: "Firma (optional)",
      phone: "Telefon (optional)", message: "Ihr Anliegen",
      consent: "Ich willige ein, dass meine Angaben aus diesem Formular an {p} übermittelt werden, damit man mich zu meinem Anliegen kontaktiert. Die Einwilligung ist freiwillig.",
      hsend: "Anfrage senden", cancel: "Abbrechen",
      hdone: "Danke! Ihre Anfrage wurde an {p} übermittelt. Ihre Referenz: {r}",
      hunavail: "Die Kontaktaufnahme über den Assistenten ist für diesen Partner nicht eingerichtet. Bitte nutzen Sie die Kontaktdaten oben.",
      helpful: "War die Antwort hilfreich?", up: "Ja, hilfreich", down: "Nein, nicht hilfreich",
      comment: "Kommentar (optional)", fbsend: "Feedback senden", fbthanks: "Danke für Ihr Feedback!",
      chips: "Rückfragen", answerTo: "Ihre Antwort auf: {q}",
      e_net: "Der Assistent ist gerade nicht erreichbar – oder auf dieser Website nicht freigeschaltet.",
      e_origin: "Der Assistent ist für diese Website nicht freigeschaltet.",
      e_limit: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.",
      e_busy: "Der Assistent ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
      e_check: "Bitte prüfen Sie Ihre Angaben (z. B. die E-Mail-Adresse).",
      e_any: "Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.",
      types: { ihk: "IHK", hwk: "Handwerkskammer", regional_agency: "Regionalagentur", wirtschaftsfoerderung: "Wirtschaftsförderung", statewide: "landesweit" }
    },
    en: {
      title: "NRW funding assistant", launch: "Funding assistant", open: "Open the funding assistant", close: "Close",
      lang: "Deutsch", langCode: "de", langLabel: "Auf Deutsch umschalten", reset: "New", resetLabel: "New: start a new conversation",
      disclosure: "AI assistant: answers are generated automatically from public sources and are not binding funding advice.",
      privacy: "Privacy", input: "Your question", placeholder: "Your question about funding programmes …", send: "Send",
      greeting: "Hello! I help you find funding programmes and contacts in North Rhine-Westphalia. What is it about?",
      thinking: "Searching the sources", sources: "Sources", asOf: "as of", page: "p.",
      st_open: "open", st_closed: "ended", st_unknown: "status: please check",
      programs: "Funding programmes", partners: "Contacts", details: "Details", hide: "Hide details",
      loading: "Loading …", amount: "Amount", targets: "Target groups", topics: "Topics", region: "Region",
      ended: "Ended on", successor: "Successor", uncertain: "Please check", official: "Official page",
      provider: "Provider", rules: "Requirements", note: "Note", stale: "as of {d} – please check with the provider",
      undated: "undated source, read on {d}",
      website: "Website", contact: "Get in touch", name: "Name", email: "E-mail", company: "Company (optional)",
      phone: "Phone (optional)", message: "Your request",
      consent: "I agree that the details in this form are passed on to {p} so that they can contact me about my request. Consent is voluntary.",
      hsend: "Send request", cancel: "Cancel",
      hdone: "Thank you! Your request was passed on to {p}. Your reference: {r}",
      hunavail: "Contact through the assistant is not set up for this partner. Please use the contact details above.",
      helpful: "Was this answer helpful?", up: "Yes, helpful", down: "No, not helpful",
      comment: "Comment (optional)", fbsend: "Send feedback", fbthanks: "Thank you for your feedback!",
      chips: "Follow-up questions", answerTo: "Your answer to: {q}",
      e_net: "The assistant cannot be reached right now – or it is not enabled on this website.",
      e_origin: "The assistant is not enabled on this website.",
      e_limit: "Too many requests in a short time. Please wait a moment.",
      e_busy: "The assistant is busy right now. Please try again shortly.",
      e_check: "Please check your details (for example the e-mail address).",
      e_any: "Sorry, that did not work. Please try again.",
      types: { ihk: "Chamber of commerce (IHK)", hwk: "Chamber of crafts", regional_agency: "Regional agency", wirtschaftsfoerderung: "Local business development", statewide: "statewide" }
    }
  };

  var THUMB = "M2 10h4v11H2zM8 10l4-8c1.7 0 2.6 1.3 2.2 3L13.5 9H20a2 2 0 0 1 2 2.3l-1.4 7.9A2.2 2.2 0 0 1 18.4 21H8z";
  var ICON = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";

  /* Element with attributes (names are always constants here) and text/children. Never innerHTML. */
  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] != null && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    [].concat(content == null ? [] : content).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function safeUrl(url, page) {
    try {
      var u = new URL(String(url), location.href);
      if (u.protocol !== "https:" && u.protocol !== "http:") return null;
      if (page) u.hash = "page=" + (parseInt(page, 10) || 1);
      return u.href;
    } catch (e) { return null; }
  }

  function link(url, text, page) {
    var href = safeUrl(url, page);
    return href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, text) : document.createTextNode(text);
  }

  function fill(template, values) {
    return template.replace(/\{(\w)\}/g, function (_, k) { return values[k] == null ? "" : String(values[k]); });
  }

  function date(value, locale) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
    return !m ? String(value || "") : locale === "de" ? m[3] + "." + m[2] + "." + m[1] : m[0];
  }

  /* The strict inline subset: **bold**, _italic_ (not inside words, e.g. URLs), [n] → link to citation n,
     [**name**](url) → a link on the name (http(s) only). */
  function inline(parent, text, cites) {
    var re = /\[\*\*([^*\]\n]+)\*\*\]\((https?:\/\/[^\s)]+)\)|\*\*([^*\n]+)\*\*|(^|[\s(„"])_([^_\n]+)_(?=$|[\s).,;:!?“"])|\[(\d{1,3})\]/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + (m[4] ? m[4].length : 0);
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      if (m[1] != null) parent.appendChild(link(m[2], m[1]));
      else if (m[3] != null) parent.appendChild(el("strong", null, m[3]));
      else if (m[5] != null) parent.appendChild(el("em", null, m[5]));
      else {
        var c = cites.filter(function (x) { return String(x.id) === m[6]; })[0];
        var href = c && safeUrl(c.url, c.page);
        parent.appendChild(href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", class: "cite",
          title: c.title }, "[" + m[6] + "]") : document.createTextNode(m[0]));
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function markdown(container, text, cites) {
    container.textContent = "";
    var list = null, lines = String(text || "").split("\n");
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i].replace(/\s+$/, "");
      if (/^(Quellen|Sources):$/.test(line.trim())) break; // rendered from the citations instead
      if (/^\s*[-*] /.test(line)) {
        if (!list) container.appendChild(list = el("ul"));
        var li = el("li"); inline(li, line.replace(/^\s*[-*] /, ""), cites); list.appendChild(li);
        continue;
      }
      list = null;
      if (!line.trim()) continue;
      var heading = /^#{1,6}\s+/.test(line) || (/:$/.test(line) && line.length <= 40 && !/\[\d+\]/.test(line));
      var p = el("p"); inline(heading ? p.appendChild(el("strong")) : p, line.replace(/^#{1,6}\s+/, ""), cites);
      container.appendChild(p);
    }
  }

  function ApiError(status, detail) { this.status = status; this.detail = detail; }

  class NrwAssistant extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.partner = this.getAttribute("partner") || "";
      this.base = this.getAttribute("api") || BASE;
      this.key = "nrwa:" + this.partner;
      this.state = this.load();
      var asked = (this.getAttribute("locale") || document.documentElement.lang || "de").slice(0, 2).toLowerCase();
      if (!L[this.state.locale]) this.state.locale = L[asked] ? asked : "de";
      this.attachShadow({ mode: "open" });
      var style = el("link", { rel: "stylesheet", href: this.base + "/widget.css" }), self = this;
      var shown = function () { if (self.w) { self.w.hidden = false; self.setAttribute("data-ready", "true"); } };
      style.addEventListener("load", shown); style.addEventListener("error", shown);
      setTimeout(shown, 2500); // unstyled beats invisible if the stylesheet hangs
      this.shadowRoot.appendChild(style);
      ["accent", "accent-text"].forEach(function (k) {
        var v = self.getAttribute(k);
        if (v && /^#[0-9a-f]{3,8}$|^[a-z]+$|^rgb\([\d ,.%]+\)$/i.test(v)) self.style.setProperty("--nrwa-" + k, v);
      });
      this.build();
    }

    load() {
      try { var s = JSON.parse(sessionStorage.getItem(this.key) || "{}"); } catch (e) { s = {}; }
      return { sid: s.sid || null, locale: s.locale, open: !!s.open, msgs: s.msgs || [], fb: s.fb || {} };
    }

    save() {
      this.state.msgs = this.state.msgs.slice(-40);
      try { sessionStorage.setItem(this.key, JSON.stringify(this.state)); } catch (e) { /* storage full or blocked */ }
    }

    /* (Re)builds the whole UI from this.state: on start and when the language changes. */
    build() {
      var t = this.t = L[this.state.locale], inl = this.hasAttribute("inline"), self = this;
      if (this.w) this.w.remove();
      var id = this.id || ("nrwa" + ++uid);
      this.w = el("div", { class: "w " + (inl ? "inline" : "bubble") + (this.getAttribute("position") === "left" ? " left" : ""),
        lang: this.state.locale, hidden: !this.hasAttribute("data-ready") });
      if (!inl) {
        this.launcher = el("button", { type: "button", class: "launcher", "aria-label": t.open, "aria-expanded": "false",
          "aria-controls": id + "-panel" }, [this.icon(), el("span", { class: "l-text" }, t.launch)]);
        this.launcher.addEventListener("click", function () { self.setOpen(!self.state.open); });
        this.w.appendChild(this.launcher);
      }
      this.panel = el("section", { class: "panel", id: id + "-panel", "aria-labelledby": id + "-title" });
      var header = el("header", null, el("h2", { id: id + "-title" }, t.title));
      var lang = this.hbtn(t.lang, null, function () {
        self.state.locale = t.langCode; self.save(); self.build();
        self.shadowRoot.querySelector(".lang").focus();
      }, "lang");
      lang.setAttribute("lang", t.langCode); lang.setAttribute("title", t.langLabel);
      header.appendChild(lang);
      header.appendChild(this.hbtn(t.reset, t.resetLabel, function () {
        self.state = { sid: null, locale: self.state.locale, open: self.state.open, msgs: [], fb: {} };
        self.save(); self.build(); self.input.focus();
      }, "reset"));
      if (!inl) header.appendChild(this.hbtn("×", t.close, function () { self.setOpen(false); }, "x"));
      this.panel.appendChild(header);
      this.panel.appendChild(el("p", { class: "disclosure" }, [t.disclosure + " ",
        el("a", { href: this.base + "/datenschutz", target: "_blank", rel: "noopener" }, t.privacy)]));
      this.log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": t.title, tabindex: "0" });
      this.panel.appendChild(this.log);
      var form = el("form", { class: "ask" });
      this.input = el("textarea", { id: id + "-in", placeholder: t.placeholder, maxlength: "4000", rows: "1",
        "aria-label": t.input, autocomplete: "off" });
      this.input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.ask(self.input.value); }
      });
      this.sendBtn = el("button", { type: "submit", class: "send" }, t.send);
      form.appendChild(this.input); form.appendChild(this.sendBtn);
      form.addEventListener("submit", function (e) { e.preventDefault(); self.ask(self.input.value); });
      this.panel.appendChild(form);
      this.panel.addEventListener("keydown", function (e) { if (e.key === "Escape" && !inl) self.setOpen(false); });
      this.w.appendChild(this.panel);
      this.bot({ answer: this.getAttribute("greeting") || t.greeting });
      this.state.msgs.forEach(function (m) { if (m.role === "user") self.user(m.text); else self.bot(m.reply); });
      this.shadowRoot.appendChild(this.w);
      this.setOpen(inl || this.state.open, true);
    }

    icon(d, cls) {
      var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg"), path = document.createElementNS(ns, "path");
      if (cls) svg.setAttribute("class", cls);
      svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
      path.setAttribute("d", d || ICON); path.setAttribute("fill", "currentColor"); path.setAttribute("fill-rule", "evenodd");
      svg.appendChild(path);
      return svg;
    }

    hbtn(text, label, onClick, cls) {
      var b = el("button", { type: "button", class: "hbtn " + cls, "aria-label": label, title: label }, text);
      b.addEventListener("click", onClick);
      return b;
    }

    setOpen(open, quiet) {
      this.state.open = open; this.panel.hidden = !open;
      this.w.classList.toggle("open", open);
      if (this.launcher) this.launcher.setAttribute("aria-expanded", String(open));
      if (quiet) return;
      this.save();
      if (open) { this.input.focus(); this.scroll(); } else if (this.launcher) this.launcher.focus();
    }

    scroll() { this.log.scrollTop = this.log.scrollHeight; }

    user(text) { this.log.appendChild(el("div", { class: "msg user" }, text)); }

    bot(reply) {
      var box = el("div", { class: "msg bot" });
      this.render(box, reply);
      this.log.appendChild(box);
      this.scroll();
      return box;
    }

    async ask(raw) {
      var text = String(raw || "").trim(), t = this.t;
      if (!text || this.busy) return;
      this.busy = true; this.sendBtn.setAttribute("aria-disabled", "true");
      this.input.value = ""; this.input.setAttribute("placeholder", t.placeholder); this.input.setAttribute("aria-label", t.input);
      this.user(text);
      this.state.msgs.push({ role: "user", text: text }); this.save();
      var box = this.bot({ answer: t.thinking });
      box.classList.add("thinking"); box.setAttribute("aria-busy", "true");
      try {
        var reply = await this.stream(text, box);
        this.state.sid = reply.session_id;
        this.state.msgs.push({ role: "bot", reply: reply }); this.save();
        if (!box.isConnected) box = this.bot({ answer: "" }); // the UI was rebuilt meanwhile (language switch)
        box.classList.remove("thinking"); this.render(box, reply);
        this.log.scrollTop = box.offsetTop - this.log.offsetTop - 8; // the answer from its start, not its end
      } catch (err) {
        if (!box.isConnected) box = this.bot({ answer: "" });
        box.className = "msg bot error"; box.setAttribute("role", "alert"); box.textContent = this.problem(err); this.scroll();
      }
      box.removeAttribute("aria-busy");
      this.busy = false; this.sendBtn.removeAttribute("aria-disabled");
    }

    problem(err) {
      var t = this.t, s = err && err.status;
      // For whoever embeds the widget: refusals and network errors usually mean a missing NRWA_WIDGET_ORIGINS entry.
      console.warn("NRW-Assistent (" + this.partner + " @ " + location.origin + "):", s || String(err), (err && err.detail) || "");
      return s === 403 ? t.e_origin : s === 429 ? t.e_limit : s === 503 ? t.e_busy : s === 422 ? t.e_check :
        err instanceof TypeError ? t.e_net : t.e_any;
    }

    async api(path, body) {
      var headers = { Accept: "application/json" };
      if (this.partner) headers["X-NRWA-Partner"] = this.partner;
      if (body) headers["Content-Type"] = "application/json";
      var res = await fetch(this.base + path, { method: body ? "POST" : "GET", headers: headers, credentials: "omit",
        body: body ? JSON.stringify(body) : undefined });
      var data = await res.json().catch(function () { return {}; });
      if (!res.ok) throw new ApiError(res.status, data.detail);
      return data;
    }

    async stream(text, box) {
      var body = { message: text, session_id: this.state.sid, locale: this.state.locale };
      var headers = { "Content-Type": "application/json", Accept: "text/event-stream" };
      if (this.partner) { body.partner = this.partner; headers["X-NRWA-Partner"] = this.partner; }
      var res = await fetch(this.base + "/api/chat", { method: "POST", headers: headers, credentials: "omit", body: JSON.stringify(body) });
      if (!res.ok || !res.body) throw new ApiError(res.status);
      var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = "", shown = "", final = null, self = this;
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var events = buffer.split("\n\n"); buffer = events.pop();
        events.forEach(function (raw) {
          var name = (raw.match(/^event: ?(.*)$/m) || [])[1];
          var data = raw.split("\n").filter(function (l) { return l.indexOf("data:") === 0; })
            .map(function (l) { return l.replace(/^data: ?/, ""); }).join("\n");
          if (!data) return;
          var payload = JSON.parse(data);
          if (name === "delta") {
            shown = payload.replace ? payload.text : shown + payload.text;
            // The AI notice (a leading italic paragraph) stands once above the conversation, not in the answer.
            box.classList.remove("thinking"); markdown(box, shown.replace(/^_[^\n]*_\s*/, ""), []); self.scroll();
          } else if (name === "final") final = payload;
        });
      }
      if (!final) throw new Error("no final event");
      return final;
    }

    render(box, r) {
      var t = this.t, self = this, cites = r.citations || [];
      box.textContent = "";
      // The panel shows the AI notice once, above the conversation: leave it out of the answer.
      var text = String(r.answer || ""), notice = r.notice || "";
      if (notice && text.indexOf(notice) === 0) text = text.slice(notice.length).replace(/^\s+/, "");
      var body = el("div"); markdown(body, text, cites); box.appendChild(body);
      // The text names the programmes and partners: their cards (status, details, contact) and the sources fold
      // away on a phone, so one answer stays within two screens; on a wide screen they stand open.
      if (r.programs && r.programs.length) box.appendChild(this.fold("cards", t.programs, r.programs.map(self.programCard, self)));
      if (r.partners && r.partners.length) box.appendChild(this.fold("cards", t.partners, r.partners.map(self.partnerCard, self)));
      if (r.clarify && r.clarify.length) {
        box.appendChild(el("div", { class: "chips", role: "group", "aria-label": t.chips }, r.clarify.map(function (q) {
          var chip = el("button", { type: "button", class: "chip" }, q);
          chip.addEventListener("click", function () { self.chip(q); });
          return chip;
        })));
      }
      if (cites.length) {
        var list = el("ol");
        cites.forEach(function (c) {
          var when = c.as_of_label || (c.as_of ? t.asOf + " " + date(c.as_of, self.state.locale) : "");
          var extra = (c.page ? ", " + t.page + " " + c.page : "") + (when ? " (" + when + ")" : "");
          var item = el("li", { value: String(parseInt(c.id, 10) || 1) }, [link(c.url, String(c.title || c.url), c.page), extra]);
          if (c.attribution) item.appendChild(el("small", { class: "attribution" }, String(c.attribution)));
          list.appendChild(item);
        });
        box.appendChild(this.fold("sources", t.sources, [list]));
      }
      if (r.message_id) box.appendChild(this.feedback(r.message_id));
    }

    fold(cls, title, kids) {
      var n = kids[0].tagName === "OL" ? kids[0].children.length : kids.length;
      var d = el("details", { class: cls }, [el("summary", { class: "sect" }, title + " (" + n + ")")].concat(kids));
      d.open = matchMedia("(min-width:600px)").matches;
      return d;
    }

    /* A question chip lets the user answer it in the input; a chip that is an answer option is sent as is. */
    chip(q) {
      if (!/[?？]\s*$/.test(q)) { this.ask(q); return; }
      this.input.setAttribute("placeholder", fill(this.t.answerTo, { q: q }));
      this.input.setAttribute("aria-label", fill(this.t.answerTo, { q: q }));
      this.input.focus();
    }

    badge(status, text) {
      var s = status === "open" || status === "closed" ? status : "unknown";
      return el("span", { class: "badge b-" + s }, text || this.t["st_" + s]);
    }

    programCard(p) {
      var t = this.t, self = this, did = "nrwa-d" + ++uid;
      // The answer's line says what it funds: the card adds what it does not (status today, type, age of the facts).
      var card = el("article", { class: "card prog", "data-program": p.id }, [
        el("h3", null, p.name), this.badge(p.status, p.status_text),
        el("p", { class: "meta" }, [p.funding_type, p.level].filter(function (v) { return v; }).join(" · "))]);
      if (p.stale && p.as_of) card.appendChild(el("p", { class: "meta warn" }, fill(t.stale, { d: date(p.as_of, this.state.locale) })));
      var details = el("div", { class: "details", id: did, hidden: true });
      var btn = el("button", { type: "button", class: "btn", "aria-expanded": "false", "aria-controls": did }, t.details);
      btn.addEventListener("click", function () {
        var open = btn.getAttribute("aria-expanded") !== "true";
        btn.setAttribute("aria-expanded", String(open)); btn.textContent = open ? t.hide : t.details;
        details.hidden = !open;
        if (open && !details.firstChild) self.programDetails(p, details);
      });
      card.appendChild(btn); card.appendChild(details);
      return card;
    }

    async programDetails(p, box) {
      var t = this.t, loc = this.state.locale;
      box.appendChild(el("p", { class: "note", role: "status" }, t.loading));
      try {
        var d = await this.api("/api/programs/" + encodeURIComponent(p.id));
        var rows = [[t.provider, d.provider], [t.amount, d.amount], [t.targets, (d.target_groups || []).join(", ")], [t.topics, (d.topics || []).join(", ")],
          [t.region, d.region], [t.ended, d.ended_on && date(d.ended_on, loc)], [t.successor, d.successor_name || d.successor],
          [t.rules, (d.eligibility || []).join(" ")], [t.note, d.status_note], [t.uncertain, (d.uncertain || []).join(" · ")],
          [t.asOf, d.as_of ? date(d.as_of, loc) : d.checked_on && fill(t.undated, { d: date(d.checked_on, loc) })]];
        var dl = el("dl");
        rows.forEach(function (row) { if (row[1]) { dl.appendChild(el("dt", null, row[0])); dl.appendChild(el("dd", null, String(row[1]))); } });
        box.textContent = "";
        box.appendChild(dl);
        box.appendChild(el("p", null, link(d.url, t.official)));
      } catch (err) {
        box.textContent = ""; box.appendChild(el("p", { role: "alert" }, this.problem(err)));
      }
    }

    partnerCard(p) {
      var t = this.t, self = this;
      var card = el("article", { class: "card partner", "data-partner": p.id }, [el("h3", null, p.name)]);
      if (t.types[p.type]) card.appendChild(el("p", { class: "meta" }, t.types[p.type]));  // the reason is in the answer
      var contact = el("p");
      if (p.url && safeUrl(p.url)) contact.appendChild(link(p.url, t.website));
      if (p.email && /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[a-z]{2,}$/i.test(p.email)) {
        if (contact.firstChild) contact.appendChild(document.createTextNode(" · "));
        contact.appendChild(el("a", { href: "mailto:" + p.email }, p.email));
      }
      if (p.phone && /^\+?[0-9 ()/.-]{5,40}$/.test(p.phone)) {
        if (contact.firstChild) contact.appendChild(document.createTextNode(" · "));
        contact.appendChild(el("a", { href: "tel:" + p.phone.replace(/[^0-9+]/g, "") }, p.phone));
      }
      if (contact.firstChild) card.appendChild(contact);
      var btn = el("button", { type: "button", class: "btn" }, t.contact);
      btn.addEventListener("click", function () {
        btn.hidden = true;
        var form = self.handoffForm(p, function () { btn.hidden = false; btn.focus(); });
        card.appendChild(form);
        form.querySelector("input").focus();
      });
      card.appendChild(btn);
      return card;
    }

    field(form, label, attrs, multi) {
      var id = "nrwa-f" + ++uid;
      form.appendChild(el("label", { for: id }, label));
      attrs.id = id;
      var input = el(multi ? "textarea" : "input", attrs);
      form.appendChild(input);
      return input;
    }

    handoffForm(p, onCancel) {
      var t = this.t, self = this, form = el("form", { class: "sub handoff", "aria-label": t.contact + ": " + p.name });
      var lastQuestion = this.state.msgs.filter(function (m) { return m.role === "user"; }).slice(-1)[0];
      var f = {
        name: this.field(form, t.name, { name: "name", required: true, maxlength: "200", autocomplete: "name" }),
        email: this.field(form, t.email, { name: "email", type: "email", required: true, maxlength: "254", autocomplete: "email" }),
        company: this.field(form, t.company, { name: "company", maxlength: "200", autocomplete: "organization" }),
        phone: this.field(form, t.phone, { name: "phone", type: "tel", maxlength: "40", autocomplete: "tel" }),
        message: this.field(form, t.message, { name: "message", required: true, maxlength: "4000" }, true)
      };
      f.message.value = lastQuestion ? lastQuestion.text : "";
      var consent = el("input", { type: "checkbox", name: "consent", required: true });
      form.appendChild(el("label", { class: "consent" }, [consent, el("span", null, [fill(t.consent, { p: p.name }) + " ",
        el("a", { href: this.base + "/datenschutz", target: "_blank", rel: "noopener" }, t.privacy)])]));
      var status = el("p", { class: "note", role: "status" });
      var submit = el("button", { type: "submit", class: "btn primary" }, t.hsend);
      var cancel = el("button", { type: "button", class: "btn" }, t.cancel);
      cancel.addEventListener("click", function () { form.remove(); onCancel(); });
      form.appendChild(el("div", null, [submit, " ", cancel])); form.appendChild(status);
      form.addEventListener("submit", async function (e) {
        e.preventDefault();
        if (submit.disabled) return;
        submit.disabled = true; status.textContent = t.loading;
        try {
          var created = await self.api("/api/handoff", { session_id: self.state.sid, partner_id: p.id, name: f.name.value,
            email: f.email.value, company: f.company.value || null, phone: f.phone.value || null,
            message: f.message.value, consent: consent.checked });
          var done = el("p", { class: "ok", role: "status", tabindex: "-1" }, fill(t.hdone, { p: p.name, r: created.reference || created.id }));
          form.replaceWith(done); done.focus();
        } catch (err) {
          status.textContent = err.status === 503 || err.status === 404 ? t.hunavail : self.problem(err);
          submit.disabled = false;
        }
      });
      return form;
    }

    feedback(messageId) {
      var t = this.t, self = this, sent = this.state.fb[messageId];
      var row = el("div", { class: "fb", role: "group", "aria-label": t.helpful });
      if (sent) { row.appendChild(el("span", { class: "ok" }, t.fbthanks)); return row; }
      row.appendChild(el("span", { "aria-hidden": "true" }, t.helpful));
      var form = null;
      [["up", 0, t.up], ["down", 0, t.down]].forEach(function (def) {
        var b = el("button", { type: "button", class: "thumb", "aria-label": def[2], title: def[2], "aria-pressed": "false",
          "data-rating": def[0] }, self.icon(THUMB, def[0]));
        b.addEventListener("click", function () {
          row.querySelectorAll(".thumb").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
          if (!form) { form = self.feedbackForm(messageId, row); row.appendChild(form); }
          form.querySelector("textarea").focus();
        });
        row.appendChild(b);
      });
      return row;
    }

    feedbackForm(messageId, row) {
      var t = this.t, self = this, form = el("form", { class: "sub" });
      var comment = this.field(form, t.comment, { name: "comment", maxlength: "1000" }, true);
      var status = el("p", { class: "note", role: "status" });
      var submit = el("button", { type: "submit", class: "btn primary" }, t.fbsend);
      form.appendChild(el("div", null, submit)); form.appendChild(status);
      form.addEventListener("submit", async function (e) {
        e.preventDefault();
        var pressed = row.querySelector(".thumb[aria-pressed=true]");
        if (submit.disabled || !pressed) return;
        submit.disabled = true;
        try {
          await self.api("/api/feedback", { message_id: messageId, rating: pressed.getAttribute("data-rating"),
            comment: comment.value.trim() || null });
          self.state.fb[messageId] = pressed.getAttribute("data-rating"); self.save();
          var done = el("span", { class: "ok", role: "status", tabindex: "-1" }, t.fbthanks);
          row.textContent = ""; row.appendChild(done); done.focus();
        } catch (err) { status.textContent = self.problem(err); submit.disabled = false; }
      });
      return form;
    }
  }

  customElements.define("nrw-assistant", NrwAssistant);

  /* The script tag configures one widget unless the page placed <nrw-assistant> itself. */
  function mount() {
    if (!script || document.querySelector("nrw-assistant")) return;
    var node = document.createElement("nrw-assistant");
    ["partner", "locale", "greeting", "accent", "accent-text", "position"].forEach(function (k) {
      var v = script.getAttribute("data-" + k); if (v) node.setAttribute(k, v);
    });
    var target = script.hasAttribute("data-inline") && document.querySelector(script.getAttribute("data-target") || "#nrw-assistant");
    if (script.hasAttribute("data-inline")) node.setAttribute("inline", "");
    (target || document.body).appendChild(node);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
