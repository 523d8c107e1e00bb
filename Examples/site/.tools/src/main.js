// main.js — wires the dashboard: filters, summary cards, chart and table.
import { $, $all, el, debounce, formatBytes, formatMillis } from "./util.js";
import { getState, update, subscribe, select, summarize, perMinute, distinct } from "./store.js";
import { drawSeries, themeFromDocument } from "./chart.js";
import { renderTable } from "./table.js";
import { REQUESTS } from "./data.js";

function fillSelect(select, values) {
  select.replaceChildren(el("option", { value: "ALL" }, "All"), ...values.map((v) => el("option", { value: v }, v)));
}

function renderCards(container, summary) {
  const cards = [
    ["Requests", summary.count.toLocaleString("en")],
    ["p50 latency", formatMillis(summary.p50)],
    ["p95 latency", formatMillis(summary.p95)],
    ["p99 latency", formatMillis(summary.p99)],
    ["5xx rate", `${(summary.errorRate * 100).toFixed(2)} %`],
    ["Cache hits", `${(summary.cacheRatio * 100).toFixed(1)} %`],
    ["Bytes sent", formatBytes(summary.bytes)],
  ];
  container.replaceChildren(...cards.map(([label, value]) =>
    el("div", { class: "card" }, el("span", { class: "card-label" }, label), el("strong", { class: "card-value" }, value))));
}

function render() {
  const state = getState();
  const rows = select(REQUESTS, state);
  renderCards($("#cards"), summarize(rows));
  drawSeries($("#chart"), perMinute(rows), themeFromDocument());
  renderTable($("#table"), rows, state,
    (key) => update(key === state.sortKey ? { sortDescending: !state.sortDescending } : { sortKey: key, sortDescending: true }),
    (page) => update({ page }));
  const url = new URL(window.location.href);
  for (const key of ["query", "method", "statusClass", "upstream"]) {
    if (state[key] && state[key] !== "ALL") url.searchParams.set(key, state[key]);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, "", url);
}

function restoreFromURL() {
  const params = new URLSearchParams(window.location.search);
  const patch = {};
  for (const key of ["query", "method", "statusClass", "upstream"]) {
    if (params.has(key)) patch[key] = params.get(key);
  }
  update(patch);
  $("#query").value = getState().query;
  for (const select of $all("select[data-filter]")) select.value = getState()[select.dataset.filter];
}

function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem("gatehouse-theme", theme);
  } catch (error) {
    // Private browsing: the choice simply is not remembered.
  }
  render();
}

function start() {
  fillSelect($("#method"), distinct(REQUESTS, "method"));
  fillSelect($("#upstream"), distinct(REQUESTS, "upstream"));
  $("#query").addEventListener("input", debounce((event) => update({ query: event.target.value.trim() })));
  for (const select of $all("select[data-filter]")) {
    select.addEventListener("change", () => update({ [select.dataset.filter]: select.value }));
  }
  $("#theme").addEventListener("click", () =>
    setTheme(document.documentElement.dataset.theme === "dark" ? "light" : "dark"));
  window.addEventListener("resize", debounce(render, 150));
  subscribe(render);
  const saved = (() => { try { return localStorage.getItem("gatehouse-theme"); } catch (error) { return null; } })();
  if (saved) document.documentElement.dataset.theme = saved;
  restoreFromURL();
  render();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
