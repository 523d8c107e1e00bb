// table.js — renders the request log as a sortable, paginated table.
import { el, formatBytes, formatMillis, formatTime, statusClass } from "./util.js";

const COLUMNS = [
  { key: "time", label: "Time", render: (r) => formatTime(r.time) },
  { key: "method", label: "Method", render: (r) => r.method },
  { key: "path", label: "Path", render: (r) => el("code", {}, r.path) },
  { key: "status", label: "Status", render: (r) => el("span", { class: `badge ${statusClass(r.status)}` }, r.status) },
  { key: "duration", label: "Duration", render: (r) => formatMillis(r.durationMs), numeric: true },
  { key: "bytes", label: "Size", render: (r) => formatBytes(r.bytes), numeric: true },
  { key: "cache", label: "Cache", render: (r) => r.cache },
  { key: "upstream", label: "Upstream", render: (r) => r.upstream },
];

export function renderTable(container, rows, state, onSort, onPage) {
  const start = state.page * state.pageSize;
  const pageRows = rows.slice(start, start + state.pageSize);
  const pages = Math.max(1, Math.ceil(rows.length / state.pageSize));

  const head = el("tr", {}, COLUMNS.map((column) => {
    const sortable = column.key !== "cache" && column.key !== "upstream";
    const active = state.sortKey === column.key;
    return el("th", {
      class: [column.numeric ? "numeric" : "", active ? "sorted" : ""].join(" ").trim(),
      "aria-sort": active ? (state.sortDescending ? "descending" : "ascending") : "none",
      scope: "col",
    }, sortable
      ? el("button", { type: "button", onclick: () => onSort(column.key) }, column.label, active ? (state.sortDescending ? " ▾" : " ▴") : "")
      : column.label);
  }));

  const body = pageRows.length
    ? pageRows.map((row) => el("tr", { dataset: { id: row.id } },
        COLUMNS.map((column) => el("td", { class: column.numeric ? "numeric" : "" }, column.render(row)))))
    : [el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty" }, "No request matches these filters."))];

  const pager = el("nav", { class: "pager", "aria-label": "Pages" },
    el("button", { type: "button", disabled: state.page === 0, onclick: () => onPage(state.page - 1) }, "← Newer"),
    el("span", {}, `Page ${state.page + 1} of ${pages} · ${rows.length} requests`),
    el("button", { type: "button", disabled: state.page >= pages - 1, onclick: () => onPage(state.page + 1) }, "Older →"));

  container.replaceChildren(
    el("table", { class: "requests" }, el("thead", {}, head), el("tbody", {}, body)),
    pager);
}
