// The vanilla-JavaScript baseline for the rendering benchmark: reads the same records from
// the app's own IndexedDB database and renders the same rows with the app's stylesheet and
// class names, with plain DOM calls. Query: ?css=<app stylesheet>&engagement=<id>&goal=<id>
const params = new URLSearchParams(location.search);
if (params.get("css")) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = params.get("css");
  document.head.append(link);
}
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const STATUS = { planned: "Planned", held: "Held", cancelled: "Cancelled in time", late_cancelled: "Cancelled late", no_show: "No-show" };
const PURPOSE = {
  session: "Session", mid_point_review: "Mid-point review", periodic_review: "Periodic review", end_review: "End review",
  sponsor_start: "Three-way meeting: start", sponsor_mid: "Three-way meeting: mid-point", sponsor_end: "Three-way meeting: end",
};
const long = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};
const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs, text) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};

// The connection is opened once, before any click, as the app's is.
const db = new Promise((resolve, reject) => {
  const open = indexedDB.open("accord");
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});
const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

async function openSessions() {
  const id = params.get("engagement");
  const tx = (await db).transaction("sessions");
  const records = (await request(tx.objectStore("sessions").index("engagement_id").getAll(id))).filter((r) => !r.deleted);
  records.sort((a, b) => (a.data.date + a.data.time < b.data.date + b.data.time ? -1 : a.data.date + a.data.time > b.data.date + b.data.time ? 1 : 0));
  const main = document.getElementById("main");
  const h1 = el("h1", null, "Sessions");
  const section = el("section", "panel");
  section.append(el("h2", null, "The series"));
  const list = el("ol", "sessions");
  list.setAttribute("aria-label", "Sessions in date order");
  let number = 0;
  for (const record of records) {
    const s = record.data;
    const ordinary = s.purpose === "session";
    const li = el("li", ordinary ? "sessions__item" : "sessions__item sessions__item--special");
    const a = el("a", "sessions__link");
    a.href = `#/engagements/${id}/sessions/${record.id}`;
    a.append(el("span", "sessions__title", ordinary ? `Session ${++number}` : PURPOSE[s.purpose]));
    a.append(el("span", "sessions__when", `${long(s.date)} at ${s.time} · ${s.minutes} minutes`));
    const meta = el("span", "sessions__meta");
    meta.append(el("span", `status status--${s.status}`, STATUS[s.status]));
    if (s.themes.length) meta.append(` · ${s.themes.length} theme${s.themes.length === 1 ? "" : "s"}`);
    li.append(a, meta);
    list.append(li);
  }
  section.append(list);
  main.replaceChildren(h1, section);
}

async function openGoal() {
  const tx = (await db).transaction("goals");
  const record = await request(tx.objectStore("goals").get(params.get("goal")));
  const goal = record.data;
  const entries = goal.progress.entries || goal.progress.entries || [];
  const values = goal.progress.method === "metric" ? entries.map((e) => e.value) : entries.map((e) => e.percent);
  const labels = entries.map((e) => long(e.on));
  // The same geometry as the app's chart: 560 × 200, margins 48/16/16/32.
  const [width, height, left, top] = [560, 200, 48, 16];
  const [right, bottom] = [width - 16, height - 32];
  const [low, high] = goal.progress.method === "metric" ? [Math.min(...values, 0), Math.max(...values, 1)] : [0, 100];
  const y = (v) => bottom - ((v - low) / (high - low)) * (bottom - top);
  const x = (i) => (values.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (values.length - 1));
  const main = document.getElementById("main");
  const section = el("section", "panel");
  section.append(el("h2", null, "Progress"));
  const figure = el("figure", "chart");
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart__svg", preserveAspectRatio: "xMidYMid meet" });
  chart.append(svg("title", {}, "Judged progress over time"));
  for (const tick of [0, 25, 50, 75, 100]) {
    const g = svg("g", { class: "chart__tick" });
    g.append(svg("line", { x1: left, x2: right, y1: y(tick), y2: y(tick) }), svg("text", { x: left - 8, y: y(tick) + 4, "text-anchor": "end" }, String(tick)));
    chart.append(g);
  }
  chart.append(svg("line", { class: "chart__axis", x1: left, x2: right, y1: bottom, y2: bottom }));
  chart.append(svg("path", { class: "chart__line", d: values.map((v, i) => `${i ? "L" : "M"} ${x(i).toFixed(2)} ${y(v).toFixed(2)}`).join(" ") }));
  values.forEach((v, i) => {
    const g = svg("g", { class: "chart__point" });
    g.append(svg("circle", { cx: x(i), cy: y(v), r: 4 }), svg("text", { x: x(i), y: bottom + 20, "text-anchor": "middle" }, labels[i]));
    chart.append(g);
  });
  figure.append(chart, el("figcaption", null, `${values.length} entries`));
  section.append(figure);
  const list = el("ul", "entries");
  for (const e of [...entries].reverse()) {
    const li = el("li");
    li.append(el("strong", null, `${e.percent}%`), ` on ${long(e.on)}`);
    if (e.comment) li.append(`: ${e.comment}`);
    list.append(li);
  }
  section.append(list);
  main.replaceChildren(el("h1", null, goal.title), section);
}

addEventListener("DOMContentLoaded", () => {
  document.getElementById("open-sessions").addEventListener("click", openSessions);
  document.getElementById("open-goal").addEventListener("click", openGoal);
});
