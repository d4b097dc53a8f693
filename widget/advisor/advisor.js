/* Advisor research page (/advisor): passages with facets, programme comparison, answers exported as Markdown.
 * Same origin as the API; no framework, no third-party request. Every server text becomes a text node: Markdown
 * from the corpus is turned into elements made here (paragraphs, lists, bold), never parsed as HTML. */
(function () {
  "use strict";

  var FACETS = [
    { key: "funding_type", legend: "Förderart", field: "funding_type" },
    { key: "level", legend: "Ebene", field: "level" },
    { key: "target_group", legend: "Zielgruppe", field: "target_groups" },
    { key: "topic", legend: "Thema", field: "topics" },
    { key: "status", legend: "Status", field: "status" },
    { key: "region", legend: "Region", field: "region" }
  ];
  var NAMES = {
    open: "offen", closed: "beendet", unknown: "unklar", Land: "Land NRW", kmu: "KMU", ki: "KI",
    fue: "Forschung und Entwicklung", "it-sicherheit": "IT-Sicherheit", eu: "EU", gruender: "Gründende",
    gruendung: "Gründung", fachkraefte: "Fachkräfte", "freie-berufe": "Freie Berufe", "alle-unternehmen": "alle Unternehmen",
    grossunternehmen: "Großunternehmen", kleinstunternehmen: "Kleinstunternehmen", gemeinnuetzige: "Gemeinnützige",
    wissenstransfer: "Wissenstransfer", startup: "Start-ups", hochschule: "Hochschulen", forschung: "Forschungseinrichtungen",
    // facets of the Förderdatenbank's classifiers (indexer/foerderdatenbank/classifiers.py)
    energie: "Energie und Klimaschutz", investition: "Investitionen", international: "Export und Messen",
    "corona-hilfe": "Corona-Hilfe", frauenfoerderung: "Frauenförderung", "gesundheit-soziales": "Gesundheit und Soziales",
    "kultur-medien-sport": "Kultur, Medien und Sport", landwirtschaft: "Landwirtschaft", mobilitaet: "Mobilität",
    regionalfoerderung: "Regionalförderung", "smart-cities": "Smart Cities", staedtebau: "Städtebau", umwelt: "Umwelt",
    wohnungsbau: "Wohnungsbau", bildungseinrichtung: "Bildungseinrichtungen", kommune: "Kommunen",
    "oeffentliche-einrichtung": "Öffentliche Einrichtungen", privatperson: "Privatpersonen", verbaende: "Verbände",
    dienstleistung: "Dienstleistung", industrie: "Industrie", gastgewerbe: "Gastgewerbe",
    kreativwirtschaft: "Kultur- und Kreativwirtschaft"
  };
  var catalog = [], lastAnswer = null, $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] != null && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    [].concat(content == null ? [] : content).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function name(v) { return NAMES[v] || (v ? v.charAt(0).toUpperCase() + v.slice(1) : ""); }
  /* Dates at the precision the source gives: YYYY-MM-DD → 07.01.2026, YYYY-MM → 01/2026, YYYY → 2026. */
  function date(v) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v || "");
    return !m ? (v || "–") : m[3] ? m[3] + "." + m[2] + "." + m[1] : m[2] ? m[2] + "/" + m[1] : m[1];
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
  function badge(status) {
    var s = status === "open" || status === "closed" ? status : "unknown";
    return el("span", { class: "badge b-" + s }, name(s));
  }
  function note(text, warn) { return el("span", { class: "note" + (warn ? " warn" : "") }, text); }

  /* The dates the server computes for today (programmes and programme passages; absent from older servers). */
  function deadline(x) {
    if (x.ending_soon && x.ends_on) return note("nur noch bis " + date(x.ends_on), true);
    if (x.ends_on) return note("Anträge bis " + date(x.ends_on));
    if (x.next_deadline) return note("nächster Stichtag " + date(x.next_deadline));
    return null;
  }
  /* "Stand" of a programme or a passage (label: "Stand " or "" where a column says it): the source's date; a
   * warning when it is old; the reading date when the source gives none (never presented as a "Stand"). */
  function asOf(x, label) {
    if (!x.as_of) return note("Quelle ohne Datum" + (x.checked_on ? ", gesichtet am " + date(x.checked_on) : ""), true);
    if (x.stale) return note(label + date(x.as_of) + " – bitte beim Anbieter prüfen", true);  // as the chat says it
    return document.createTextNode(label + date(x.as_of));
  }
  function statusWithDeadline(x) { var until = deadline(x); return until ? [badge(x.status), " ", until] : badge(x.status); }
  /* A Förderdatenbank programme may name several kinds of funding ("Darlehen, Bürgschaft"): the facet lists each kind
   * once, and a chosen kind asks the API for every catalogue value that names it. */
  function parts(field, v) { return field === "funding_type" ? String(v).split(/,\s*/) : [v]; }
  function values(p, field) {
    var v = p[field];
    return (Array.isArray(v) ? v : v ? [v] : []).reduce(function (all, x) { return all.concat(parts(field, x)); }, []);
  }

  async function get(path) {
    var res = await fetch(path, { headers: { Accept: "application/json" } });
    var data = await res.json().catch(function () { return {}; });
    if (!res.ok) throw new Error(data.detail || "HTTP " + res.status);
    return data;
  }

  /* The checked facets as they stand in the address (each kind of funding once) … */
  function chosen() {
    var params = new URLSearchParams();
    document.querySelectorAll("#facets input:checked").forEach(function (box) { params.append(box.name, box.value); });
    return params;
  }

  /* … and as the API filters: a kind of funding becomes every catalogue value that names it. */
  function query() {
    var params = new URLSearchParams(), kinds = {};
    catalog.forEach(function (p) { if (p.funding_type) kinds[p.funding_type] = true; });
    chosen().forEach(function (value, key) {
      var wanted = key !== "funding_type" ? [value] : Object.keys(kinds).filter(function (k) {
        return parts(key, k).indexOf(value) >= 0;
      });
      (wanted.length ? wanted : [value]).forEach(function (v) { if (params.getAll(key).indexOf(v) < 0) params.append(key, v); });
    });
    return params;
  }

  /* Facet values and counts come from the programme catalog, like the Förderdatenbank's filters. */
  function buildFacets() {
    var form = $("facets"), wanted = new URLSearchParams(location.search);
    form.textContent = "";
    FACETS.forEach(function (f) {
      var counts = {};
      catalog.forEach(function (p) { values(p, f.field).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
      var keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); });
      if (!keys.length) return;
      var set = el("fieldset", null, el("legend", null, f.legend));
      keys.forEach(function (v) {
        var id = "f-" + f.key + "-" + v.replace(/[^a-zA-Z0-9]+/g, "-");
        var box = el("input", { type: "checkbox", id: id, name: f.key, value: v,
          checked: wanted.getAll(f.key).indexOf(v) >= 0 });
        set.appendChild(el("div", { class: "opt" }, [box, el("label", { for: id }, name(v) + " (" + counts[v] + ")")]));
      });
      form.appendChild(set);
    });
  }

  /* The filters are a disclosure: open beside the results on a wide screen, closed under the search on a phone,
   * where its summary says how many are active. */
  var WIDE = window.matchMedia("(min-width: 761px)");
  function facetPanel() { $("facet-panel").open = WIDE.matches; }
  function activeCount() {
    var n = document.querySelectorAll("#facets input:checked").length;
    $("facets-active").textContent = n ? " (" + n + " aktiv)" : "";
  }

  function remember() {
    var params = chosen();
    if ($("q").value.trim()) params.set("q", $("q").value.trim());
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }

  /* Facet clicks start searches faster than answers come back: only the latest one may fill the page. */
  var searchRun = 0, programsRun = 0;

  async function search() {
    var q = $("q").value.trim(), status = $("results-status"), list = $("results");
    remember();
    if (!q) return;
    var run = ++searchRun;
    var params = query(), regions = params.getAll("region");
    params.delete("region"); // passages carry the programme's region; filtered here, the search API has no region
    params.set("q", q); params.set("k", "30");
    status.textContent = "Suche läuft …";
    list.setAttribute("aria-busy", "true");
    try {
      var data = await get("/api/search?" + params);
      if (run !== searchRun) return;
      var results = data.results.filter(function (r) { return !regions.length || regions.indexOf(r.metadata.region) >= 0; });
      var folded = results.reduce(function (n, r) { return n + (r.duplicates || []).length; }, 0);
      list.textContent = "";
      results.forEach(function (r) { list.appendChild(passage(r)); });
      status.textContent = results.length + (results.length === 1 ? " Fundstelle" : " Fundstellen") + " für „" + q + "“" +
        (folded ? " (" + folded + " mit gleichem Text zusammengefasst)" : "");
    } catch (e) {
      if (run !== searchRun) return;
      status.textContent = "Die Suche hat nicht geklappt: " + e.message;
    }
    list.removeAttribute("aria-busy");
  }

  function passage(r) {
    var m = r.metadata || {}, facts = el("p", { class: "muted" });
    if (r.page) facts.appendChild(document.createTextNode("Seite " + r.page + " · "));
    facts.appendChild(asOf(m, "Stand "));
    if (m.section) facts.appendChild(document.createTextNode(" · Abschnitt: " + m.section));
    var head = el("h3", null, link(r.url, r.title || r.url, r.page));
    var tags = el("p", { class: "tags" });
    if (m.program_name) tags.appendChild(el("span", { class: "tag" }, m.program_name));
    if (m.status) tags.appendChild(badge(m.status));
    var until = m.status && deadline(m);
    if (until) tags.appendChild(until);
    [m.funding_type, name(m.level), m.region].forEach(function (v) { if (v) tags.appendChild(el("span", { class: "tag" }, v)); });
    var item = el("li", { class: "passage" }, [head, facts, tags, snippet(r.text)]);
    if (m.attribution) item.appendChild(el("p", { class: "muted attribution" }, m.attribution)); // CC BY-ND texts
    if (r.duplicates && r.duplicates.length) item.appendChild(elsewhere(r, r.duplicates));
    return item;
  }

  /* Passages the server folded into this one (the same text under another URL, or an overlapping chunk). */
  function elsewhere(r, dupes) {
    var list = el("ul");
    dupes.forEach(function (d) {
      var where = [];
      try { if (d.url !== r.url) where.push(new URL(d.url).host); } catch (e) { /* shown by its title alone */ }
      if (d.page) where.push("Seite " + d.page);
      if (d.section && d.section !== (r.metadata || {}).section) where.push("Abschnitt: " + d.section);
      if (d.as_of) where.push("Stand " + date(d.as_of));
      list.appendChild(el("li", null, [link(d.url, d.title || d.url, d.page), where.length ? " – " + where.join(" · ") : ""]));
    });
    var n = dupes.length;
    return el("details", { class: "dupes" }, [
      el("summary", null, n + (n === 1 ? " weitere Fundstelle" : " weitere Fundstellen") + " mit (fast) gleichem Text"), list]);
  }

  /* Corpus text is Markdown: shown as readable text with its structure — paragraphs, headings, "- " lists, bold —
   * without its marks. Links keep their text only (the passage's source is the link above it); HTML in a source
   * stays visible text. Unordered list markers are Markdown's and the PDFs' (–, •); a numbered line keeps its
   * number and starts a new paragraph. Table rows read "cell | cell", as the HTML parser writes them. A line break
   * stays, except after a long line that stops mid-sentence (a PDF's hard wrap), which is joined to the next. */
  var BULLET = /^(?:[-*+•–]|\d{1,3}[.)])\s+/, UNORDERED = /^[-*+•–]\s+/, ROW = / \| /;
  function wrapped(line) { return line.length >= 60 && !/[.!?:;]$/.test(line) && !ROW.test(line); }
  function snippet(text) {
    var box = el("div", { class: "text" }), para = null, list = null, previous = "";
    String(text || "").split(/\r?\n/).forEach(function (raw) {
      var line = raw.trim().replace(/^>\s?/, ""), m;
      if (!line || /^([-*_=]\s*){3,}$/.test(line) || /^\|?[\s:|-]+\|[\s:|-]*$/.test(line)) { para = list = null; return; }
      if ((m = /^#{1,6}\s+(.*?)(?:\s+#+)?$/.exec(line))) {
        box.appendChild(markdownLine(el("p", { class: "snip-head" }), m[1])); para = list = null; return;
      }
      if (UNORDERED.test(line)) {
        if (!list) box.appendChild(list = el("ul"));
        list.appendChild(markdownLine(el("li"), line.replace(UNORDERED, ""))); para = null; return;
      }
      if (/^\|.*\|$/.test(line)) line = line.slice(1, -1).split("|").map(function (c) { return c.trim(); }).join(" | ");
      if (!para || BULLET.test(line)) box.appendChild(para = el("p"));
      else para.appendChild(wrapped(previous) && !ROW.test(line) ? document.createTextNode(" ") : el("br"));
      list = null; previous = line;
      markdownLine(para, line);
    });
    return box;
  }

  /* One line's inline Markdown: **bold** and __bold__ become <strong>; emphasis, `code`, links, images, autolinks
   * and backslash escapes become their text. Marks left over (a chunk that ends inside **…) are dropped. */
  var INLINE = /\*\*(.+?)\*\*|__(.+?)__|!?\[([^\]\n]*)\]\([^)\n]*\)|`([^`\n]+)`|<(https?:\/\/[^>\s]+)>|\\([\\`*_{}\[\]()#+\-.!|>~])|(^|[\s(„"])[*_](?=\S)([^*_\n]*?\S)[*_](?=$|[\s).,;:!?“"])/g;
  function markdownLine(parent, text) {
    var re = new RegExp(INLINE.source, "g"), last = 0, m;
    function plain(t) { if (t) parent.appendChild(document.createTextNode(t.replace(/\*\*|__/g, ""))); }
    while ((m = re.exec(text)) !== null) {
      plain(text.slice(last, m.index) + (m[7] || ""));
      if (m[1] != null || m[2] != null) parent.appendChild(markdownLine(el("strong"), m[1] != null ? m[1] : m[2]));
      else if (m[8] != null) markdownLine(parent, m[8]);
      else plain(m[3] != null ? m[3] : m[4] != null ? m[4] : m[5] != null ? m[5] : m[6]);
      last = re.lastIndex;
    }
    plain(text.slice(last));
    return parent;
  }

  async function loadPrograms() {
    var body = $("programs").tBodies[0], params = query(), run = ++programsRun;
    $("programs").setAttribute("aria-busy", "true");
    try {
      var data = await get("/api/programs?" + params);
      if (run !== programsRun) return;
      body.textContent = "";
      data.programs.forEach(function (p) { body.appendChild(programRow(p)); });
      $("programs-count").textContent = "(" + data.programs.length + ")";
      compareState();
    } catch (e) {
      if (run !== programsRun) return;
      $("programs-count").textContent = "– nicht geladen: " + e.message;
    }
    $("programs").removeAttribute("aria-busy");
  }

  /* One row per programme; on a phone CSS lays it out as a card (name, status, then the rest with labels). */
  function programRow(p) {
    var box = el("input", { type: "checkbox", id: "cmp-" + p.id, value: p.id, "aria-label": "Vergleichen: " + p.name });
    box.addEventListener("change", compareState);
    function cell(cls, label, content) { return el("td", { role: "cell", class: cls, "data-label": label }, content); }
    return el("tr", { role: "row", "data-program": p.id }, [
      el("td", { role: "cell", class: "cmp" }, box),
      el("th", { scope: "row", role: "rowheader", class: "name" }, el("label", { for: "cmp-" + p.id }, p.name)),
      el("td", { role: "cell", class: "status" }, statusWithDeadline(p)),
      cell("type", "Förderart", p.funding_type), cell("level", "Ebene", name(p.level)), cell("asof", "Stand", asOf(p, ""))]);
  }

  function picked() {
    return [].map.call(document.querySelectorAll("#programs tbody input:checked"), function (b) { return b.value; });
  }

  function compareState() {
    var n = picked().length;
    $("compare-button").disabled = n < 2 || n > 4;
    $("compare-hint").textContent = n > 4 ? "Bitte höchstens vier auswählen." : n ? n + " ausgewählt" : "";
  }

  async function compare() {
    var ids = picked(), out = $("comparison"), programs;
    try {
      programs = await Promise.all(ids.map(function (id) { return get("/api/programs/" + encodeURIComponent(id)); }));
    } catch (e) {
      out.textContent = "Vergleich nicht geladen: " + e.message; return;
    }
    var rows = [
      ["Status", function (p) { return [].concat(statusWithDeadline(p), p.status_note ? " " + p.status_note : ""); }],
      ["Stand", function (p) { return date(p.as_of); }],
      ["Förderart", function (p) { return p.funding_type; }],
      ["Ebene", function (p) { return name(p.level); }],
      ["Träger", function (p) { return p.provider; }],
      ["Förderhöhe", function (p) { return p.amount || "–"; }],
      ["Zielgruppen", function (p) { return p.target_groups.map(name).join(", ") || "–"; }],
      ["Themen", function (p) { return p.topics.map(name).join(", ") || "–"; }],
      ["Region", function (p) { return p.region || "–"; }],
      ["Beendet am", function (p) { return p.ended_on ? date(p.ended_on) : "–"; }],
      ["Nachfolger", function (p) { return p.successor_name || p.successor || "–"; }],
      ["Bitte prüfen", function (p) { return p.uncertain.join(" · ") || "–"; }],
      ["Quelle", function (p) { return link(p.url, "Offizielle Seite"); }]
    ];
    var head = el("tr", null, [el("td")].concat(programs.map(function (p) { return el("th", { scope: "col" }, p.name); })));
    var body = rows.map(function (row) {
      return el("tr", null, [el("th", { scope: "row" }, row[0])].concat(programs.map(function (p) { return el("td", null, row[1](p)); })));
    });
    var table = el("table", { class: "compare" }, [el("caption", null, "Vergleich: " + programs.length + " Programme"),
      el("thead", null, head), el("tbody", null, body)]);
    out.textContent = ""; out.appendChild(table); out.focus();
  }

  /* The answer with the same strict subset as the widget: **bold**, _italic_, "- " lists, [n] citation links. */
  function inline(parent, text, cites) {
    var re = /\*\*([^*\n]+)\*\*|(^|[\s(„"])_([^_\n]+)_(?=$|[\s).,;:!?“"])|\[(\d{1,3})\]/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + (m[2] ? m[2].length : 0);
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      if (m[1] != null) parent.appendChild(el("strong", null, m[1]));
      else if (m[3] != null) parent.appendChild(el("em", null, m[3]));
      else {
        var c = cites.filter(function (x) { return String(x.id) === m[4]; })[0];
        var href = c && safeUrl(c.url, c.page);
        parent.appendChild(href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", title: c.title },
          "[" + m[4] + "]") : document.createTextNode(m[0]));
      }
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function answerBody(text) {
    var lines = text.split("\n"), cut = lines.findIndex(function (l) { return /^(Quellen|Sources):$/.test(l.trim()); });
    return (cut >= 0 ? lines.slice(0, cut) : lines).join("\n").trim();
  }

  async function ask() {
    var question = $("question").value.trim(), out = $("answer");
    if (!question) return;
    out.textContent = "Suche in den Quellen …"; $("export").disabled = true;
    try {
      var res = await fetch("/api/chat", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ message: question, locale: "de" }) });
      var reply = await res.json();
      if (!res.ok) throw new Error(reply.detail || "HTTP " + res.status);
      lastAnswer = { question: question, reply: reply };
      out.textContent = "";
      var list = null;
      answerBody(reply.answer).split("\n").forEach(function (line) {
        if (/^\s*[-*] /.test(line)) {
          if (!list) out.appendChild(list = el("ul"));
          var li = el("li"); inline(li, line.replace(/^\s*[-*] /, ""), reply.citations); list.appendChild(li); return;
        }
        list = null;
        if (line.trim()) { var p = el("p"); inline(p, line, reply.citations); out.appendChild(p); }
      });
      if (reply.citations.length) {
        var ol = el("ol", { class: "sources" });
        reply.citations.forEach(function (c) {
          ol.appendChild(el("li", { value: String(c.id) }, [link(c.url, c.title, c.page),
            (c.page ? ", Seite " + c.page : "") + ", Stand " + date(c.as_of) + (c.attribution ? " – " + c.attribution : "")]));
        });
        out.appendChild(el("h3", null, "Quellen")); out.appendChild(ol);
      }
      $("export").disabled = false;
      $("export-preview").value = toMarkdown(lastAnswer);
    } catch (e) {
      out.textContent = "Keine Antwort: " + e.message;
    }
  }

  /* Markdown for notes and e-mails: the question, the answer and every source with page and as-of date. Server text
   * is escaped so that a Markdown viewer shows it as text: no raw HTML (\<), no inline links ("]\("). */
  function md(text) { return String(text == null ? "" : text).replace(/[<>]/g, "\\$&").replace(/\]\(/g, "]\\("); }
  function mdLink(url, page) { var href = safeUrl(url, page); return href ? ": <" + href + ">" : ""; }

  function toMarkdown(a) {
    var r = a.reply, lines = ["# " + md(a.question.replace(/\s+/g, " ")), "", "_Exportiert am " + date(new Date().toISOString()) +
      " aus dem Förder-Assistenten NRW (automatisch erstellt, keine verbindliche Förderberatung)._", "", md(answerBody(r.answer)), ""];
    if (r.programs.length) {
      lines.push("## Programme", "");
      r.programs.forEach(function (p) {
        lines.push("- **" + md(p.name) + "** – " + name(p.status) + ", " + md(p.funding_type) + ", Stand " + date(p.as_of) + mdLink(p.url));
      });
      lines.push("");
    }
    if (r.citations.length) {
      lines.push("## Quellen", "");
      r.citations.forEach(function (c) {
        lines.push("[" + c.id + "] " + md(c.title) + (c.page ? ", Seite " + c.page : "") + ", Stand " + date(c.as_of) + mdLink(c.url, c.page) +
          (c.attribution ? " (" + md(c.attribution) + ")" : ""));
      });
      lines.push("");
    }
    return lines.join("\n");
  }

  function exportMarkdown() {
    if (!lastAnswer) return;
    var blob = new Blob([toMarkdown(lastAnswer)], { type: "text/markdown;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "foerder-antwort.md" });
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function refresh() { activeCount(); loadPrograms(); if ($("q").value.trim()) search(); else remember(); }

  document.addEventListener("DOMContentLoaded", async function () {
    $("q").value = new URLSearchParams(location.search).get("q") || "";
    facetPanel();
    WIDE.addEventListener("change", facetPanel);
    $("search").addEventListener("submit", function (e) { e.preventDefault(); search(); });
    $("ask").addEventListener("submit", function (e) { e.preventDefault(); ask(); });
    $("facets").addEventListener("change", refresh);
    $("reset-facets").addEventListener("click", function () {
      document.querySelectorAll("#facets input:checked").forEach(function (b) { b.checked = false; });
      refresh();
    });
    $("show-results").addEventListener("click", function () {  // phone: back from the filters to what they found
      $("facet-panel").open = false;
      $("results-heading").focus();
    });
    $("compare-button").addEventListener("click", compare);
    $("export").addEventListener("click", exportMarkdown);
    try {
      catalog = (await get("/api/programs")).programs;
      buildFacets();
    } catch (e) {
      $("facets").textContent = "Filter nicht geladen: " + e.message;
    }
    refresh();
  });
})();
