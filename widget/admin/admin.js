// Admin page: statistics, unanswered questions, feedback and CSV exports from /api/admin/*.
// The bearer token lives only in this tab's sessionStorage. Every value from the API is inserted as text, never
// as HTML; charts are drawn as inline SVG and CSS bars, so the page loads nothing from anywhere else.
(() => {
  "use strict";

  const TOKEN_KEY = "nrwa-admin-token";
  const SVG = "http://www.w3.org/2000/svg";
  const REASONS = { weak: "keine passende Quelle", declined: "ohne gesicherte Antwort",
    rated_down: "als nicht hilfreich bewertet" };
  const $ = (selector) => document.querySelector(selector);
  const number = new Intl.NumberFormat("de-DE");
  const dateTime = new Intl.DateTimeFormat("de-DE", { dateStyle: "short", timeStyle: "short",
    timeZone: "Europe/Berlin" });
  let stats = null;

  class AuthError extends Error {}

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function dayLabel(iso) {
    const [, month, day] = iso.split("-");
    return `${day}.${month}.`;
  }

  // --- talking to the API ---------------------------------------------------------------------------
  async function api(path, params = {}) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const url = new URL(path, location.origin);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
    if (response.status === 401) throw new AuthError("Der Token ist nicht gültig.");
    if (response.status === 404) throw new AuthError("Der Admin-Zugang ist in dieser Installation nicht aktiviert.");
    if (!response.ok) throw new Error(`Die Daten konnten nicht geladen werden (HTTP ${response.status}).`);
    return response;
  }

  async function load() {
    const days = $("#days").value;
    $("#period").textContent = "Lädt …";
    try {
      const [statistics, unanswered, feedback, care] = await Promise.all([
        api("/api/admin/stats", { days }).then((r) => r.json()),
        api("/api/admin/unanswered", { days }).then((r) => r.json()),
        api("/api/admin/feedback", { limit: 50 }).then((r) => r.json()),
        api("/api/admin/corpus-check").then((r) => r.json()),
      ]);
      stats = statistics;
      renderPeriod(statistics.period);
      renderTotals(statistics);
      renderSeries();
      renderUnanswered(unanswered);
      renderBars("#topics", statistics.topics);
      renderBars("#kreise", statistics.kreise);
      renderBars("#bezirke", statistics.regierungsbezirke);
      renderBars("#sectors", statistics.sectors);
      renderBars("#programmes", statistics.programmes);
      renderBars("#partners", statistics.partners);
      renderHandoffs(statistics.handoffs);
      renderLatency(statistics.latency);
      renderFeedback(feedback.feedback);
      renderCare(care);
      return true;
    } catch (error) {
      if (error instanceof AuthError) {
        logout(error.message);
        return false;
      }
      $("#period").textContent = error.message;
      return false;
    }
  }

  // --- login ------------------------------------------------------------------------------------------
  async function login(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    $("#login").hidden = true;
    $("#dashboard").hidden = false;
    if (await load()) $("#totals-heading").focus?.();
  }

  function logout(message = "") {
    sessionStorage.removeItem(TOKEN_KEY);
    $("#dashboard").hidden = true;
    $("#login").hidden = false;
    $("#login-status").textContent = message;
    $("#token").value = "";
    $("#token").focus();
  }

  // --- rendering ----------------------------------------------------------------------------------------
  const CHECKS = {
    ended_but_open: "Ende überschritten, aber offen", ending_soon: "endet bald", stale: "veraltet",
    undated: "ohne Datum", unverified_partner: "Partner nicht bestätigt", no_website: "keine Website",
    unofficial_link: "kein offizieller Link", no_date: "Dokument ohne Datum", catalog: "Katalog",
  };

  function renderCare(report) {
    $("#care-summary").textContent = `Stand ${dayLabel(report.today)}${report.today.slice(0, 4)}: `
      + `${number.format(report.errors)} Fehler, ${number.format(report.warnings)} Hinweise`;
    const body = $("#care tbody");
    body.textContent = "";
    for (const finding of report.findings) {
      const row = document.createElement("tr");
      if (finding.severity === "error") row.className = "warn";
      for (const text of [finding.severity === "error" ? "Fehler" : "Hinweis", CHECKS[finding.check] || finding.check,
                          finding.subject, finding.message]) {
        const cell = document.createElement("td");
        cell.textContent = text;  // text only: the corpus is data, never markup
        row.appendChild(cell);
      }
      body.appendChild(row);
    }
  }

  function renderPeriod(period) {
    $("#period").textContent = `${dayLabel(period.first_day)}${period.first_day.slice(0, 4)} bis `
      + `${dayLabel(period.last_day)}${period.last_day.slice(0, 4)} (${period.days} Tage)`;
  }

  function renderTotals(statistics) {
    const t = statistics.totals;
    const latency = statistics.latency.average_ms;
    const tiles = [
      ["Fragen", number.format(t.questions)],
      ["ohne gute Antwort", number.format(t.unanswered), "warn"],
      ["hilfreich", number.format(t.rated_up)],
      ["nicht hilfreich", number.format(t.rated_down), "warn"],
      ["Übergaben an Partner", number.format(t.handoffs)],
      ["Antwortzeit Ø", latency === null ? "–" : `${number.format(Math.round(latency))} ms`],
    ];
    $("#totals").replaceChildren(...tiles.map(([term, value, kind]) =>
      el("div", kind ? { class: kind } : {}, el("dt", {}, term), el("dd", {}, value))));
  }

  function renderSeries() {
    if (!stats) return;
    const key = document.querySelector("input[name=granularity]:checked").value;
    const points = stats[key];
    const title = key === "per_day" ? "Fragen pro Tag" : "Fragen pro Woche";
    const width = 960, height = 240, left = 36, bottom = 28, top = 12;
    const max = Math.max(1, ...points.map((p) => p.questions));
    const slot = (width - left) / Math.max(1, points.length);
    const bar = Math.max(2, slot * 0.7);
    const scale = (value) => (value / max) * (height - top - bottom);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "series-title" });
    chart.append(svg("title", { id: "series-title" }, `${title}: beantwortet und ohne gute Antwort`));
    chart.append(svg("line", { class: "axis", x1: left, x2: width, y1: height - bottom, y2: height - bottom }));
    chart.append(svg("text", { x: left - 6, y: top + 4, "text-anchor": "end" }, number.format(max)));
    chart.append(svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, "0"));
    const every = Math.ceil(points.length / 12);  // at most about twelve labels under the bars
    points.forEach((point, index) => {
      const x = left + index * slot + (slot - bar) / 2;
      const answered = Math.max(0, point.questions - point.unanswered);
      const group = svg("g", { class: "point" });
      group.append(svg("title", {}, `${point.period}: ${point.questions} Fragen, ${point.unanswered} ohne gute Antwort`));
      group.append(svg("rect", { class: "answered", x, width: bar, y: height - bottom - scale(answered),
        height: scale(answered) }));
      group.append(svg("rect", { class: "gap", x, width: bar, y: height - bottom - scale(point.questions),
        height: scale(point.questions) - scale(answered) }));
      chart.append(group);
      if (index % every === 0) {
        const label = key === "per_day" ? dayLabel(point.period) : point.period.slice(5);
        chart.append(svg("text", { x: x + bar / 2, y: height - bottom + 16, "text-anchor": "middle" }, label));
      }
    });
    const legend = el("ul", { class: "legend", "aria-hidden": "true" },
      el("li", { style: "--swatch:#2f6f9f" }, "beantwortet"), el("li", { style: "--swatch:#d9822b" }, "ohne gute Antwort"));
    const table = el("table", { class: "sr" }, el("caption", {}, title),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Zeitraum"), el("th", { scope: "col" }, "Fragen"),
        el("th", { scope: "col" }, "ohne gute Antwort"), el("th", { scope: "col" }, "Übergaben"))),
      el("tbody", {}, points.map((p) => el("tr", {}, el("th", { scope: "row" }, p.period),
        el("td", {}, String(p.questions)), el("td", {}, String(p.unanswered)), el("td", {}, String(p.handoffs))))));
    $("#series").replaceChildren(el("figcaption", { class: "sr" }, title), chart, legend, table);
  }

  function renderBars(selector, items, limit = 10) {
    const list = $(selector);
    if (!items.length) {
      list.replaceChildren(el("li", {}, el("span", { class: "empty" }, "Keine Daten im Zeitraum")));
      return;
    }
    const max = Math.max(...items.map((item) => item.count));
    list.replaceChildren(...items.slice(0, limit).map((item) => el("li", {},
      el("span", { class: "label", title: item.label }, item.label),
      el("span", { class: "track", "aria-hidden": "true" },
        el("span", { class: "fill", style: `width:${max ? (100 * item.count) / max : 0}%` })),
      el("span", { class: "count" }, number.format(item.count)))));
  }

  function renderUnanswered(report) {
    const groups = report.groups;
    $("#unanswered-summary").textContent = report.total
      ? `${number.format(report.total)} Fragen in ${number.format(groups.length)} `
        + `${groups.length === 1 ? "Gruppe" : "Gruppen"}`
      : "Im Zeitraum gab es keine Fragen ohne gute Antwort.";
    $("#unanswered").replaceChildren(...groups.map((group) => {
      const reasons = Object.entries(REASONS).filter(([key]) => group[key] > 0)
        .map(([key, text]) => `${group[key]}× ${text}`).join(", ");
      const places = group.kreise.map((k) => `${k.label} ${k.count}`).join(", ");
      const examples = group.examples.filter((e) => e.question);
      return el("li", {},
        el("h3", {}, el("span", { class: "n", "aria-hidden": "true" }, String(group.count)),
          el("span", {}, group.summary)),
        el("p", {}, reasons), el("p", {}, `Orte: ${places}`),
        examples.length ? el("details", {}, el("summary", {}, "Beispiele"),
          el("ul", {}, examples.map((e) => el("li", {}, `„${e.question}“ – ${dateTime.format(new Date(e.asked_at))}`
            + (e.kreis ? `, ${e.kreis}` : ""))))) : null);
    }));
  }

  function renderHandoffs(rows) {
    const body = $("#handoffs tbody");
    if (!rows.length) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "6" }, "Keine Übergaben im Zeitraum")));
      return;
    }
    body.replaceChildren(...rows.map((row) => el("tr", {},
      el("th", { scope: "row" }, row.partner_name), el("td", { class: "num" }, String(row.total)),
      el("td", { class: "num" }, String(row.delivered)), el("td", { class: "num" }, String(row.pending)),
      el("td", { class: "num" }, String(row.failed)),
      el("td", {}, el("span", { class: "stack", "aria-hidden": "true" },
        ["delivered", "pending", "failed"].map((state) =>
          el("span", { class: state, style: `width:${(100 * row[state]) / row.total}%` })))))));
  }

  function renderLatency(latency) {
    const ms = (value) => (value === null ? "über 15 s" : `bis ${number.format(value)} ms`);
    $("#latency-summary").textContent = latency.answers
      ? `${number.format(latency.answers)} Antworten, im Mittel ${number.format(Math.round(latency.average_ms))} ms; `
        + `Median ${ms(latency.p50_ms)}, 95 % ${ms(latency.p95_ms)}.`
      : "Keine Antworten im Zeitraum.";
    renderBars("#latency", latency.answers ? latency.classes : [], latency.classes.length);
  }

  function renderFeedback(items) {
    const body = $("#feedback tbody");
    if (!items.length) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "5" }, "Noch keine Bewertungen")));
      return;
    }
    body.replaceChildren(...items.map((item) => el("tr", {},
      el("td", {}, dateTime.format(new Date(item.created_at))),
      el("td", { class: item.rating === "up" ? "rating-up" : "rating-down" },
        item.rating === "up" ? "hilfreich" : "nicht hilfreich"),
      el("td", {}, item.comment || "–"), el("td", {}, item.programmes.join(", ") || "–"),
      el("td", {}, item.sources.join(", ") || "–"))));
  }

  // --- CSV export -------------------------------------------------------------------------------------------
  async function download(kind) {
    const status = $("#export-status");
    status.textContent = "Export wird erstellt …";
    try {
      const response = await api("/api/admin/export.csv", { data: kind, days: $("#days").value });
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "")?.[1]
        || `nrw-assistent-${kind}.csv`;
      const link = el("a", { href: URL.createObjectURL(await response.blob()), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.textContent = `${name} wurde heruntergeladen.`;
    } catch (error) {
      if (error instanceof AuthError) logout(error.message);
      else status.textContent = error.message;
    }
  }

  // --- wiring -------------------------------------------------------------------------------------------------
  $("#totals-heading").setAttribute("tabindex", "-1");
  $("#login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    $("#login-status").textContent = "";
    login($("#token").value.trim());
  });
  $("#logout").addEventListener("click", () => logout("Sie sind abgemeldet."));
  $("#days").addEventListener("change", load);
  for (const radio of document.querySelectorAll("input[name=granularity]")) radio.addEventListener("change", renderSeries);
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => download(button.dataset.export));
  }
  if (sessionStorage.getItem(TOKEN_KEY)) login(sessionStorage.getItem(TOKEN_KEY));
})();
