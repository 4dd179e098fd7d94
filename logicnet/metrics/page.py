"""The status page: one self-contained HTML document (inline CSS, JS and SVG, nothing fetched
from elsewhere).

The first numbers are in the document itself, so it renders without waiting for a request;
then it re-reads /status.json every few seconds. Every value goes in through
``textContent``: a label a remote party chose (an endpoint, a hotkey) is never markup.
"""

from __future__ import annotations

import json
from typing import Any

from logicnet import __version__

__all__ = ["REFRESH_S", "render_page"]

REFRESH_S = 5

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LogicNet __ROLE__ status</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f23;background:#f6f8fa}
h1{font-size:20px;margin:0 0 4px} .sub{color:#57606a;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 16px;min-width:110px}
.card .v{font-size:24px;font-weight:600} .card .k{color:#57606a}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px}
h2{font-size:15px;margin:0 0 8px} table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;
 font-variant-numeric:tabular-nums}
th{color:#57606a;font-weight:500}
td{overflow-wrap:anywhere} td.n{text-align:right} .empty{color:#8c959f}
svg{width:100%;height:180px;background:#fff} .stale{color:#cf222e}
</style></head>
<body>
<h1>LogicNet __ROLE__</h1>
<div class="sub">version __VERSION__ &middot; up <span id="uptime">-</span> &middot;
updated <span id="updated">-</span> &middot; refreshes every __REFRESH__ s &middot;
<a href="metrics">/metrics</a></div>
<div class="cards" id="cards"></div>
<section><h2 id="series-title">Latency</h2><svg id="plot" viewBox="0 0 800 180"
 preserveAspectRatio="none" role="img" aria-label="latency plot"></svg></section>
<div class="grid" id="tables" style="margin-top:16px"></div>
<script type="application/json" id="initial">__INITIAL__</script>
<script>
"use strict";
const NS = "http://www.w3.org/2000/svg";
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function fmt(v) {
  if (typeof v !== "number") return v;
  return Number.isInteger(v) ? v.toLocaleString("en") : v.toFixed(3);
}
function duration(s) {
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  return d ? d + "d " + h + "h" : h ? h + "h " + m + "m" : m + "m " + Math.floor(s % 60) + "s";
}
function svg(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  return e;
}
function plot(series) {
  const box = document.getElementById("plot");
  box.replaceChildren();
  document.getElementById("series-title").textContent = series.title;
  const pts = series.points || [];
  if (!pts.length) {
    const t = svg("text", {x: 400, y: 95, "text-anchor": "middle", fill: "#8c959f"});
    t.textContent = "no data yet";
    box.appendChild(t);
    return;
  }
  // x: the answer's place among the last N (evenly spaced: bursts stay readable).
  const W = 800, H = 180, L = 44, B = 20, n = pts.length;
  const ymax = Math.max(...pts.map(p => p[1]), 0.001) * 1.1;
  const x = i => L + (n > 1 ? i / (n - 1) : 0.5) * (W - L - 8);
  const y = v => H - B - v / ymax * (H - B - 8);
  for (const f of [0, 0.5, 1]) {
    box.appendChild(svg("line", {x1: L, x2: W, y1: y(ymax * f), y2: y(ymax * f),
                                 stroke: "#eaeef2"}));
    const lab = svg("text", {x: L - 4, y: y(ymax * f) + 4, "text-anchor": "end",
                             "font-size": 11, fill: "#57606a"});
    lab.textContent = (ymax * f).toPrecision(2);
    box.appendChild(lab);
  }
  const cap = svg("text", {x: W - 4, y: H - 4, "text-anchor": "end", "font-size": 11,
                           fill: "#57606a"});
  cap.textContent = n + " most recent, oldest left" + (series.legend ? "; " + series.legend : "");
  box.appendChild(cap);
  box.appendChild(svg("polyline", {points: pts.map((p, i) => x(i) + "," + y(p[1])).join(" "),
                                   fill: "none", stroke: "#0969da", "stroke-width": 1.5}));
  for (const [i, p] of pts.entries()) {
    box.appendChild(svg("circle", {cx: x(i), cy: y(p[1]), r: 2.5,
                                   fill: p[2] === "fallback" ? "#cf222e" : "#0969da"}));
  }
}
function render(s) {
  document.getElementById("uptime").textContent = duration(s.uptime_s);
  document.getElementById("updated").textContent = new Date().toLocaleTimeString("en-GB");
  document.getElementById("updated").className = "";
  const cards = document.getElementById("cards");
  cards.replaceChildren();
  for (const [k, v] of s.cards) {
    const c = el("div", undefined, "card");
    c.appendChild(el("div", fmt(v), "v"));
    c.appendChild(el("div", k, "k"));
    cards.appendChild(c);
  }
  const tables = document.getElementById("tables");
  tables.replaceChildren();
  for (const t of s.tables) {
    const sec = el("section");
    sec.appendChild(el("h2", t.title));
    if (!t.rows.length) { sec.appendChild(el("div", "none yet", "empty")); }
    else {
      const tab = el("table"), head = el("tr");
      for (const c of t.columns) head.appendChild(el("th", c));
      tab.appendChild(head);
      for (const r of t.rows) {
        const tr = el("tr");
        for (const v of r) tr.appendChild(el("td", fmt(v), typeof v === "number" ? "n" : ""));
        tab.appendChild(tr);
      }
      sec.appendChild(tab);
    }
    tables.appendChild(sec);
  }
  plot(s.series);
}
async function refresh() {
  try {
    const r = await fetch("status.json", {cache: "no-store"});
    if (!r.ok) throw new Error("HTTP " + r.status);
    render(await r.json());
  } catch (e) {
    const u = document.getElementById("updated");
    u.textContent = "unreachable (" + e.message + ")";
    u.className = "stale";
  }
}
render(JSON.parse(document.getElementById("initial").textContent));
setInterval(refresh, __REFRESH__ * 1000);
</script>
</body></html>
"""


def render_page(role: str, status: dict[str, Any]) -> str:
    """The page for ``role`` with ``status`` (what /status.json returns) as its first data."""
    # Inside <script>, "</" would end the element: JSON's \\u003c escape keeps it data.
    initial = json.dumps(status, separators=(",", ":")).replace("<", "\\u003c")
    return (
        _PAGE.replace("__ROLE__", role.replace("<", ""))
        .replace("__VERSION__", __version__)
        .replace("__REFRESH__", str(REFRESH_S))
        .replace("__INITIAL__", initial)
    )
