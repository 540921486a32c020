// laosim explorer: builds the levers from the schema the server describes, sends the
// edited values on every change, and draws the headline, charts and differences it gets
// back. No library and no network beyond the server that sent this page.
"use strict";

const state = { set: {}, blocks: null };   // edits sent to the server
let opened = null;                          // the scenario as the server describes it
let initialBlocks = [];                     // its policy blocks (type + values as text)
let pinned = null;                          // edits of the pinned reference, or null
let seq = 0, shown = 0;                     // last request sent, last response drawn
let lastOk = null;                          // edits of the figures on screen
const timings = [];                         // per recompute: where the time went (ms)
window.explorerTimings = timings;

const $ = (sel, root = document) => root.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}
const copy = (x) => JSON.parse(JSON.stringify(x));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const edits = () => ({ set: { ...state.set }, blocks: state.blocks === null ? null : copy(state.blocks) });

// ---------------------------------------------------------------- levers
function bounds(lv) {
  if (lv.low === null && lv.high === null) return "";
  return `bounds ${lv.low === null ? "\u2212\u221e" : lv.low} to ${lv.high === null ? "\u221e" : lv.high}`;
}

function pathText(rows) {
  const filled = rows.filter((r) => r.year.trim() !== "" || r.value.trim() !== "");
  if (filled.length === 1 && filled[0].year.trim() === "") return filled[0].value.trim();
  if (filled.length === 0) return "";
  return "{" + filled.map((r) => `${r.year.trim()}: ${r.value.trim()}`).join(", ") + "}";
}

function pathEditor(lv, onEdit) {
  // A year path as a small table: one row per step (year, value); a constant has no year.
  const wrap = el("div", { class: "path-wrap" });
  const table = el("table", { class: "path" });
  const points = lv.points.length ? lv.points : [[null, lv.value === "" ? "" : lv.value]];
  const rows = points.map(([y, v]) => ({ year: y === null ? "" : String(y), value: String(v) }));
  function draw() {
    table.replaceChildren(el("tr", {}, el("th", { text: "from year" }), el("th", { text: "value" })));
    rows.forEach((r, i) => {
      const year = el("input", { type: "text", value: r.year, placeholder: "all years", "aria-label": `${lv.key} year ${i + 1}` });
      const value = el("input", { type: "text", value: r.value, "aria-label": `${lv.key} value ${i + 1}`, "data-role": "value" });
      year.addEventListener("change", () => { r.year = year.value; onEdit(pathText(rows)); });
      value.addEventListener("change", () => { r.value = value.value; onEdit(pathText(rows)); });
      value.addEventListener("keydown", (e) => { if (e.key === "Enter") value.dispatchEvent(new Event("change")); });
      const remove = el("button", { type: "button", class: "small", title: "remove this year", text: "\u00d7",
        onclick: () => { rows.splice(i, 1); if (!rows.length) rows.push({ year: "", value: "" }); draw(); onEdit(pathText(rows)); } });
      table.append(el("tr", {}, el("td", {}, year), el("td", {}, value), el("td", {}, rows.length > 1 ? remove : null)));
    });
    table.append(el("tr", {}, el("td", { colspan: "3" }, el("button", { type: "button", class: "small", text: "+ year",
      onclick: () => {
        if (rows.length === 1 && rows[0].year.trim() === "") rows[0].year = String(opened.first_year);  // a constant becomes its first step
        rows.push({ year: "", value: rows[rows.length - 1].value }); draw();
      } }))));
  }
  draw();
  wrap.append(table);
  return wrap;
}

function control(lv, value, onEdit) {
  // The input of one lever, built from its kind; onEdit(text) on every committed change.
  if (lv.kind === "path") return pathEditor({ ...lv, value, points: value === lv.value ? lv.points : [] }, onEdit);
  let input;
  if (lv.kind === "choice" || lv.kind === "bool") {
    input = el("select", { id: `lever-${lv.key}`, name: lv.key });
    for (const c of lv.choices) input.append(el("option", { value: c, text: c === "" ? "(none)" : c }));
    input.value = value;
    input.addEventListener("change", () => onEdit(input.value));
    if (lv.fixed) input.disabled = true;
  } else {
    input = el("input", { id: `lever-${lv.key}`, name: lv.key, type: "text", value, spellcheck: "false",
      placeholder: lv.optional ? "(none)" : "" });
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => onEdit(input.value), 600); });
    input.addEventListener("change", () => { clearTimeout(timer); onEdit(input.value); });
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { clearTimeout(timer); onEdit(input.value); } });
  }
  return input;
}

function leverRow(lv, key, value, onEdit) {
  const box = el("div", { class: "lever", "data-key": key });
  const input = control(lv, value, (text) => { box.classList.toggle("changed", text !== lv.value); onEdit(text); });
  const label = el("label", { text: lv.label, title: key });
  if (input.id) label.setAttribute("for", input.id);
  box.append(el("div", { class: "row" }, label, input));
  const unit = ["text", "choice"].includes(lv.unit) ? "" : lv.unit;
  box.append(el("span", { class: "unit", text: [unit, bounds(lv)].filter(Boolean).join("; ") }));
  box.append(el("div", { class: "message", "data-message-for": key }));
  const meta = el("div", { class: "meta" });
  if (lv.status) meta.append(el("span", { class: `status-tag status-${lv.status}`, text: lv.status }));
  meta.append(lv.description);
  box.append(meta);
  if (lv.source) box.append(el("div", { class: "source", text: `Source: ${lv.source}` }));
  return box;
}

function sectionBox(key, title, open) {
  const details = el("details", { class: "section", "data-section": key });
  if (open) details.open = true;
  details.append(el("summary", { text: title }));
  const body = el("div", { class: "body" });
  details.append(body);
  return [details, body];
}

function drawBlocks(body) {
  // Policy blocks: each a fieldset of its type's fields; add and remove by type.
  body.replaceChildren();
  const blocks = state.blocks === null ? initialBlocks : state.blocks;
  blocks.forEach((block, i) => {
    const spec = opened.block_types[block.type];
    const fs = el("fieldset", { class: "block lever", "data-key": `policies.${i}` });
    fs.append(el("legend", { text: `${i + 1}. ${block.type.replace(/_/g, " ")}` }));
    fs.append(el("div", { class: "block-head" }, el("span", { class: "meta", text: spec.description }),
      el("button", { type: "button", class: "small", text: "Remove", title: "remove this block",
        onclick: () => { editBlocks((list) => list.splice(i, 1)); drawBlocks(body); recompute(); } })));
    fs.append(el("div", { class: "message", "data-message-for": `policies.${i}` }));
    for (const field of spec.fields) {
      const value = field.key in block.values ? block.values[field.key] : field.value;
      fs.append(leverRow(field, `policies.${i}.${field.key}`, value, (text) => {
        editBlocks((list) => { list[i].values[field.key] = text; });
        recompute();
      }));
    }
    body.append(fs);
  });
  const choose = el("select", { "aria-label": "policy block type" });
  for (const t of Object.keys(opened.block_types)) choose.append(el("option", { value: t, text: t.replace(/_/g, " ") }));
  body.append(el("div", { class: "add-block" }, choose, el("button", { type: "button", text: "Add block", onclick: () => {
    const spec = opened.block_types[choose.value];
    const values = Object.fromEntries(spec.fields.map((f) => [f.key, f.value]));
    const n = (state.blocks === null ? initialBlocks : state.blocks).length + 1;
    values.name = `${choose.value}_${n}`;
    values.start_year = String(Math.min(opened.first_year + 2, opened.last_year));
    editBlocks((list) => list.push({ type: choose.value, values }));
    drawBlocks(body); recompute();
  } })));
}

function editBlocks(change) {
  const list = state.blocks === null ? copy(initialBlocks) : state.blocks;
  change(list);
  state.blocks = same(list, initialBlocks) ? null : list;
}

function drawLevers() {
  const root = $("#lever-sections");
  root.replaceChildren();
  const [policies, body] = sectionBox("policies", "Policies", true);
  root.append(policies);
  drawBlocks(body);
  for (const section of opened.sections) {
    const [box, inner] = sectionBox(section.key, section.title, false);
    for (const lv of section.levers) {
      inner.append(leverRow(lv, lv.key, lv.value, (text) => {
        if (text === lv.value) delete state.set[lv.key]; else state.set[lv.key] = text;
        recompute();
      }));
    }
    root.append(box);
  }
}

function filterLevers(text) {
  const q = text.trim().toLowerCase();
  for (const box of document.querySelectorAll("#lever-sections .lever:not(fieldset)")) {
    box.classList.toggle("hidden", q !== "" && !box.dataset.key.toLowerCase().includes(q));
  }
  for (const d of document.querySelectorAll("details.section")) {
    if (q !== "") d.open = d.querySelector(".lever:not(.hidden):not(fieldset)") !== null;
  }
}

// ---------------------------------------------------------------- problems
function showProblems(problems) {
  for (const box of document.querySelectorAll(".invalid")) box.classList.remove("invalid");
  for (const m of document.querySelectorAll(".message")) m.textContent = "";
  const general = $("#problems");
  general.replaceChildren();
  for (const p of problems) {
    let key = p.key, box = null;
    while (key && !(box = document.querySelector(`.lever[data-key="${CSS.escape(key)}"]`))) {
      key = key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "";
    }
    if (box) {
      box.classList.add("invalid");
      const m = box.querySelector(`.message[data-message-for="${CSS.escape(key)}"]`);
      m.textContent = m.textContent ? `${m.textContent}\n${p.text}` : p.text;
      const section = box.closest("details");
      if (section) section.open = true;
    }
    general.append(el("p", { text: p.text }));
  }
  if (problems.length) general.prepend(el("p", { text: "Not recomputed; the figures below are still those of the last valid settings:" }));
  general.hidden = problems.length === 0;
  document.body.dataset.problems = String(problems.length);
}

// ---------------------------------------------------------------- results
function niceStep(span, n) {
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}
function tickText(v, step) {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${+(v / 1e6).toFixed(step >= 1e6 ? 0 : 1)} m`;
  if (abs >= 1e4) return `${+(v / 1e3).toFixed(0)} k`;
  const d = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return v.toFixed(d);
}

function lineChart(spec) {
  // An SVG line chart: spec.series [{values, cls, label}] over spec.years, optional
  // spec.bands [{lo, hi, cls, label}] drawn as shaded areas below the lines.
  const W = 420, H = 220, L = 52, R = 22, T = 22, B = 28;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${spec.title} (${spec.unit})`);
  const add = (parent, tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    parent.append(n); return n;
  };
  const bands = spec.bands || [];
  const values = [...spec.series.flatMap((s) => s.values), ...bands.flatMap((b) => [...b.lo, ...b.hi])].filter((v) => v !== null);
  const years = spec.years;
  if (!values.length || years.length < 2) { add(svg, "text", { x: 20, y: 40 }, "not available in this run"); return svg; }
  let lo = Math.min(...values), hi = Math.max(...values);
  if (spec.fixed) [lo, hi] = spec.fixed;
  if (lo > 0 && lo < hi * 0.6) lo = 0;
  if (hi < 0 && hi > lo * 0.6) hi = 0;
  if (hi === lo) { hi = lo + (Math.abs(lo) || 1) * 0.1; lo = lo - (Math.abs(lo) || 1) * 0.1; }
  const step = niceStep(hi - lo, 4);
  lo = Math.floor(lo / step) * step; hi = Math.ceil(hi / step) * step;
  const x = (y) => L + (W - L - R) * (y - years[0]) / (years[years.length - 1] - years[0]);
  const y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  const grid = add(svg, "g", { class: "grid" }), axis = add(svg, "g", { class: "axis" });
  for (let v = lo; v <= hi + step / 2; v += step) {
    add(grid, "line", { x1: L, x2: W - R, y1: y(v), y2: y(v) });
    add(axis, "text", { x: L - 4, y: y(v) + 4, "text-anchor": "end" }, tickText(v, step));
  }
  const span = years[years.length - 1] - years[0];
  const every = span > 60 ? 20 : span > 25 ? 10 : 5;
  for (const yr of years) if (yr % every === 0) add(axis, "text", { x: x(yr), y: H - B + 16, "text-anchor": "middle" }, String(yr));
  add(axis, "line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#8a96a5" });
  for (const band of bands) {
    const top = [], bottom = [];
    years.forEach((yr, i) => { if (band.lo[i] !== null && band.hi[i] !== null) { top.push(`${x(yr).toFixed(1)},${y(band.hi[i]).toFixed(1)}`); bottom.unshift(`${x(yr).toFixed(1)},${y(band.lo[i]).toFixed(1)}`); } });
    if (top.length) add(svg, "polygon", { points: [...top, ...bottom].join(" "), class: band.cls });
  }
  for (const series of spec.series) {
    let d = "", pen = "M";
    series.values.forEach((v, i) => { if (v === null) { pen = "M"; return; } d += `${pen}${x(years[i]).toFixed(1)},${y(v).toFixed(1)}`; pen = "L"; });
    if (d) add(svg, "path", { d, class: series.cls });
  }
  const legend = add(svg, "g", { class: "legend" });
  let at = L;
  for (const item of [...spec.series.slice().reverse(), ...bands]) {
    if (item.values) add(legend, "line", { x1: at, x2: at + 22, y1: 10, y2: 10, class: item.cls });
    else add(legend, "rect", { x: at, y: 5, width: 22, height: 10, class: item.cls });
    add(legend, "text", { x: at + 26, y: 14 }, item.label);
    at += 34 + 6.2 * item.label.length;
  }
  return svg;
}

function drawResults(data) {
  const head = $("#headline");
  head.replaceChildren(...data.headline.map((h) => el("div", { class: "card", id: `headline-${h.id}`,
    "data-value": h.data === null ? "" : String(h.data) },
    el("h3", { text: h.label }), el("div", { class: "value", text: h.text }), el("div", { class: "note", text: h.note }))));
  $("#charts").replaceChildren(...data.charts.map((c) => el("div", { class: "chart", id: `chart-${c.id}` },
    el("h3", { text: `${c.title} (${c.unit})` }),
    lineChart({ ...c, series: [{ values: c.reference, cls: "reference", label: "reference" },
                               { values: c.current, cls: "current", label: "current" }] }))));
  $("#differences-title").textContent = `Differences from the reference (${data.reference})`;
  const table = $("#differences");
  const top = el("tr", {}, el("th", { text: "indicator (unit)", rowspan: "2", class: "label" }));
  const sub = el("tr");
  for (const yr of data.differences.years) {
    top.append(el("th", { text: String(yr), colspan: "3" }));
    sub.append(el("th", { text: "reference" }), el("th", { text: "current" }), el("th", { text: "difference" }));
  }
  const rows = data.differences.rows.map((r) => el("tr", {}, el("td", { text: `${r.label} (${r.unit})`, class: "label" }),
    ...r.cells.flatMap((c) => [el("td", { text: c.reference }), el("td", { text: c.current }),
      el("td", { text: c.difference, class: c.changed ? "changed" : "" })])));
  table.replaceChildren(el("thead", {}, top, sub), el("tbody", {}, ...rows));
}

function serverTiming(header) {
  const out = {};
  for (const part of (header || "").split(",")) {
    const m = part.trim().match(/^(\w+);dur=([\d.]+)/);
    if (m) out[m[1]] = parseFloat(m[2]);
  }
  return out;
}

let lastSent = null;
async function recompute() {
  const sent = edits();
  const request = JSON.stringify({ edits: sent, reference: pinned });
  if (request === lastSent) return;   // the same settings as the last request (Enter, then blur)
  lastSent = request;
  const mine = ++seq;
  document.body.dataset.sent = String(mine);
  const t0 = performance.now();
  document.body.dataset.state = "busy";
  $("#status").textContent = "Recomputing\u2026";
  let response, data;
  try {
    response = await fetch("/api/explore", { method: "POST", headers: { "Content-Type": "application/json" },
      body: request });
    data = await response.json();
  } catch (err) {
    if (mine === seq) { $("#status").textContent = `The server did not answer (${err}).`; document.body.dataset.state = "error"; }
    return;
  }
  const t1 = performance.now();
  if (mine !== seq) return;          // a later change is on its way: draw that one
  if (!data.ok) {
    showProblems(data.problems);
    $("#status").textContent = "Not recomputed: a value is invalid (see the message beside it).";
  } else {
    showProblems([]);
    drawResults(data);
    lastOk = sent;
  }
  const t2 = performance.now();
  requestAnimationFrame(() => setTimeout(() => {
    const t3 = performance.now(), server = serverTiming(response.headers.get("Server-Timing"));
    const total = t3 - t0;
    timings.push({ seq: mine, ok: data.ok, total, model: server.model || 0, serialise: server.serialise || 0,
                   transfer: t1 - t0 - (server.model || 0) - (server.serialise || 0), render: t3 - t1, draw: t2 - t1 });
    if (data.ok) $("#status").textContent = `Recomputed in ${(total / 1000).toFixed(2)} s (model ${((server.model || 0) / 1000).toFixed(2)} s). `
      + `Reference: ${data.reference}.`;
    shown = mine;
    document.body.dataset.seq = String(mine);
    document.body.dataset.state = data.ok ? "ready" : "invalid";
  }, 0));
}

// ---------------------------------------------------------------- actions
async function download(url, fallbackName) {
  $("#status").textContent = "Preparing the download\u2026";
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(edits()) });
  if (!response.ok) {
    const data = await response.json();
    showProblems(data.problems);
    $("#status").textContent = "Nothing to download: a value is invalid.";
    return;
  }
  const blob = await response.blob();
  const name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
  const a = el("a", { href: URL.createObjectURL(blob), download: name ? name[1] : fallbackName });
  document.body.append(a); a.click(); a.remove();
  $("#status").textContent = `Downloaded ${name ? name[1] : fallbackName}.`;
  document.body.dataset.downloaded = name ? name[1] : fallbackName;
}

// ---------------------------------------------------------------- uncertainty
const FUND_LABELS = { health: "health", short_term: "short-term", long_term: "long-term" };
function drawSweep(job, settings) {
  const f = job.figures;
  $("#sweep-note").textContent = `${f.draws} draws from ${f.source}, for the settings of ${settings}.`;
  const cards = Object.entries(f.depletion_at).map(([fund, at]) => el("div", { class: "card", id: `sweep-depletion-${fund}`,
    "data-value": JSON.stringify(at) },
    el("h3", { text: `Probability the ${FUND_LABELS[fund] || fund} fund is depleted` }),
    el("div", { class: "value", text: Object.entries(at).map(([y, p]) => `${p === null ? "n/a" : p.toFixed(0) + " %"} by ${y}`).join("; ") })));
  if (f.members) {
    const m = f.members, n = (v) => Math.round(v).toLocaleString("en-US");
    cards.unshift(el("div", { class: "card", id: "sweep-members", "data-value": String(m.median) },
      el("h3", { text: `Voluntary members, end-${m.year}` }), el("div", { class: "value", text: n(m.median) }),
      el("div", { class: "note", text: `median of the draws; 5-95 %: ${n(m.low)} to ${n(m.high)}` })));
  }
  $("#sweep-cards").replaceChildren(...cards);
  const fans = f.fans.map((c) => el("div", { class: "chart", id: `chart-${c.id}` }, el("h3", { text: `${c.title} (${c.unit})` }),
    lineChart({ ...c, series: [{ values: c.median, cls: "current", label: "median" }],
                bands: [{ lo: c.bands[0][0], hi: c.bands[0][1], cls: "band-outer", label: "5-95 %" },
                        { lo: c.bands[1][0], hi: c.bands[1][1], cls: "band-inner", label: "25-75 %" }] })));
  const depletion = el("div", { class: "chart", id: "chart-depletion-probability" },
    el("h3", { text: "Probability that a sub-fund is depleted by each year (% of draws)" }),
    lineChart({ title: "Depletion probability", unit: "% of draws", years: f.years, fixed: [0, 100],
                series: f.depletion.map((d) => ({ values: d.values, cls: `fund-${d.fund}`, label: FUND_LABELS[d.fund] || d.fund })) }));
  $("#fans").replaceChildren(depletion, ...fans);
}

async function runSweep() {
  const draws = parseInt($("#draws").value, 10);
  const section = $("#uncertainty");
  section.hidden = false;
  const bar = $("#sweep-progress");
  bar.value = 0;
  $("#sweep-note").textContent = "Starting the sweep (the first one also starts two worker processes)…";
  document.body.dataset.sweep = "running";
  const settings = new Date().toLocaleTimeString();
  const response = await fetch("/api/sweep", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ edits: edits(), draws: Number.isFinite(draws) ? draws : null }) });
  let job = await response.json();
  if (!job.ok) { $("#sweep-note").textContent = job.problems.map((p) => p.text).join(" "); document.body.dataset.sweep = "refused"; return; }
  $("#run-sweep").disabled = true;
  while (job.status === "running") {
    await new Promise((r) => setTimeout(r, 300));
    job = await (await fetch(`/api/sweep/${job.job}`)).json();
    bar.max = job.total; bar.value = job.done;
    $("#sweep-note").textContent = `Running ${job.draws} draws: ${job.done} of ${job.total} chunks done…`;
  }
  $("#run-sweep").disabled = false;
  if (job.status === "done") drawSweep(job, settings);
  else $("#sweep-note").textContent = `The sweep failed: ${job.message}`;
  document.body.dataset.sweep = job.status;
}

async function start() {
  opened = await (await fetch("/api/scenario")).json();
  initialBlocks = copy(opened.blocks);
  $("#scenario-name").textContent = `Scenario '${opened.name}' (${opened.path}), ${opened.first_year}\u2013${opened.last_year}`;
  document.title = `laosim explorer: ${opened.name}`;
  drawLevers();
  $("#filter").addEventListener("input", (e) => filterLevers(e.target.value));
  $("#reset").addEventListener("click", () => { state.set = {}; state.blocks = null; drawLevers(); recompute(); });
  $("#pin").addEventListener("click", (e) => {
    if (pinned === null && lastOk !== null) { pinned = copy(lastOk); e.target.textContent = "Unpin reference"; e.target.classList.add("pinned"); }
    else { pinned = null; e.target.textContent = "Pin as reference"; e.target.classList.remove("pinned"); }
    recompute();
  });
  $("#download-scenario").addEventListener("click", () => download("/api/download/scenario", "scenario.yaml"));
  $("#download-results").addEventListener("click", () => download("/api/download/results", "results.zip"));
  $("#run-sweep").addEventListener("click", runSweep);
  recompute();
}
start();
