/*! Gatehouse status dashboard — example bundle for the asset pipeline. */
(function () {
  "use strict";

  // util.js
  // util.js — small helpers shared by the dashboard modules.

  function $(selector, root = document) {
    return root.querySelector(selector);
  }

  function $all(selector, root = document) {
    return Array.from(root.querySelectorAll(selector));
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (value !== false && value != null) node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function debounce(fn, wait = 120) {
    let timer = 0;
    return function debounced(...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), wait);
    };
  }

  const BYTE_UNITS = ["B", "KB", "MB", "GB"];

  function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
      value /= 1000;
      unit += 1;
    }
    return unit === 0 ? `${value} ${BYTE_UNITS[unit]}` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
  }

  function formatMillis(ms) {
    if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
    if (ms < 1000) return `${ms.toFixed(1)} ms`;
    return `${(ms / 1000).toFixed(2)} s`;
  }

  function formatTime(epochSeconds) {
    const date = new Date(epochSeconds * 1000);
    return date.toISOString().slice(11, 19);
  }

  function quantile(sorted, q) {
    if (sorted.length === 0) return 0;
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    if (lower === upper) return sorted[lower];
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  function groupBy(items, keyFn) {
    const groups = new Map();
    for (const item of items) {
      const key = keyFn(item);
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
    return groups;
  }

  function statusClass(status) {
    if (status >= 500) return "status-5xx";
    if (status >= 400) return "status-4xx";
    if (status >= 300) return "status-3xx";
    return "status-2xx";
  }

  // store.js
  // store.js — the dashboard's state: filters, sort order, and derived views of the request log.

  const listeners = new Set();

  const state = {
    query: "",
    method: "ALL",
    statusClass: "ALL",
    upstream: "ALL",
    sortKey: "time",
    sortDescending: true,
    page: 0,
    pageSize: 50,
  };

  function getState() {
    return state;
  }

  function update(patch) {
    let changed = false;
    for (const [key, value] of Object.entries(patch)) {
      if (state[key] !== value) {
        state[key] = value;
        changed = true;
      }
    }
    if (!("page" in patch) && changed) state.page = 0;
    if (changed) for (const listener of listeners) listener(state);
  }

  function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function matches(request, s) {
    if (s.method !== "ALL" && request.method !== s.method) return false;
    if (s.upstream !== "ALL" && request.upstream !== s.upstream) return false;
    if (s.statusClass !== "ALL" && Math.floor(request.status / 100) !== Number(s.statusClass[0])) return false;
    if (s.query) {
      const q = s.query.toLowerCase();
      return request.path.toLowerCase().includes(q) || request.client.includes(q) || request.id.includes(q);
    }
    return true;
  }

  const comparators = {
    time: (a, b) => a.time - b.time,
    status: (a, b) => a.status - b.status || a.time - b.time,
    duration: (a, b) => a.durationMs - b.durationMs,
    bytes: (a, b) => a.bytes - b.bytes,
    path: (a, b) => a.path.localeCompare(b.path) || a.time - b.time,
    method: (a, b) => a.method.localeCompare(b.method) || a.time - b.time,
  };

  function select(requests, s = state) {
    const filtered = requests.filter((r) => matches(r, s));
    const compare = comparators[s.sortKey] || comparators.time;
    filtered.sort(s.sortDescending ? (a, b) => compare(b, a) : compare);
    return filtered;
  }

  function summarize(requests) {
    const durations = requests.map((r) => r.durationMs).sort((a, b) => a - b);
    const errors = requests.filter((r) => r.status >= 500).length;
    const bytes = requests.reduce((sum, r) => sum + r.bytes, 0);
    const cached = requests.filter((r) => r.cache === "HIT" || r.cache === "STALE").length;
    return {
      count: requests.length,
      p50: quantile(durations, 0.5),
      p95: quantile(durations, 0.95),
      p99: quantile(durations, 0.99),
      errorRate: requests.length ? errors / requests.length : 0,
      cacheRatio: requests.length ? cached / requests.length : 0,
      bytes,
    };
  }

  function perMinute(requests) {
    if (requests.length === 0) return [];
    const byMinute = groupBy(requests, (r) => Math.floor(r.time / 60));
    const minutes = Array.from(byMinute.keys()).sort((a, b) => a - b);
    const first = minutes[0];
    const last = minutes[minutes.length - 1];
    const series = [];
    for (let minute = first; minute <= last; minute += 1) {
      const bucket = byMinute.get(minute) || [];
      series.push({
        minute,
        total: bucket.length,
        errors: bucket.filter((r) => r.status >= 500).length,
      });
    }
    return series;
  }

  function distinct(requests, field) {
    return Array.from(new Set(requests.map((r) => r[field]))).sort();
  }

  // chart.js
  // chart.js — a dependency-free canvas chart of requests per minute, errors stacked in red.

  const PADDING = { top: 12, right: 12, bottom: 22, left: 36 };

  function niceMax(value) {
    if (value <= 0) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
  }

  function drawSeries(canvas, series, theme) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const plotWidth = width - PADDING.left - PADDING.right;
    const plotHeight = height - PADDING.top - PADDING.bottom;
    if (series.length === 0 || plotWidth <= 0 || plotHeight <= 0) return;

    const max = niceMax(Math.max(...series.map((point) => point.total)));
    const barWidth = Math.max(1, plotWidth / series.length - 1);

    ctx.strokeStyle = theme.grid;
    ctx.fillStyle = theme.muted;
    ctx.font = "11px var(--font-ui, sans-serif)";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let i = 0; i <= 4; i += 1) {
      const value = (max / 4) * i;
      const y = PADDING.top + plotHeight - (plotHeight * value) / max;
      ctx.beginPath();
      ctx.moveTo(PADDING.left, Math.round(y) + 0.5);
      ctx.lineTo(width - PADDING.right, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.fillText(String(Math.round(value)), PADDING.left - 6, y);
    }

    series.forEach((point, index) => {
      const x = PADDING.left + index * (plotWidth / series.length);
      const totalHeight = (plotHeight * point.total) / max;
      const errorHeight = (plotHeight * point.errors) / max;
      ctx.fillStyle = theme.accent;
      ctx.fillRect(x, PADDING.top + plotHeight - totalHeight, barWidth, totalHeight - errorHeight);
      if (point.errors > 0) {
        ctx.fillStyle = theme.danger;
        ctx.fillRect(x, PADDING.top + plotHeight - errorHeight, barWidth, errorHeight);
      }
    });

    ctx.fillStyle = theme.muted;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const labelEvery = Math.max(1, Math.ceil(series.length / 8));
    series.forEach((point, index) => {
      if (index % labelEvery !== 0) return;
      const x = PADDING.left + index * (plotWidth / series.length) + barWidth / 2;
      const date = new Date(point.minute * 60000);
      ctx.fillText(date.toISOString().slice(11, 16), x, PADDING.top + plotHeight + 6);
    });
  }

  function themeFromDocument() {
    const styles = getComputedStyle(document.documentElement);
    const read = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
    return {
      accent: read("--accent", "#2f6fed"),
      danger: read("--danger", "#d64545"),
      grid: read("--grid", "#e3e6ec"),
      muted: read("--muted", "#6b7280"),
    };
  }

  // table.js
  // table.js — renders the request log as a sortable, paginated table.

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

  function renderTable(container, rows, state, onSort, onPage) {
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

  // data.js
  const REQUESTS = [
    { id: "r-000000", time: 1718100002, method: "POST", path: "/api/customers/7527/", status: 200, durationMs: 27.35, bytes: 38134, cache: "BYPASS", upstream: "app-3", client: "198.51.100.205" },
    { id: "r-000001", time: 1718100004, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 87.33, bytes: 0, cache: "MISS", upstream: "static", client: "203.0.113.95" },
    { id: "r-000002", time: 1718100005, method: "GET", path: "/login/", status: 201, durationMs: 69.53, bytes: 42085, cache: "BYPASS", upstream: "app-1", client: "203.0.113.98" },
    { id: "r-000003", time: 1718100005, method: "GET", path: "/admin/shop/order/5570/change/", status: 502, durationMs: 284.0, bytes: 20156, cache: "HIT", upstream: "app-3", client: "198.51.100.248" },
    { id: "r-000004", time: 1718100007, method: "GET", path: "/api/inventory/8810/stock/", status: 200, durationMs: 33.2, bytes: 14838, cache: "MISS", upstream: "app-2", client: "198.51.100.171" },
    { id: "r-000005", time: 1718100010, method: "GET", path: "/account/settings/", status: 200, durationMs: 33.12, bytes: 32797, cache: "HIT", upstream: "app-3", client: "198.51.100.35" },
    { id: "r-000006", time: 1718100010, method: "GET", path: "/media/products/1788.jpg", status: 304, durationMs: 27.95, bytes: 0, cache: "MISS", upstream: "static", client: "203.0.113.63" },
    { id: "r-000007", time: 1718100010, method: "GET", path: "/media/products/9157.jpg", status: 200, durationMs: 85.3, bytes: 42418, cache: "HIT", upstream: "static", client: "203.0.113.162" },
    { id: "r-000008", time: 1718100013, method: "GET", path: "/cart/", status: 404, durationMs: 91.92, bytes: 10281, cache: "MISS", upstream: "app-2", client: "198.51.100.87" },
    { id: "r-000009", time: 1718100015, method: "GET", path: "/logout/", status: 200, durationMs: 17.55, bytes: 6182, cache: "MISS", upstream: "app-2", client: "198.51.100.218" },
    { id: "r-000010", time: 1718100017, method: "GET", path: "/checkout/", status: 200, durationMs: 36.5, bytes: 38148, cache: "MISS", upstream: "app-1", client: "198.51.100.16" },
    { id: "r-000011", time: 1718100019, method: "GET", path: "/login/", status: 304, durationMs: 92.12, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.213" },
    { id: "r-000012", time: 1718100019, method: "GET", path: "/feeds/latest.xml", status: 304, durationMs: 87.28, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "203.0.113.197" },
    { id: "r-000013", time: 1718100021, method: "GET", path: "/blog/willow-orchard/", status: 200, durationMs: 97.42, bytes: 10053, cache: "BYPASS", upstream: "app-1", client: "203.0.113.253" },
    { id: "r-000014", time: 1718100023, method: "GET", path: "/api/orders/", status: 200, durationMs: 67.12, bytes: 18677, cache: "HIT", upstream: "app-2", client: "203.0.113.52" },
    { id: "r-000015", time: 1718100025, method: "GET", path: "/media/products/7443.jpg", status: 200, durationMs: 10.42, bytes: 6809, cache: "HIT", upstream: "static", client: "203.0.113.224" },
    { id: "r-000016", time: 1718100027, method: "PUT", path: "/api/customers/8015/", status: 200, durationMs: 46.95, bytes: 13860, cache: "BYPASS", upstream: "app-2", client: "198.51.100.45" },
    { id: "r-000017", time: 1718100028, method: "GET", path: "/api/orders/", status: 204, durationMs: 20.02, bytes: 0, cache: "MISS", upstream: "app-2", client: "203.0.113.178" },
    { id: "r-000018", time: 1718100028, method: "GET", path: "/", status: 200, durationMs: 99.28, bytes: 43004, cache: "MISS", upstream: "app-1", client: "203.0.113.2" },
    { id: "r-000019", time: 1718100028, method: "GET", path: "/cart/", status: 200, durationMs: 23.07, bytes: 45646, cache: "MISS", upstream: "app-1", client: "203.0.113.147" },
    { id: "r-000020", time: 1718100029, method: "GET", path: "/logout/", status: 200, durationMs: 77.05, bytes: 3583, cache: "STALE", upstream: "app-3", client: "198.51.100.241" },
    { id: "r-000021", time: 1718100032, method: "GET", path: "/blog/meadow-signal/", status: 304, durationMs: 92.7, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.89" },
    { id: "r-000022", time: 1718100034, method: "GET", path: "/api/customers/7141/", status: 200, durationMs: 67.85, bytes: 24567, cache: "HIT", upstream: "app-2", client: "198.51.100.93" },
    { id: "r-000023", time: 1718100036, method: "GET", path: "/api/orders/3562/", status: 200, durationMs: 6.33, bytes: 35624, cache: "MISS", upstream: "app-1", client: "203.0.113.55" },
    { id: "r-000024", time: 1718100039, method: "GET", path: "/account/settings/", status: 200, durationMs: 41.25, bytes: 46902, cache: "MISS", upstream: "app-2", client: "203.0.113.110" },
    { id: "r-000025", time: 1718100040, method: "GET", path: "/account/settings/", status: 200, durationMs: 69.53, bytes: 1650, cache: "MISS", upstream: "app-3", client: "198.51.100.107" },
    { id: "r-000026", time: 1718100043, method: "GET", path: "/api/search/?q=harbor", status: 304, durationMs: 35.05, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.206" },
    { id: "r-000027", time: 1718100046, method: "GET", path: "/media/products/6691.jpg", status: 201, durationMs: 2.38, bytes: 5540, cache: "HIT", upstream: "static", client: "198.51.100.19" },
    { id: "r-000028", time: 1718100048, method: "GET", path: "/media/products/6937.jpg", status: 200, durationMs: 45.53, bytes: 39191, cache: "MISS", upstream: "static", client: "203.0.113.88" },
    { id: "r-000029", time: 1718100048, method: "GET", path: "/admin/", status: 200, durationMs: 33.18, bytes: 39869, cache: "HIT", upstream: "app-1", client: "203.0.113.189" },
    { id: "r-000030", time: 1718100048, method: "GET", path: "/cart/", status: 200, durationMs: 4.67, bytes: 18375, cache: "MISS", upstream: "app-1", client: "203.0.113.51" },
    { id: "r-000031", time: 1718100051, method: "GET", path: "/cart/", status: 403, durationMs: 11.4, bytes: 41415, cache: "MISS", upstream: "app-1", client: "203.0.113.32" },
    { id: "r-000032", time: 1718100051, method: "GET", path: "/account/settings/", status: 200, durationMs: 67.17, bytes: 24301, cache: "HIT", upstream: "app-2", client: "203.0.113.4" },
    { id: "r-000033", time: 1718100054, method: "GET", path: "/healthz", status: 204, durationMs: 64.53, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.162" },
    { id: "r-000034", time: 1718100054, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 20.45, bytes: 35726, cache: "MISS", upstream: "app-1", client: "198.51.100.249" },
    { id: "r-000035", time: 1718100055, method: "GET", path: "/logout/", status: 200, durationMs: 47.2, bytes: 42325, cache: "HIT", upstream: "app-3", client: "198.51.100.128" },
    { id: "r-000036", time: 1718100058, method: "GET", path: "/api/orders/5500/", status: 200, durationMs: 65.15, bytes: 26343, cache: "MISS", upstream: "app-3", client: "198.51.100.228" },
    { id: "r-000037", time: 1718100058, method: "GET", path: "/blog/signal-willow/", status: 403, durationMs: 28.8, bytes: 16823, cache: "BYPASS", upstream: "app-3", client: "198.51.100.191" },
    { id: "r-000038", time: 1718100061, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 95.4, bytes: 2381, cache: "HIT", upstream: "app-3", client: "198.51.100.195" },
    { id: "r-000039", time: 1718100062, method: "GET", path: "/admin/", status: 200, durationMs: 10.2, bytes: 32770, cache: "HIT", upstream: "app-1", client: "198.51.100.91" },
    { id: "r-000040", time: 1718100064, method: "GET", path: "/", status: 200, durationMs: 97.78, bytes: 11092, cache: "MISS", upstream: "app-2", client: "198.51.100.19" },
    { id: "r-000041", time: 1718100067, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 57.7, bytes: 21537, cache: "BYPASS", upstream: "app-2", client: "198.51.100.160" },
    { id: "r-000042", time: 1718100068, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 45.1, bytes: 31635, cache: "HIT", upstream: "app-3", client: "203.0.113.138" },
    { id: "r-000043", time: 1718100069, method: "GET", path: "/account/settings/", status: 200, durationMs: 63.05, bytes: 10251, cache: "HIT", upstream: "app-2", client: "198.51.100.28" },
    { id: "r-000044", time: 1718100070, method: "GET", path: "/api/customers/8397/", status: 200, durationMs: 35.62, bytes: 18749, cache: "MISS", upstream: "app-3", client: "203.0.113.79" },
    { id: "r-000045", time: 1718100072, method: "GET", path: "/admin/", status: 200, durationMs: 48.15, bytes: 24811, cache: "BYPASS", upstream: "app-2", client: "198.51.100.155" },
    { id: "r-000046", time: 1718100075, method: "GET", path: "/checkout/", status: 200, durationMs: 9.17, bytes: 30541, cache: "HIT", upstream: "app-3", client: "203.0.113.231" },
    { id: "r-000047", time: 1718100076, method: "GET", path: "/blog/gate-signal/", status: 200, durationMs: 36.78, bytes: 5554, cache: "MISS", upstream: "app-2", client: "198.51.100.31" },
    { id: "r-000048", time: 1718100078, method: "GET", path: "/cart/", status: 200, durationMs: 34.6, bytes: 40937, cache: "BYPASS", upstream: "app-3", client: "198.51.100.211" },
    { id: "r-000049", time: 1718100079, method: "GET", path: "/logout/", status: 200, durationMs: 4.7, bytes: 33421, cache: "HIT", upstream: "app-1", client: "203.0.113.151" },
    { id: "r-000050", time: 1718100080, method: "GET", path: "/blog/meadow-meadow/", status: 200, durationMs: 8.1, bytes: 24989, cache: "BYPASS", upstream: "app-2", client: "198.51.100.151" },
    { id: "r-000051", time: 1718100083, method: "GET", path: "/api/orders/7510/", status: 304, durationMs: 17.55, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.169" },
    { id: "r-000052", time: 1718100085, method: "GET", path: "/account/settings/", status: 200, durationMs: 12.55, bytes: 22665, cache: "MISS", upstream: "app-2", client: "203.0.113.97" },
    { id: "r-000053", time: 1718100086, method: "GET", path: "/", status: 200, durationMs: 74.75, bytes: 2889, cache: "MISS", upstream: "app-2", client: "203.0.113.13" },
    { id: "r-000054", time: 1718100086, method: "GET", path: "/cart/", status: 200, durationMs: 9.72, bytes: 4626, cache: "HIT", upstream: "app-1", client: "198.51.100.60" },
    { id: "r-000055", time: 1718100088, method: "GET", path: "/media/products/8687.jpg", status: 200, durationMs: 42.3, bytes: 12952, cache: "MISS", upstream: "static", client: "203.0.113.247" },
    { id: "r-000056", time: 1718100091, method: "GET", path: "/login/", status: 404, durationMs: 23.85, bytes: 44852, cache: "STALE", upstream: "app-1", client: "198.51.100.45" },
    { id: "r-000057", time: 1718100093, method: "GET", path: "/logout/", status: 200, durationMs: 68.03, bytes: 793, cache: "BYPASS", upstream: "app-3", client: "198.51.100.47" },
    { id: "r-000058", time: 1718100093, method: "GET", path: "/checkout/", status: 200, durationMs: 13.82, bytes: 21669, cache: "MISS", upstream: "app-3", client: "203.0.113.20" },
    { id: "r-000059", time: 1718100093, method: "GET", path: "/admin/", status: 304, durationMs: 29.82, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.231" },
    { id: "r-000060", time: 1718100094, method: "GET", path: "/api/orders/", status: 200, durationMs: 25.57, bytes: 37618, cache: "HIT", upstream: "app-2", client: "198.51.100.189" },
    { id: "r-000061", time: 1718100097, method: "GET", path: "/checkout/", status: 200, durationMs: 54.93, bytes: 36710, cache: "MISS", upstream: "app-3", client: "203.0.113.10" },
    { id: "r-000062", time: 1718100097, method: "DELETE", path: "/api/search/?q=signal", status: 201, durationMs: 67.12, bytes: 27932, cache: "BYPASS", upstream: "app-1", client: "198.51.100.61" },
    { id: "r-000063", time: 1718100100, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 29.57, bytes: 29900, cache: "HIT", upstream: "static", client: "203.0.113.203" },
    { id: "r-000064", time: 1718100102, method: "GET", path: "/logout/", status: 200, durationMs: 82.1, bytes: 39336, cache: "HIT", upstream: "app-3", client: "203.0.113.234" },
    { id: "r-000065", time: 1718100105, method: "GET", path: "/checkout/", status: 200, durationMs: 24.9, bytes: 2440, cache: "BYPASS", upstream: "app-3", client: "203.0.113.52" },
    { id: "r-000066", time: 1718100105, method: "GET", path: "/blog/copper-willow/", status: 200, durationMs: 39.0, bytes: 10691, cache: "HIT", upstream: "app-2", client: "203.0.113.174" },
    { id: "r-000067", time: 1718100107, method: "DELETE", path: "/api/orders/", status: 400, durationMs: 6.08, bytes: 45985, cache: "BYPASS", upstream: "app-3", client: "198.51.100.113" },
    { id: "r-000068", time: 1718100110, method: "GET", path: "/media/products/3265.jpg", status: 200, durationMs: 73.12, bytes: 16312, cache: "HIT", upstream: "static", client: "198.51.100.177" },
    { id: "r-000069", time: 1718100112, method: "PUT", path: "/api/orders/8843/", status: 200, durationMs: 18.6, bytes: 36363, cache: "BYPASS", upstream: "app-1", client: "198.51.100.87" },
    { id: "r-000070", time: 1718100114, method: "GET", path: "/feeds/latest.xml", status: 404, durationMs: 71.8, bytes: 16924, cache: "MISS", upstream: "app-2", client: "198.51.100.224" },
    { id: "r-000071", time: 1718100114, method: "GET", path: "/api/orders/", status: 200, durationMs: 36.8, bytes: 3538, cache: "HIT", upstream: "app-3", client: "203.0.113.66" },
    { id: "r-000072", time: 1718100116, method: "GET", path: "/api/inventory/8973/stock/", status: 200, durationMs: 36.98, bytes: 8162, cache: "MISS", upstream: "app-3", client: "198.51.100.246" },
    { id: "r-000073", time: 1718100116, method: "GET", path: "/api/customers/3964/", status: 200, durationMs: 34.68, bytes: 42793, cache: "MISS", upstream: "app-1", client: "198.51.100.129" },
    { id: "r-000074", time: 1718100116, method: "GET", path: "/healthz", status: 200, durationMs: 2.12, bytes: 12474, cache: "STALE", upstream: "app-1", client: "198.51.100.106" },
    { id: "r-000075", time: 1718100116, method: "POST", path: "/api/customers/7922/", status: 200, durationMs: 48.28, bytes: 35934, cache: "BYPASS", upstream: "app-1", client: "198.51.100.159" },
    { id: "r-000076", time: 1718100116, method: "GET", path: "/healthz", status: 304, durationMs: 52.93, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.16" },
    { id: "r-000077", time: 1718100118, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 15.4, bytes: 15931, cache: "HIT", upstream: "static", client: "198.51.100.10" },
    { id: "r-000078", time: 1718100121, method: "GET", path: "/logout/", status: 200, durationMs: 49.95, bytes: 44801, cache: "MISS", upstream: "app-2", client: "198.51.100.96" },
    { id: "r-000079", time: 1718100124, method: "GET", path: "/", status: 201, durationMs: 73.12, bytes: 1638, cache: "MISS", upstream: "app-3", client: "203.0.113.49" },
    { id: "r-000080", time: 1718100124, method: "GET", path: "/checkout/", status: 200, durationMs: 98.73, bytes: 43396, cache: "MISS", upstream: "app-2", client: "198.51.100.134" },
    { id: "r-000081", time: 1718100127, method: "GET", path: "/cart/", status: 200, durationMs: 56.78, bytes: 32653, cache: "MISS", upstream: "app-3", client: "198.51.100.92" },
    { id: "r-000082", time: 1718100130, method: "GET", path: "/healthz", status: 200, durationMs: 79.9, bytes: 32233, cache: "HIT", upstream: "app-3", client: "203.0.113.30" },
    { id: "r-000083", time: 1718100133, method: "GET", path: "/static/css/site.css", status: 204, durationMs: 77.3, bytes: 0, cache: "BYPASS", upstream: "static", client: "198.51.100.198" },
    { id: "r-000084", time: 1718100133, method: "GET", path: "/api/orders/4802/", status: 304, durationMs: 15.65, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.104" },
    { id: "r-000085", time: 1718100135, method: "PUT", path: "/api/customers/5800/", status: 200, durationMs: 11.0, bytes: 41871, cache: "BYPASS", upstream: "app-1", client: "203.0.113.198" },
    { id: "r-000086", time: 1718100135, method: "GET", path: "/api/orders/6742/", status: 200, durationMs: 10.27, bytes: 7313, cache: "BYPASS", upstream: "app-2", client: "198.51.100.159" },
    { id: "r-000087", time: 1718100135, method: "GET", path: "/login/", status: 200, durationMs: 54.98, bytes: 23743, cache: "BYPASS", upstream: "app-1", client: "198.51.100.243" },
    { id: "r-000088", time: 1718100136, method: "PUT", path: "/api/search/?q=lantern", status: 200, durationMs: 80.33, bytes: 33321, cache: "BYPASS", upstream: "app-1", client: "198.51.100.152" },
    { id: "r-000089", time: 1718100139, method: "GET", path: "/healthz", status: 200, durationMs: 20.47, bytes: 19061, cache: "BYPASS", upstream: "app-2", client: "203.0.113.127" },
    { id: "r-000090", time: 1718100139, method: "GET", path: "/healthz", status: 200, durationMs: 37.93, bytes: 26243, cache: "HIT", upstream: "app-2", client: "198.51.100.165" },
    { id: "r-000091", time: 1718100142, method: "GET", path: "/account/settings/", status: 200, durationMs: 10.45, bytes: 30834, cache: "HIT", upstream: "app-1", client: "203.0.113.129" },
    { id: "r-000092", time: 1718100143, method: "GET", path: "/admin/shop/order/", status: 304, durationMs: 34.8, bytes: 0, cache: "MISS", upstream: "app-3", client: "203.0.113.221" },
    { id: "r-000093", time: 1718100146, method: "GET", path: "/login/", status: 200, durationMs: 44.03, bytes: 39695, cache: "HIT", upstream: "app-1", client: "198.51.100.86" },
    { id: "r-000094", time: 1718100147, method: "GET", path: "/login/", status: 304, durationMs: 0.9, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.229" },
    { id: "r-000095", time: 1718100148, method: "GET", path: "/healthz", status: 200, durationMs: 46.5, bytes: 36121, cache: "BYPASS", upstream: "app-1", client: "203.0.113.19" },
    { id: "r-000096", time: 1718100148, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 79.65, bytes: 23049, cache: "HIT", upstream: "app-2", client: "203.0.113.163" },
    { id: "r-000097", time: 1718100151, method: "GET", path: "/", status: 204, durationMs: 79.75, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.209" },
    { id: "r-000098", time: 1718100154, method: "GET", path: "/api/inventory/6013/stock/", status: 200, durationMs: 60.8, bytes: 32458, cache: "HIT", upstream: "app-2", client: "203.0.113.62" },
    { id: "r-000099", time: 1718100157, method: "GET", path: "/checkout/", status: 200, durationMs: 53.15, bytes: 40941, cache: "BYPASS", upstream: "app-3", client: "198.51.100.181" },
    { id: "r-000100", time: 1718100159, method: "GET", path: "/logout/", status: 200, durationMs: 5.03, bytes: 38600, cache: "MISS", upstream: "app-1", client: "198.51.100.9" },
    { id: "r-000101", time: 1718100161, method: "GET", path: "/admin/", status: 200, durationMs: 12.3, bytes: 6993, cache: "BYPASS", upstream: "app-3", client: "198.51.100.165" },
    { id: "r-000102", time: 1718100164, method: "GET", path: "/api/orders/5033/", status: 200, durationMs: 20.93, bytes: 19398, cache: "MISS", upstream: "app-3", client: "203.0.113.41" },
    { id: "r-000103", time: 1718100165, method: "GET", path: "/static/css/site.css", status: 404, durationMs: 69.98, bytes: 12109, cache: "MISS", upstream: "static", client: "203.0.113.5" },
    { id: "r-000104", time: 1718100167, method: "GET", path: "/api/inventory/1685/stock/", status: 200, durationMs: 33.5, bytes: 29284, cache: "HIT", upstream: "app-1", client: "198.51.100.124" },
    { id: "r-000105", time: 1718100168, method: "GET", path: "/account/settings/", status: 200, durationMs: 55.6, bytes: 29916, cache: "MISS", upstream: "app-1", client: "203.0.113.239" },
    { id: "r-000106", time: 1718100169, method: "GET", path: "/login/", status: 304, durationMs: 96.15, bytes: 0, cache: "MISS", upstream: "app-2", client: "198.51.100.87" },
    { id: "r-000107", time: 1718100172, method: "GET", path: "/cart/", status: 200, durationMs: 78.53, bytes: 5694, cache: "MISS", upstream: "app-1", client: "198.51.100.62" },
    { id: "r-000108", time: 1718100175, method: "GET", path: "/feeds/latest.xml", status: 404, durationMs: 39.38, bytes: 44747, cache: "MISS", upstream: "app-3", client: "203.0.113.105" },
    { id: "r-000109", time: 1718100175, method: "POST", path: "/api/orders/4395/", status: 200, durationMs: 76.58, bytes: 47448, cache: "BYPASS", upstream: "app-3", client: "203.0.113.252" },
    { id: "r-000110", time: 1718100178, method: "GET", path: "/checkout/", status: 200, durationMs: 50.5, bytes: 23874, cache: "HIT", upstream: "app-2", client: "203.0.113.206" },
    { id: "r-000111", time: 1718100181, method: "GET", path: "/blog/meadow-meadow/", status: 200, durationMs: 1.27, bytes: 33431, cache: "MISS", upstream: "app-1", client: "198.51.100.33" },
    { id: "r-000112", time: 1718100182, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 19.02, bytes: 39680, cache: "STALE", upstream: "app-1", client: "198.51.100.2" },
    { id: "r-000113", time: 1718100185, method: "GET", path: "/login/", status: 200, durationMs: 81.75, bytes: 4620, cache: "HIT", upstream: "app-1", client: "203.0.113.61" },
    { id: "r-000114", time: 1718100185, method: "GET", path: "/media/products/7674.jpg", status: 504, durationMs: 43.55, bytes: 17491, cache: "HIT", upstream: "static", client: "203.0.113.57" },
    { id: "r-000115", time: 1718100186, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 65.25, bytes: 17343, cache: "MISS", upstream: "app-3", client: "203.0.113.92" },
    { id: "r-000116", time: 1718100186, method: "GET", path: "/admin/", status: 200, durationMs: 87.08, bytes: 33192, cache: "MISS", upstream: "app-2", client: "198.51.100.39" },
    { id: "r-000117", time: 1718100186, method: "GET", path: "/account/settings/", status: 200, durationMs: 19.8, bytes: 44167, cache: "HIT", upstream: "app-3", client: "203.0.113.63" },
    { id: "r-000118", time: 1718100188, method: "GET", path: "/api/inventory/3352/stock/", status: 200, durationMs: 15.05, bytes: 21315, cache: "MISS", upstream: "app-2", client: "198.51.100.167" },
    { id: "r-000119", time: 1718100189, method: "GET", path: "/account/settings/", status: 200, durationMs: 43.55, bytes: 36556, cache: "HIT", upstream: "app-2", client: "203.0.113.103" },
    { id: "r-000120", time: 1718100192, method: "GET", path: "/account/settings/", status: 200, durationMs: 70.85, bytes: 23738, cache: "HIT", upstream: "app-1", client: "198.51.100.99" },
    { id: "r-000121", time: 1718100194, method: "GET", path: "/api/customers/5036/", status: 404, durationMs: 45.33, bytes: 19123, cache: "MISS", upstream: "app-1", client: "198.51.100.121" },
    { id: "r-000122", time: 1718100195, method: "POST", path: "/api/inventory/2704/stock/", status: 200, durationMs: 45.38, bytes: 32714, cache: "BYPASS", upstream: "app-3", client: "198.51.100.178" },
    { id: "r-000123", time: 1718100198, method: "GET", path: "/admin/shop/order/2918/change/", status: 200, durationMs: 77.15, bytes: 46614, cache: "MISS", upstream: "app-1", client: "203.0.113.243" },
    { id: "r-000124", time: 1718100198, method: "PUT", path: "/api/search/?q=copper", status: 304, durationMs: 44.1, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "203.0.113.173" },
    { id: "r-000125", time: 1718100199, method: "GET", path: "/api/search/?q=granite", status: 304, durationMs: 38.35, bytes: 0, cache: "HIT", upstream: "app-3", client: "203.0.113.67" },
    { id: "r-000126", time: 1718100202, method: "GET", path: "/api/orders/", status: 204, durationMs: 85.62, bytes: 0, cache: "MISS", upstream: "app-2", client: "203.0.113.172" },
    { id: "r-000127", time: 1718100205, method: "GET", path: "/api/search/?q=granite", status: 200, durationMs: 12.82, bytes: 21421, cache: "MISS", upstream: "app-2", client: "203.0.113.254" },
    { id: "r-000128", time: 1718100206, method: "GET", path: "/logout/", status: 200, durationMs: 47.38, bytes: 46271, cache: "MISS", upstream: "app-3", client: "198.51.100.6" },
    { id: "r-000129", time: 1718100207, method: "GET", path: "/admin/", status: 200, durationMs: 32.33, bytes: 27587, cache: "HIT", upstream: "app-2", client: "203.0.113.19" },
    { id: "r-000130", time: 1718100210, method: "GET", path: "/checkout/", status: 200, durationMs: 0.82, bytes: 43532, cache: "STALE", upstream: "app-1", client: "203.0.113.113" },
    { id: "r-000131", time: 1718100210, method: "PUT", path: "/api/orders/", status: 200, durationMs: 9.3, bytes: 23698, cache: "BYPASS", upstream: "app-1", client: "203.0.113.237" },
    { id: "r-000132", time: 1718100212, method: "GET", path: "/api/orders/1469/", status: 404, durationMs: 75.05, bytes: 601, cache: "BYPASS", upstream: "app-3", client: "198.51.100.90" },
    { id: "r-000133", time: 1718100215, method: "GET", path: "/logout/", status: 200, durationMs: 80.12, bytes: 13952, cache: "MISS", upstream: "app-2", client: "203.0.113.97" },
    { id: "r-000134", time: 1718100216, method: "GET", path: "/api/orders/3182/", status: 200, durationMs: 16.95, bytes: 29383, cache: "MISS", upstream: "app-1", client: "198.51.100.1" },
    { id: "r-000135", time: 1718100219, method: "GET", path: "/cart/", status: 200, durationMs: 31.97, bytes: 45432, cache: "MISS", upstream: "app-2", client: "203.0.113.1" },
    { id: "r-000136", time: 1718100221, method: "GET", path: "/checkout/", status: 429, durationMs: 35.05, bytes: 43005, cache: "HIT", upstream: "app-2", client: "203.0.113.181" },
    { id: "r-000137", time: 1718100223, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 35.78, bytes: 0, cache: "BYPASS", upstream: "static", client: "203.0.113.153" },
    { id: "r-000138", time: 1718100225, method: "GET", path: "/healthz", status: 200, durationMs: 84.78, bytes: 47482, cache: "HIT", upstream: "app-3", client: "198.51.100.210" },
    { id: "r-000139", time: 1718100225, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 10.88, bytes: 13095, cache: "MISS", upstream: "app-3", client: "198.51.100.100" },
    { id: "r-000140", time: 1718100226, method: "GET", path: "/admin/shop/order/", status: 404, durationMs: 78.03, bytes: 27116, cache: "MISS", upstream: "app-3", client: "203.0.113.240" },
    { id: "r-000141", time: 1718100228, method: "GET", path: "/", status: 304, durationMs: 21.68, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.162" },
    { id: "r-000142", time: 1718100229, method: "GET", path: "/logout/", status: 200, durationMs: 88.45, bytes: 36068, cache: "MISS", upstream: "app-3", client: "203.0.113.157" },
    { id: "r-000143", time: 1718100232, method: "GET", path: "/", status: 200, durationMs: 95.5, bytes: 35826, cache: "MISS", upstream: "app-3", client: "198.51.100.29" },
    { id: "r-000144", time: 1718100234, method: "GET", path: "/blog/copper-harbor/", status: 200, durationMs: 72.65, bytes: 32688, cache: "HIT", upstream: "app-2", client: "198.51.100.120" },
    { id: "r-000145", time: 1718100237, method: "GET", path: "/cart/", status: 304, durationMs: 68.83, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.156" },
    { id: "r-000146", time: 1718100240, method: "GET", path: "/api/inventory/2953/stock/", status: 200, durationMs: 37.75, bytes: 16560, cache: "MISS", upstream: "app-1", client: "203.0.113.34" },
    { id: "r-000147", time: 1718100242, method: "GET", path: "/healthz", status: 304, durationMs: 8.95, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.149" },
    { id: "r-000148", time: 1718100245, method: "GET", path: "/logout/", status: 200, durationMs: 18.82, bytes: 11100, cache: "HIT", upstream: "app-3", client: "198.51.100.133" },
    { id: "r-000149", time: 1718100246, method: "GET", path: "/api/orders/", status: 200, durationMs: 80.88, bytes: 19346, cache: "MISS", upstream: "app-2", client: "198.51.100.89" },
    { id: "r-000150", time: 1718100246, method: "GET", path: "/blog/house-meadow/", status: 200, durationMs: 52.58, bytes: 36588, cache: "MISS", upstream: "app-3", client: "203.0.113.56" },
    { id: "r-000151", time: 1718100247, method: "POST", path: "/api/inventory/3487/stock/", status: 200, durationMs: 95.35, bytes: 37687, cache: "BYPASS", upstream: "app-2", client: "198.51.100.96" },
    { id: "r-000152", time: 1718100249, method: "GET", path: "/checkout/", status: 304, durationMs: 66.8, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.155" },
    { id: "r-000153", time: 1718100252, method: "GET", path: "/cart/", status: 404, durationMs: 84.17, bytes: 2014, cache: "HIT", upstream: "app-2", client: "203.0.113.72" },
    { id: "r-000154", time: 1718100252, method: "GET", path: "/cart/", status: 200, durationMs: 88.12, bytes: 19639, cache: "MISS", upstream: "app-2", client: "203.0.113.23" },
    { id: "r-000155", time: 1718100255, method: "GET", path: "/api/orders/8890/", status: 200, durationMs: 92.48, bytes: 9282, cache: "HIT", upstream: "app-2", client: "203.0.113.186" },
    { id: "r-000156", time: 1718100256, method: "GET", path: "/healthz", status: 200, durationMs: 87.1, bytes: 37739, cache: "MISS", upstream: "app-2", client: "198.51.100.189" },
    { id: "r-000157", time: 1718100256, method: "GET", path: "/admin/shop/order/5926/change/", status: 200, durationMs: 13.17, bytes: 1405, cache: "MISS", upstream: "app-3", client: "203.0.113.232" },
    { id: "r-000158", time: 1718100256, method: "GET", path: "/media/products/7616.jpg", status: 304, durationMs: 68.2, bytes: 0, cache: "MISS", upstream: "static", client: "198.51.100.191" },
    { id: "r-000159", time: 1718100258, method: "POST", path: "/api/inventory/8069/stock/", status: 200, durationMs: 33.75, bytes: 791, cache: "BYPASS", upstream: "app-2", client: "198.51.100.11" },
    { id: "r-000160", time: 1718100260, method: "GET", path: "/account/settings/", status: 200, durationMs: 4.45, bytes: 15574, cache: "MISS", upstream: "app-3", client: "203.0.113.242" },
    { id: "r-000161", time: 1718100261, method: "PUT", path: "/api/inventory/4439/stock/", status: 200, durationMs: 10.25, bytes: 45646, cache: "BYPASS", upstream: "app-2", client: "203.0.113.198" },
    { id: "r-000162", time: 1718100264, method: "GET", path: "/admin/shop/order/5254/change/", status: 200, durationMs: 29.52, bytes: 10405, cache: "HIT", upstream: "app-1", client: "203.0.113.233" },
    { id: "r-000163", time: 1718100267, method: "GET", path: "/media/products/3669.jpg", status: 200, durationMs: 73.48, bytes: 12125, cache: "HIT", upstream: "static", client: "198.51.100.207" },
    { id: "r-000164", time: 1718100270, method: "GET", path: "/api/search/?q=harbor", status: 200, durationMs: 77.7, bytes: 31547, cache: "BYPASS", upstream: "app-1", client: "203.0.113.149" },
    { id: "r-000165", time: 1718100270, method: "GET", path: "/cart/", status: 200, durationMs: 29.7, bytes: 17034, cache: "BYPASS", upstream: "app-2", client: "203.0.113.37" },
    { id: "r-000166", time: 1718100273, method: "GET", path: "/media/products/7868.jpg", status: 200, durationMs: 82.23, bytes: 30566, cache: "MISS", upstream: "static", client: "198.51.100.212" },
    { id: "r-000167", time: 1718100273, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 71.85, bytes: 20982, cache: "HIT", upstream: "app-2", client: "203.0.113.253" },
    { id: "r-000168", time: 1718100274, method: "GET", path: "/feeds/latest.xml", status: 404, durationMs: 84.1, bytes: 42574, cache: "HIT", upstream: "app-1", client: "203.0.113.110" },
    { id: "r-000169", time: 1718100277, method: "GET", path: "/api/orders/", status: 304, durationMs: 46.65, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "203.0.113.187" },
    { id: "r-000170", time: 1718100278, method: "GET", path: "/static/css/site.css", status: 404, durationMs: 89.95, bytes: 41218, cache: "HIT", upstream: "static", client: "198.51.100.142" },
    { id: "r-000171", time: 1718100280, method: "GET", path: "/login/", status: 200, durationMs: 85.45, bytes: 1162, cache: "MISS", upstream: "app-3", client: "198.51.100.2" },
    { id: "r-000172", time: 1718100282, method: "GET", path: "/healthz", status: 301, durationMs: 9.88, bytes: 31184, cache: "HIT", upstream: "app-1", client: "203.0.113.10" },
    { id: "r-000173", time: 1718100282, method: "GET", path: "/", status: 200, durationMs: 1.25, bytes: 4962, cache: "HIT", upstream: "app-2", client: "198.51.100.109" },
    { id: "r-000174", time: 1718100284, method: "GET", path: "/api/search/?q=lantern", status: 200, durationMs: 28.52, bytes: 45030, cache: "HIT", upstream: "app-2", client: "203.0.113.242" },
    { id: "r-000175", time: 1718100284, method: "GET", path: "/cart/", status: 200, durationMs: 58.1, bytes: 42448, cache: "MISS", upstream: "app-3", client: "198.51.100.81" },
    { id: "r-000176", time: 1718100285, method: "GET", path: "/api/orders/6085/", status: 200, durationMs: 23.75, bytes: 10590, cache: "HIT", upstream: "app-1", client: "198.51.100.26" },
    { id: "r-000177", time: 1718100285, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 21.52, bytes: 46226, cache: "MISS", upstream: "app-2", client: "198.51.100.111" },
    { id: "r-000178", time: 1718100288, method: "GET", path: "/account/settings/", status: 200, durationMs: 46.4, bytes: 28459, cache: "HIT", upstream: "app-3", client: "203.0.113.113" },
    { id: "r-000179", time: 1718100290, method: "GET", path: "/", status: 200, durationMs: 72.17, bytes: 44535, cache: "HIT", upstream: "app-1", client: "203.0.113.12" },
    { id: "r-000180", time: 1718100290, method: "GET", path: "/static/css/site.css", status: 301, durationMs: 79.4, bytes: 47140, cache: "MISS", upstream: "static", client: "198.51.100.106" },
    { id: "r-000181", time: 1718100290, method: "GET", path: "/admin/shop/order/7228/change/", status: 200, durationMs: 61.05, bytes: 43509, cache: "HIT", upstream: "app-1", client: "198.51.100.18" },
    { id: "r-000182", time: 1718100291, method: "GET", path: "/media/products/8707.jpg", status: 200, durationMs: 45.18, bytes: 45022, cache: "MISS", upstream: "static", client: "198.51.100.92" },
    { id: "r-000183", time: 1718100293, method: "GET", path: "/logout/", status: 200, durationMs: 42.5, bytes: 1963, cache: "MISS", upstream: "app-2", client: "203.0.113.206" },
    { id: "r-000184", time: 1718100295, method: "GET", path: "/media/products/7327.jpg", status: 200, durationMs: 37.7, bytes: 40574, cache: "BYPASS", upstream: "static", client: "203.0.113.252" },
    { id: "r-000185", time: 1718100296, method: "GET", path: "/api/customers/3178/", status: 200, durationMs: 82.55, bytes: 24400, cache: "HIT", upstream: "app-3", client: "203.0.113.123" },
    { id: "r-000186", time: 1718100297, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 33.12, bytes: 15210, cache: "HIT", upstream: "app-2", client: "198.51.100.82" },
    { id: "r-000187", time: 1718100298, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 65.28, bytes: 38040, cache: "HIT", upstream: "app-1", client: "203.0.113.174" },
    { id: "r-000188", time: 1718100300, method: "GET", path: "/media/products/7795.jpg", status: 200, durationMs: 57.65, bytes: 17593, cache: "MISS", upstream: "static", client: "203.0.113.234" },
    { id: "r-000189", time: 1718100301, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 40.12, bytes: 24905, cache: "MISS", upstream: "app-3", client: "203.0.113.122" },
    { id: "r-000190", time: 1718100301, method: "GET", path: "/logout/", status: 200, durationMs: 43.45, bytes: 7954, cache: "HIT", upstream: "app-2", client: "203.0.113.73" },
    { id: "r-000191", time: 1718100301, method: "DELETE", path: "/api/orders/3290/", status: 200, durationMs: 91.28, bytes: 1851, cache: "BYPASS", upstream: "app-3", client: "198.51.100.50" },
    { id: "r-000192", time: 1718100303, method: "GET", path: "/api/search/?q=willow", status: 200, durationMs: 77.83, bytes: 17746, cache: "BYPASS", upstream: "app-1", client: "203.0.113.171" },
    { id: "r-000193", time: 1718100304, method: "GET", path: "/api/search/?q=copper", status: 200, durationMs: 37.18, bytes: 33351, cache: "HIT", upstream: "app-1", client: "203.0.113.26" },
    { id: "r-000194", time: 1718100304, method: "GET", path: "/checkout/", status: 200, durationMs: 53.55, bytes: 29421, cache: "MISS", upstream: "app-3", client: "203.0.113.25" },
    { id: "r-000195", time: 1718100307, method: "GET", path: "/login/", status: 200, durationMs: 53.33, bytes: 10277, cache: "MISS", upstream: "app-2", client: "198.51.100.148" },
    { id: "r-000196", time: 1718100310, method: "GET", path: "/blog/gate-meadow/", status: 200, durationMs: 50.88, bytes: 42424, cache: "MISS", upstream: "app-1", client: "198.51.100.1" },
    { id: "r-000197", time: 1718100313, method: "GET", path: "/account/settings/", status: 200, durationMs: 20.77, bytes: 14296, cache: "MISS", upstream: "app-3", client: "198.51.100.229" },
    { id: "r-000198", time: 1718100315, method: "GET", path: "/logout/", status: 200, durationMs: 74.65, bytes: 6573, cache: "HIT", upstream: "app-2", client: "203.0.113.52" },
    { id: "r-000199", time: 1718100317, method: "GET", path: "/checkout/", status: 200, durationMs: 31.7, bytes: 37740, cache: "MISS", upstream: "app-2", client: "203.0.113.176" },
    { id: "r-000200", time: 1718100318, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 18.4, bytes: 7498, cache: "HIT", upstream: "app-2", client: "203.0.113.152" },
    { id: "r-000201", time: 1718100319, method: "GET", path: "/account/settings/", status: 200, durationMs: 21.57, bytes: 10262, cache: "MISS", upstream: "app-3", client: "203.0.113.164" },
    { id: "r-000202", time: 1718100322, method: "GET", path: "/admin/", status: 200, durationMs: 33.75, bytes: 12275, cache: "MISS", upstream: "app-3", client: "198.51.100.71" },
    { id: "r-000203", time: 1718100324, method: "GET", path: "/cart/", status: 200, durationMs: 54.55, bytes: 33160, cache: "MISS", upstream: "app-1", client: "198.51.100.23" },
    { id: "r-000204", time: 1718100324, method: "GET", path: "/admin/shop/order/1222/change/", status: 200, durationMs: 17.32, bytes: 18451, cache: "MISS", upstream: "app-1", client: "203.0.113.196" },
    { id: "r-000205", time: 1718100327, method: "GET", path: "/login/", status: 200, durationMs: 30.75, bytes: 10121, cache: "HIT", upstream: "app-3", client: "198.51.100.83" },
    { id: "r-000206", time: 1718100327, method: "GET", path: "/checkout/", status: 201, durationMs: 7.53, bytes: 41816, cache: "HIT", upstream: "app-1", client: "198.51.100.73" },
    { id: "r-000207", time: 1718100327, method: "GET", path: "/cart/", status: 200, durationMs: 75.83, bytes: 25445, cache: "MISS", upstream: "app-2", client: "203.0.113.134" },
    { id: "r-000208", time: 1718100328, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 54.83, bytes: 47264, cache: "MISS", upstream: "app-2", client: "198.51.100.181" },
    { id: "r-000209", time: 1718100331, method: "GET", path: "/account/settings/", status: 200, durationMs: 13.77, bytes: 36060, cache: "MISS", upstream: "app-2", client: "203.0.113.110" },
    { id: "r-000210", time: 1718100334, method: "GET", path: "/admin/", status: 200, durationMs: 86.03, bytes: 20682, cache: "HIT", upstream: "app-2", client: "198.51.100.198" },
    { id: "r-000211", time: 1718100334, method: "GET", path: "/media/products/7812.jpg", status: 200, durationMs: 47.23, bytes: 29995, cache: "MISS", upstream: "static", client: "198.51.100.190" },
    { id: "r-000212", time: 1718100335, method: "GET", path: "/feeds/latest.xml", status: 201, durationMs: 28.07, bytes: 41329, cache: "STALE", upstream: "app-1", client: "198.51.100.191" },
    { id: "r-000213", time: 1718100338, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 68.0, bytes: 20716, cache: "HIT", upstream: "app-1", client: "203.0.113.66" },
    { id: "r-000214", time: 1718100340, method: "GET", path: "/blog/signal-willow/", status: 200, durationMs: 32.35, bytes: 1871, cache: "MISS", upstream: "app-3", client: "203.0.113.88" },
    { id: "r-000215", time: 1718100342, method: "GET", path: "/login/", status: 404, durationMs: 67.08, bytes: 34702, cache: "HIT", upstream: "app-2", client: "198.51.100.84" },
    { id: "r-000216", time: 1718100343, method: "GET", path: "/healthz", status: 200, durationMs: 89.42, bytes: 3052, cache: "MISS", upstream: "app-3", client: "203.0.113.227" },
    { id: "r-000217", time: 1718100344, method: "GET", path: "/api/orders/", status: 200, durationMs: 3.58, bytes: 24404, cache: "MISS", upstream: "app-1", client: "203.0.113.161" },
    { id: "r-000218", time: 1718100346, method: "GET", path: "/api/search/?q=willow", status: 404, durationMs: 63.93, bytes: 46040, cache: "MISS", upstream: "app-3", client: "203.0.113.226" },
    { id: "r-000219", time: 1718100348, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 33.33, bytes: 0, cache: "HIT", upstream: "static", client: "198.51.100.109" },
    { id: "r-000220", time: 1718100351, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 89.03, bytes: 4075, cache: "BYPASS", upstream: "app-1", client: "198.51.100.139" },
    { id: "r-000221", time: 1718100354, method: "GET", path: "/", status: 301, durationMs: 7.4, bytes: 17262, cache: "MISS", upstream: "app-3", client: "203.0.113.147" },
    { id: "r-000222", time: 1718100356, method: "GET", path: "/media/products/1240.jpg", status: 404, durationMs: 70.65, bytes: 12454, cache: "HIT", upstream: "static", client: "203.0.113.125" },
    { id: "r-000223", time: 1718100356, method: "GET", path: "/api/orders/", status: 200, durationMs: 57.48, bytes: 31129, cache: "HIT", upstream: "app-2", client: "198.51.100.28" },
    { id: "r-000224", time: 1718100356, method: "GET", path: "/api/inventory/4152/stock/", status: 200, durationMs: 30.4, bytes: 15408, cache: "MISS", upstream: "app-1", client: "203.0.113.23" },
    { id: "r-000225", time: 1718100356, method: "GET", path: "/api/customers/7402/", status: 200, durationMs: 34.33, bytes: 12908, cache: "BYPASS", upstream: "app-2", client: "198.51.100.223" },
    { id: "r-000226", time: 1718100357, method: "GET", path: "/healthz", status: 200, durationMs: 26.6, bytes: 24614, cache: "MISS", upstream: "app-1", client: "203.0.113.8" },
    { id: "r-000227", time: 1718100357, method: "GET", path: "/account/settings/", status: 200, durationMs: 69.28, bytes: 29685, cache: "BYPASS", upstream: "app-2", client: "198.51.100.57" },
    { id: "r-000228", time: 1718100358, method: "GET", path: "/logout/", status: 200, durationMs: 65.45, bytes: 14907, cache: "MISS", upstream: "app-3", client: "198.51.100.228" },
    { id: "r-000229", time: 1718100361, method: "GET", path: "/media/products/6551.jpg", status: 200, durationMs: 11.47, bytes: 15864, cache: "HIT", upstream: "static", client: "198.51.100.129" },
    { id: "r-000230", time: 1718100361, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 84.62, bytes: 13229, cache: "MISS", upstream: "static", client: "203.0.113.225" },
    { id: "r-000231", time: 1718100363, method: "GET", path: "/checkout/", status: 200, durationMs: 12.92, bytes: 24285, cache: "STALE", upstream: "app-1", client: "203.0.113.191" },
    { id: "r-000232", time: 1718100363, method: "GET", path: "/blog/harbor-lantern/", status: 304, durationMs: 77.85, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.156" },
    { id: "r-000233", time: 1718100364, method: "GET", path: "/checkout/", status: 200, durationMs: 94.8, bytes: 8937, cache: "BYPASS", upstream: "app-2", client: "203.0.113.215" },
    { id: "r-000234", time: 1718100365, method: "GET", path: "/api/customers/3128/", status: 200, durationMs: 73.92, bytes: 23216, cache: "HIT", upstream: "app-2", client: "203.0.113.243" },
    { id: "r-000235", time: 1718100367, method: "GET", path: "/cart/", status: 200, durationMs: 49.4, bytes: 8032, cache: "BYPASS", upstream: "app-1", client: "203.0.113.44" },
    { id: "r-000236", time: 1718100367, method: "GET", path: "/admin/shop/order/7309/change/", status: 200, durationMs: 98.3, bytes: 41770, cache: "HIT", upstream: "app-3", client: "203.0.113.236" },
    { id: "r-000237", time: 1718100368, method: "GET", path: "/blog/house-copper/", status: 404, durationMs: 25.9, bytes: 41439, cache: "HIT", upstream: "app-2", client: "198.51.100.19" },
    { id: "r-000238", time: 1718100369, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 31.32, bytes: 13661, cache: "BYPASS", upstream: "app-2", client: "203.0.113.61" },
    { id: "r-000239", time: 1718100371, method: "GET", path: "/healthz", status: 200, durationMs: 75.92, bytes: 26318, cache: "MISS", upstream: "app-2", client: "203.0.113.186" },
    { id: "r-000240", time: 1718100372, method: "GET", path: "/login/", status: 200, durationMs: 14.0, bytes: 26089, cache: "MISS", upstream: "app-1", client: "198.51.100.24" },
    { id: "r-000241", time: 1718100372, method: "GET", path: "/api/customers/1573/", status: 200, durationMs: 1.75, bytes: 24736, cache: "HIT", upstream: "app-1", client: "198.51.100.45" },
    { id: "r-000242", time: 1718100374, method: "GET", path: "/checkout/", status: 200, durationMs: 9.8, bytes: 39483, cache: "MISS", upstream: "app-1", client: "203.0.113.171" },
    { id: "r-000243", time: 1718100376, method: "GET", path: "/media/products/9308.jpg", status: 201, durationMs: 37.68, bytes: 28155, cache: "BYPASS", upstream: "static", client: "203.0.113.101" },
    { id: "r-000244", time: 1718100379, method: "GET", path: "/media/products/6405.jpg", status: 200, durationMs: 7.78, bytes: 15122, cache: "BYPASS", upstream: "static", client: "203.0.113.126" },
    { id: "r-000245", time: 1718100381, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 51.0, bytes: 1524, cache: "MISS", upstream: "static", client: "198.51.100.139" },
    { id: "r-000246", time: 1718100382, method: "GET", path: "/cart/", status: 304, durationMs: 41.23, bytes: 0, cache: "MISS", upstream: "app-3", client: "203.0.113.48" },
    { id: "r-000247", time: 1718100385, method: "GET", path: "/admin/shop/order/7323/change/", status: 200, durationMs: 15.45, bytes: 7974, cache: "HIT", upstream: "app-3", client: "203.0.113.199" },
    { id: "r-000248", time: 1718100386, method: "GET", path: "/", status: 304, durationMs: 54.5, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.106" },
    { id: "r-000249", time: 1718100388, method: "GET", path: "/media/products/8143.jpg", status: 204, durationMs: 3.5, bytes: 0, cache: "HIT", upstream: "static", client: "198.51.100.21" },
    { id: "r-000250", time: 1718100391, method: "GET", path: "/", status: 200, durationMs: 96.95, bytes: 46769, cache: "HIT", upstream: "app-3", client: "203.0.113.16" },
    { id: "r-000251", time: 1718100392, method: "GET", path: "/api/search/?q=copper", status: 201, durationMs: 96.28, bytes: 16149, cache: "HIT", upstream: "app-1", client: "203.0.113.198" },
    { id: "r-000252", time: 1718100392, method: "GET", path: "/account/settings/", status: 404, durationMs: 15.7, bytes: 46169, cache: "MISS", upstream: "app-2", client: "198.51.100.164" },
    { id: "r-000253", time: 1718100392, method: "GET", path: "/login/", status: 200, durationMs: 85.08, bytes: 31662, cache: "HIT", upstream: "app-2", client: "198.51.100.140" },
    { id: "r-000254", time: 1718100395, method: "POST", path: "/api/customers/8380/", status: 200, durationMs: 69.03, bytes: 11013, cache: "BYPASS", upstream: "app-1", client: "203.0.113.160" },
    { id: "r-000255", time: 1718100398, method: "GET", path: "/account/settings/", status: 200, durationMs: 6.62, bytes: 20578, cache: "HIT", upstream: "app-2", client: "198.51.100.159" },
    { id: "r-000256", time: 1718100399, method: "GET", path: "/feeds/latest.xml", status: 502, durationMs: 109.4, bytes: 28780, cache: "BYPASS", upstream: "app-2", client: "203.0.113.34" },
    { id: "r-000257", time: 1718100400, method: "GET", path: "/login/", status: 200, durationMs: 34.55, bytes: 11683, cache: "MISS", upstream: "app-2", client: "203.0.113.120" },
    { id: "r-000258", time: 1718100400, method: "GET", path: "/", status: 200, durationMs: 21.72, bytes: 9666, cache: "HIT", upstream: "app-2", client: "203.0.113.45" },
    { id: "r-000259", time: 1718100401, method: "GET", path: "/feeds/latest.xml", status: 201, durationMs: 8.42, bytes: 37263, cache: "MISS", upstream: "app-1", client: "203.0.113.207" },
    { id: "r-000260", time: 1718100401, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 77.88, bytes: 34113, cache: "HIT", upstream: "app-3", client: "198.51.100.170" },
    { id: "r-000261", time: 1718100401, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 23.7, bytes: 38919, cache: "MISS", upstream: "static", client: "203.0.113.9" },
    { id: "r-000262", time: 1718100404, method: "GET", path: "/login/", status: 200, durationMs: 1.18, bytes: 17130, cache: "MISS", upstream: "app-2", client: "203.0.113.26" },
    { id: "r-000263", time: 1718100407, method: "GET", path: "/blog/copper-house/", status: 500, durationMs: 75.88, bytes: 25054, cache: "BYPASS", upstream: "app-1", client: "203.0.113.250" },
    { id: "r-000264", time: 1718100410, method: "GET", path: "/api/customers/6709/", status: 200, durationMs: 61.0, bytes: 25339, cache: "HIT", upstream: "app-3", client: "203.0.113.218" },
    { id: "r-000265", time: 1718100411, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 21.85, bytes: 15325, cache: "HIT", upstream: "app-2", client: "198.51.100.175" },
    { id: "r-000266", time: 1718100413, method: "GET", path: "/cart/", status: 200, durationMs: 40.8, bytes: 2739, cache: "BYPASS", upstream: "app-3", client: "198.51.100.57" },
    { id: "r-000267", time: 1718100415, method: "GET", path: "/logout/", status: 200, durationMs: 76.73, bytes: 30356, cache: "HIT", upstream: "app-2", client: "203.0.113.88" },
    { id: "r-000268", time: 1718100417, method: "GET", path: "/api/search/?q=harbor", status: 200, durationMs: 60.65, bytes: 44756, cache: "HIT", upstream: "app-3", client: "198.51.100.119" },
    { id: "r-000269", time: 1718100419, method: "GET", path: "/api/orders/8354/", status: 204, durationMs: 96.4, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.12" },
    { id: "r-000270", time: 1718100422, method: "DELETE", path: "/api/search/?q=willow", status: 200, durationMs: 21.22, bytes: 17220, cache: "BYPASS", upstream: "app-1", client: "198.51.100.12" },
    { id: "r-000271", time: 1718100423, method: "GET", path: "/", status: 200, durationMs: 26.57, bytes: 38695, cache: "MISS", upstream: "app-1", client: "198.51.100.82" },
    { id: "r-000272", time: 1718100426, method: "GET", path: "/admin/shop/order/4332/change/", status: 200, durationMs: 5.5, bytes: 41470, cache: "MISS", upstream: "app-2", client: "203.0.113.74" },
    { id: "r-000273", time: 1718100427, method: "GET", path: "/healthz", status: 200, durationMs: 75.25, bytes: 32435, cache: "MISS", upstream: "app-3", client: "198.51.100.22" },
    { id: "r-000274", time: 1718100427, method: "GET", path: "/login/", status: 200, durationMs: 51.93, bytes: 23092, cache: "MISS", upstream: "app-2", client: "198.51.100.45" },
    { id: "r-000275", time: 1718100428, method: "GET", path: "/account/settings/", status: 404, durationMs: 37.8, bytes: 24700, cache: "BYPASS", upstream: "app-3", client: "203.0.113.101" },
    { id: "r-000276", time: 1718100428, method: "GET", path: "/healthz", status: 200, durationMs: 50.95, bytes: 34431, cache: "BYPASS", upstream: "app-2", client: "198.51.100.178" },
    { id: "r-000277", time: 1718100428, method: "GET", path: "/cart/", status: 200, durationMs: 65.48, bytes: 41995, cache: "HIT", upstream: "app-2", client: "198.51.100.68" },
    { id: "r-000278", time: 1718100430, method: "GET", path: "/admin/shop/order/4009/change/", status: 200, durationMs: 96.23, bytes: 31889, cache: "MISS", upstream: "app-1", client: "203.0.113.201" },
    { id: "r-000279", time: 1718100433, method: "POST", path: "/api/customers/2908/", status: 403, durationMs: 79.65, bytes: 17791, cache: "BYPASS", upstream: "app-3", client: "198.51.100.70" },
    { id: "r-000280", time: 1718100435, method: "GET", path: "/account/settings/", status: 200, durationMs: 69.35, bytes: 11693, cache: "MISS", upstream: "app-1", client: "203.0.113.126" },
    { id: "r-000281", time: 1718100437, method: "GET", path: "/healthz", status: 504, durationMs: 250.93, bytes: 16573, cache: "MISS", upstream: "app-3", client: "198.51.100.127" },
    { id: "r-000282", time: 1718100438, method: "POST", path: "/api/orders/", status: 304, durationMs: 11.42, bytes: 0, cache: "BYPASS", upstream: "app-1", client: "203.0.113.99" },
    { id: "r-000283", time: 1718100440, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 1.97, bytes: 38052, cache: "HIT", upstream: "app-1", client: "198.51.100.27" },
    { id: "r-000284", time: 1718100442, method: "GET", path: "/checkout/", status: 200, durationMs: 39.85, bytes: 7529, cache: "HIT", upstream: "app-3", client: "198.51.100.140" },
    { id: "r-000285", time: 1718100442, method: "GET", path: "/admin/", status: 200, durationMs: 34.1, bytes: 40074, cache: "HIT", upstream: "app-1", client: "203.0.113.4" },
    { id: "r-000286", time: 1718100443, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 56.78, bytes: 43711, cache: "MISS", upstream: "static", client: "203.0.113.9" },
    { id: "r-000287", time: 1718100444, method: "GET", path: "/login/", status: 200, durationMs: 60.85, bytes: 11249, cache: "HIT", upstream: "app-2", client: "203.0.113.224" },
    { id: "r-000288", time: 1718100447, method: "GET", path: "/account/settings/", status: 200, durationMs: 47.95, bytes: 37843, cache: "MISS", upstream: "app-3", client: "203.0.113.144" },
    { id: "r-000289", time: 1718100449, method: "GET", path: "/api/customers/1129/", status: 200, durationMs: 35.45, bytes: 29420, cache: "HIT", upstream: "app-1", client: "203.0.113.68" },
    { id: "r-000290", time: 1718100450, method: "GET", path: "/admin/shop/order/5545/change/", status: 304, durationMs: 6.45, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.183" },
    { id: "r-000291", time: 1718100453, method: "GET", path: "/cart/", status: 200, durationMs: 67.03, bytes: 19236, cache: "MISS", upstream: "app-3", client: "198.51.100.173" },
    { id: "r-000292", time: 1718100454, method: "GET", path: "/account/settings/", status: 200, durationMs: 0.9, bytes: 6111, cache: "HIT", upstream: "app-1", client: "203.0.113.75" },
    { id: "r-000293", time: 1718100454, method: "GET", path: "/", status: 204, durationMs: 10.5, bytes: 0, cache: "MISS", upstream: "app-2", client: "198.51.100.218" },
    { id: "r-000294", time: 1718100454, method: "GET", path: "/media/products/9125.jpg", status: 200, durationMs: 13.5, bytes: 37715, cache: "BYPASS", upstream: "static", client: "203.0.113.143" },
    { id: "r-000295", time: 1718100457, method: "GET", path: "/checkout/", status: 304, durationMs: 38.3, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "203.0.113.60" },
    { id: "r-000296", time: 1718100460, method: "GET", path: "/account/settings/", status: 200, durationMs: 34.05, bytes: 43994, cache: "BYPASS", upstream: "app-3", client: "198.51.100.97" },
    { id: "r-000297", time: 1718100462, method: "GET", path: "/checkout/", status: 404, durationMs: 12.72, bytes: 8925, cache: "HIT", upstream: "app-3", client: "198.51.100.168" },
    { id: "r-000298", time: 1718100462, method: "GET", path: "/account/settings/", status: 200, durationMs: 59.3, bytes: 43780, cache: "MISS", upstream: "app-2", client: "203.0.113.219" },
    { id: "r-000299", time: 1718100465, method: "GET", path: "/healthz", status: 200, durationMs: 91.23, bytes: 28651, cache: "HIT", upstream: "app-2", client: "203.0.113.78" },
    { id: "r-000300", time: 1718100467, method: "GET", path: "/api/inventory/5410/stock/", status: 200, durationMs: 48.15, bytes: 13870, cache: "STALE", upstream: "app-2", client: "198.51.100.239" },
    { id: "r-000301", time: 1718100467, method: "GET", path: "/checkout/", status: 304, durationMs: 0.7, bytes: 0, cache: "HIT", upstream: "app-2", client: "203.0.113.146" },
    { id: "r-000302", time: 1718100468, method: "GET", path: "/api/orders/8872/", status: 304, durationMs: 15.67, bytes: 0, cache: "BYPASS", upstream: "app-3", client: "198.51.100.110" },
    { id: "r-000303", time: 1718100470, method: "GET", path: "/", status: 200, durationMs: 63.0, bytes: 38884, cache: "MISS", upstream: "app-3", client: "198.51.100.1" },
    { id: "r-000304", time: 1718100473, method: "GET", path: "/checkout/", status: 200, durationMs: 85.38, bytes: 43500, cache: "MISS", upstream: "app-1", client: "203.0.113.28" },
    { id: "r-000305", time: 1718100473, method: "GET", path: "/", status: 304, durationMs: 91.85, bytes: 0, cache: "MISS", upstream: "app-2", client: "198.51.100.87" },
    { id: "r-000306", time: 1718100474, method: "GET", path: "/api/orders/7582/", status: 200, durationMs: 61.62, bytes: 20616, cache: "BYPASS", upstream: "app-3", client: "198.51.100.241" },
    { id: "r-000307", time: 1718100475, method: "GET", path: "/media/products/5842.jpg", status: 400, durationMs: 72.55, bytes: 20933, cache: "MISS", upstream: "static", client: "198.51.100.248" },
    { id: "r-000308", time: 1718100476, method: "GET", path: "/checkout/", status: 200, durationMs: 1.82, bytes: 17707, cache: "HIT", upstream: "app-2", client: "203.0.113.13" },
    { id: "r-000309", time: 1718100476, method: "GET", path: "/cart/", status: 200, durationMs: 43.73, bytes: 29438, cache: "MISS", upstream: "app-2", client: "203.0.113.106" },
    { id: "r-000310", time: 1718100478, method: "POST", path: "/api/customers/9637/", status: 304, durationMs: 61.12, bytes: 0, cache: "BYPASS", upstream: "app-3", client: "203.0.113.173" },
    { id: "r-000311", time: 1718100480, method: "POST", path: "/api/orders/", status: 404, durationMs: 5.23, bytes: 44825, cache: "BYPASS", upstream: "app-3", client: "203.0.113.214" },
    { id: "r-000312", time: 1718100481, method: "GET", path: "/feeds/latest.xml", status: 304, durationMs: 50.55, bytes: 0, cache: "HIT", upstream: "app-1", client: "203.0.113.115" },
    { id: "r-000313", time: 1718100481, method: "GET", path: "/checkout/", status: 200, durationMs: 8.38, bytes: 28711, cache: "MISS", upstream: "app-3", client: "198.51.100.136" },
    { id: "r-000314", time: 1718100484, method: "GET", path: "/api/search/?q=willow", status: 200, durationMs: 30.52, bytes: 2891, cache: "MISS", upstream: "app-1", client: "198.51.100.198" },
    { id: "r-000315", time: 1718100487, method: "GET", path: "/api/orders/9352/", status: 304, durationMs: 69.03, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.208" },
    { id: "r-000316", time: 1718100488, method: "GET", path: "/blog/signal-gate/", status: 200, durationMs: 7.85, bytes: 6668, cache: "MISS", upstream: "app-1", client: "198.51.100.60" },
    { id: "r-000317", time: 1718100488, method: "GET", path: "/login/", status: 200, durationMs: 54.95, bytes: 23266, cache: "MISS", upstream: "app-3", client: "203.0.113.104" },
    { id: "r-000318", time: 1718100489, method: "GET", path: "/logout/", status: 400, durationMs: 62.95, bytes: 2378, cache: "HIT", upstream: "app-3", client: "203.0.113.69" },
    { id: "r-000319", time: 1718100492, method: "POST", path: "/api/search/?q=willow", status: 200, durationMs: 2.8, bytes: 5155, cache: "BYPASS", upstream: "app-1", client: "203.0.113.77" },
    { id: "r-000320", time: 1718100492, method: "GET", path: "/cart/", status: 200, durationMs: 21.2, bytes: 44101, cache: "HIT", upstream: "app-2", client: "198.51.100.102" },
    { id: "r-000321", time: 1718100492, method: "GET", path: "/blog/house-lantern/", status: 200, durationMs: 11.12, bytes: 32345, cache: "MISS", upstream: "app-2", client: "198.51.100.139" },
    { id: "r-000322", time: 1718100495, method: "GET", path: "/media/products/6320.jpg", status: 200, durationMs: 5.45, bytes: 18958, cache: "MISS", upstream: "static", client: "203.0.113.49" },
    { id: "r-000323", time: 1718100497, method: "GET", path: "/healthz", status: 200, durationMs: 56.28, bytes: 44839, cache: "HIT", upstream: "app-2", client: "203.0.113.139" },
    { id: "r-000324", time: 1718100499, method: "GET", path: "/admin/shop/order/8013/change/", status: 200, durationMs: 92.1, bytes: 2429, cache: "MISS", upstream: "app-2", client: "198.51.100.204" },
    { id: "r-000325", time: 1718100502, method: "GET", path: "/media/products/6143.jpg", status: 200, durationMs: 57.48, bytes: 4398, cache: "HIT", upstream: "static", client: "203.0.113.104" },
    { id: "r-000326", time: 1718100504, method: "GET", path: "/admin/shop/order/5928/change/", status: 200, durationMs: 66.95, bytes: 41984, cache: "MISS", upstream: "app-3", client: "198.51.100.17" },
    { id: "r-000327", time: 1718100507, method: "GET", path: "/api/customers/6497/", status: 404, durationMs: 80.28, bytes: 27962, cache: "MISS", upstream: "app-3", client: "203.0.113.253" },
    { id: "r-000328", time: 1718100510, method: "GET", path: "/admin/", status: 200, durationMs: 72.98, bytes: 9991, cache: "MISS", upstream: "app-3", client: "198.51.100.148" },
    { id: "r-000329", time: 1718100510, method: "GET", path: "/account/settings/", status: 200, durationMs: 3.5, bytes: 31815, cache: "HIT", upstream: "app-2", client: "198.51.100.49" },
    { id: "r-000330", time: 1718100511, method: "GET", path: "/login/", status: 200, durationMs: 9.12, bytes: 19037, cache: "HIT", upstream: "app-1", client: "198.51.100.87" },
    { id: "r-000331", time: 1718100513, method: "GET", path: "/cart/", status: 200, durationMs: 33.95, bytes: 39873, cache: "MISS", upstream: "app-3", client: "203.0.113.113" },
    { id: "r-000332", time: 1718100514, method: "GET", path: "/checkout/", status: 200, durationMs: 19.88, bytes: 33366, cache: "MISS", upstream: "app-1", client: "203.0.113.18" },
    { id: "r-000333", time: 1718100517, method: "GET", path: "/media/products/3659.jpg", status: 201, durationMs: 76.38, bytes: 26237, cache: "BYPASS", upstream: "static", client: "203.0.113.211" },
    { id: "r-000334", time: 1718100519, method: "GET", path: "/checkout/", status: 200, durationMs: 34.35, bytes: 42340, cache: "HIT", upstream: "app-1", client: "198.51.100.91" },
    { id: "r-000335", time: 1718100520, method: "GET", path: "/api/customers/9510/", status: 304, durationMs: 72.85, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.84" },
    { id: "r-000336", time: 1718100521, method: "GET", path: "/", status: 200, durationMs: 66.7, bytes: 46277, cache: "HIT", upstream: "app-1", client: "198.51.100.219" },
    { id: "r-000337", time: 1718100522, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 6.03, bytes: 32500, cache: "MISS", upstream: "app-2", client: "203.0.113.92" },
    { id: "r-000338", time: 1718100525, method: "GET", path: "/api/search/?q=willow", status: 500, durationMs: 229.25, bytes: 4378, cache: "HIT", upstream: "app-3", client: "203.0.113.90" },
    { id: "r-000339", time: 1718100527, method: "GET", path: "/cart/", status: 404, durationMs: 28.93, bytes: 26765, cache: "HIT", upstream: "app-3", client: "198.51.100.177" },
    { id: "r-000340", time: 1718100528, method: "GET", path: "/healthz", status: 200, durationMs: 90.45, bytes: 26316, cache: "HIT", upstream: "app-1", client: "203.0.113.212" },
    { id: "r-000341", time: 1718100530, method: "GET", path: "/cart/", status: 200, durationMs: 23.62, bytes: 8387, cache: "MISS", upstream: "app-2", client: "203.0.113.1" },
    { id: "r-000342", time: 1718100532, method: "GET", path: "/blog/gate-lantern/", status: 200, durationMs: 75.78, bytes: 21057, cache: "MISS", upstream: "app-3", client: "203.0.113.173" },
    { id: "r-000343", time: 1718100534, method: "GET", path: "/cart/", status: 200, durationMs: 35.45, bytes: 6746, cache: "MISS", upstream: "app-1", client: "203.0.113.222" },
    { id: "r-000344", time: 1718100534, method: "GET", path: "/checkout/", status: 200, durationMs: 28.5, bytes: 8447, cache: "MISS", upstream: "app-1", client: "203.0.113.232" },
    { id: "r-000345", time: 1718100535, method: "GET", path: "/logout/", status: 200, durationMs: 56.93, bytes: 9193, cache: "MISS", upstream: "app-1", client: "198.51.100.244" },
    { id: "r-000346", time: 1718100536, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 23.7, bytes: 33699, cache: "HIT", upstream: "static", client: "203.0.113.134" },
    { id: "r-000347", time: 1718100537, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 50.7, bytes: 46569, cache: "HIT", upstream: "static", client: "203.0.113.74" },
    { id: "r-000348", time: 1718100537, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 23.32, bytes: 20744, cache: "MISS", upstream: "app-1", client: "203.0.113.148" },
    { id: "r-000349", time: 1718100540, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 4.83, bytes: 46523, cache: "HIT", upstream: "app-1", client: "198.51.100.244" },
    { id: "r-000350", time: 1718100541, method: "GET", path: "/admin/", status: 200, durationMs: 34.38, bytes: 2681, cache: "HIT", upstream: "app-2", client: "203.0.113.53" },
    { id: "r-000351", time: 1718100542, method: "GET", path: "/login/", status: 200, durationMs: 78.28, bytes: 9441, cache: "MISS", upstream: "app-3", client: "203.0.113.106" },
    { id: "r-000352", time: 1718100543, method: "GET", path: "/api/orders/", status: 204, durationMs: 75.75, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.114" },
    { id: "r-000353", time: 1718100545, method: "GET", path: "/api/orders/6867/", status: 404, durationMs: 96.3, bytes: 5761, cache: "MISS", upstream: "app-3", client: "203.0.113.95" },
    { id: "r-000354", time: 1718100545, method: "GET", path: "/admin/shop/order/", status: 304, durationMs: 73.4, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.208" },
    { id: "r-000355", time: 1718100547, method: "DELETE", path: "/api/orders/8884/", status: 200, durationMs: 54.95, bytes: 13798, cache: "BYPASS", upstream: "app-2", client: "203.0.113.51" },
    { id: "r-000356", time: 1718100550, method: "GET", path: "/login/", status: 200, durationMs: 31.97, bytes: 32317, cache: "HIT", upstream: "app-2", client: "203.0.113.16" },
    { id: "r-000357", time: 1718100551, method: "GET", path: "/", status: 304, durationMs: 3.25, bytes: 0, cache: "HIT", upstream: "app-2", client: "198.51.100.35" },
    { id: "r-000358", time: 1718100551, method: "GET", path: "/blog/orchard-signal/", status: 200, durationMs: 14.85, bytes: 45546, cache: "MISS", upstream: "app-2", client: "198.51.100.92" },
    { id: "r-000359", time: 1718100552, method: "GET", path: "/feeds/latest.xml", status: 204, durationMs: 52.68, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.153" },
    { id: "r-000360", time: 1718100554, method: "PUT", path: "/api/customers/1238/", status: 200, durationMs: 48.83, bytes: 7890, cache: "BYPASS", upstream: "app-3", client: "198.51.100.192" },
    { id: "r-000361", time: 1718100554, method: "GET", path: "/healthz", status: 200, durationMs: 88.55, bytes: 35170, cache: "BYPASS", upstream: "app-1", client: "198.51.100.213" },
    { id: "r-000362", time: 1718100555, method: "GET", path: "/cart/", status: 200, durationMs: 67.05, bytes: 4499, cache: "HIT", upstream: "app-3", client: "203.0.113.1" },
    { id: "r-000363", time: 1718100555, method: "GET", path: "/admin/", status: 200, durationMs: 85.25, bytes: 30600, cache: "HIT", upstream: "app-2", client: "198.51.100.211" },
    { id: "r-000364", time: 1718100558, method: "GET", path: "/api/customers/5302/", status: 304, durationMs: 29.97, bytes: 0, cache: "MISS", upstream: "app-2", client: "198.51.100.253" },
    { id: "r-000365", time: 1718100558, method: "PUT", path: "/api/search/?q=signal", status: 404, durationMs: 80.28, bytes: 300, cache: "BYPASS", upstream: "app-1", client: "203.0.113.246" },
    { id: "r-000366", time: 1718100561, method: "GET", path: "/admin/shop/order/4217/change/", status: 500, durationMs: 172.18, bytes: 39644, cache: "HIT", upstream: "app-3", client: "203.0.113.191" },
    { id: "r-000367", time: 1718100564, method: "POST", path: "/api/search/?q=harbor", status: 200, durationMs: 32.4, bytes: 5055, cache: "BYPASS", upstream: "app-1", client: "203.0.113.158" },
    { id: "r-000368", time: 1718100567, method: "GET", path: "/blog/lantern-copper/", status: 200, durationMs: 45.68, bytes: 28357, cache: "HIT", upstream: "app-2", client: "198.51.100.17" },
    { id: "r-000369", time: 1718100569, method: "GET", path: "/admin/shop/order/1341/change/", status: 200, durationMs: 5.17, bytes: 13921, cache: "MISS", upstream: "app-2", client: "198.51.100.74" },
    { id: "r-000370", time: 1718100571, method: "GET", path: "/admin/shop/order/8521/change/", status: 200, durationMs: 38.48, bytes: 3976, cache: "MISS", upstream: "app-3", client: "198.51.100.186" },
    { id: "r-000371", time: 1718100571, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 67.23, bytes: 626, cache: "MISS", upstream: "app-3", client: "198.51.100.16" },
    { id: "r-000372", time: 1718100571, method: "GET", path: "/api/customers/4453/", status: 200, durationMs: 6.0, bytes: 8065, cache: "HIT", upstream: "app-2", client: "198.51.100.226" },
    { id: "r-000373", time: 1718100571, method: "GET", path: "/logout/", status: 200, durationMs: 65.15, bytes: 6967, cache: "STALE", upstream: "app-2", client: "198.51.100.55" },
    { id: "r-000374", time: 1718100571, method: "GET", path: "/checkout/", status: 200, durationMs: 11.1, bytes: 38114, cache: "MISS", upstream: "app-3", client: "203.0.113.228" },
    { id: "r-000375", time: 1718100572, method: "GET", path: "/media/products/2683.jpg", status: 200, durationMs: 87.48, bytes: 13207, cache: "HIT", upstream: "static", client: "198.51.100.12" },
    { id: "r-000376", time: 1718100573, method: "GET", path: "/api/search/?q=granite", status: 200, durationMs: 58.98, bytes: 2869, cache: "HIT", upstream: "app-1", client: "203.0.113.189" },
    { id: "r-000377", time: 1718100575, method: "PUT", path: "/api/customers/3694/", status: 400, durationMs: 65.15, bytes: 9301, cache: "BYPASS", upstream: "app-3", client: "203.0.113.88" },
    { id: "r-000378", time: 1718100577, method: "GET", path: "/media/products/9756.jpg", status: 200, durationMs: 43.85, bytes: 32571, cache: "MISS", upstream: "static", client: "198.51.100.6" },
    { id: "r-000379", time: 1718100578, method: "GET", path: "/admin/", status: 200, durationMs: 60.83, bytes: 44855, cache: "HIT", upstream: "app-2", client: "203.0.113.6" },
    { id: "r-000380", time: 1718100578, method: "GET", path: "/media/products/3366.jpg", status: 304, durationMs: 22.2, bytes: 0, cache: "MISS", upstream: "static", client: "198.51.100.161" },
    { id: "r-000381", time: 1718100579, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 65.65, bytes: 31470, cache: "MISS", upstream: "static", client: "198.51.100.195" },
    { id: "r-000382", time: 1718100579, method: "GET", path: "/account/settings/", status: 200, durationMs: 58.3, bytes: 45985, cache: "MISS", upstream: "app-3", client: "203.0.113.99" },
    { id: "r-000383", time: 1718100580, method: "GET", path: "/api/orders/2205/", status: 304, durationMs: 99.4, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.120" },
    { id: "r-000384", time: 1718100582, method: "GET", path: "/healthz", status: 204, durationMs: 84.45, bytes: 0, cache: "HIT", upstream: "app-1", client: "198.51.100.101" },
    { id: "r-000385", time: 1718100585, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 52.83, bytes: 21647, cache: "MISS", upstream: "static", client: "203.0.113.104" },
    { id: "r-000386", time: 1718100587, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 29.38, bytes: 23546, cache: "MISS", upstream: "static", client: "198.51.100.139" },
    { id: "r-000387", time: 1718100589, method: "DELETE", path: "/api/inventory/3990/stock/", status: 200, durationMs: 40.73, bytes: 28086, cache: "BYPASS", upstream: "app-1", client: "198.51.100.18" },
    { id: "r-000388", time: 1718100592, method: "GET", path: "/api/orders/3174/", status: 204, durationMs: 87.83, bytes: 0, cache: "BYPASS", upstream: "app-3", client: "203.0.113.173" },
    { id: "r-000389", time: 1718100593, method: "GET", path: "/healthz", status: 200, durationMs: 68.95, bytes: 19543, cache: "HIT", upstream: "app-3", client: "198.51.100.156" },
    { id: "r-000390", time: 1718100595, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 78.83, bytes: 29537, cache: "HIT", upstream: "app-1", client: "198.51.100.93" },
    { id: "r-000391", time: 1718100595, method: "GET", path: "/admin/shop/order/1458/change/", status: 200, durationMs: 67.03, bytes: 32694, cache: "BYPASS", upstream: "app-1", client: "198.51.100.116" },
    { id: "r-000392", time: 1718100596, method: "GET", path: "/checkout/", status: 200, durationMs: 70.48, bytes: 21101, cache: "MISS", upstream: "app-1", client: "198.51.100.3" },
    { id: "r-000393", time: 1718100597, method: "GET", path: "/api/search/?q=signal", status: 201, durationMs: 78.98, bytes: 16559, cache: "HIT", upstream: "app-2", client: "203.0.113.85" },
    { id: "r-000394", time: 1718100598, method: "GET", path: "/", status: 304, durationMs: 65.67, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.1" },
    { id: "r-000395", time: 1718100600, method: "GET", path: "/admin/", status: 200, durationMs: 76.6, bytes: 38819, cache: "HIT", upstream: "app-1", client: "198.51.100.234" },
    { id: "r-000396", time: 1718100601, method: "GET", path: "/", status: 400, durationMs: 52.88, bytes: 35379, cache: "HIT", upstream: "app-3", client: "198.51.100.189" },
    { id: "r-000397", time: 1718100601, method: "GET", path: "/admin/shop/order/", status: 404, durationMs: 14.65, bytes: 16658, cache: "HIT", upstream: "app-3", client: "203.0.113.227" },
    { id: "r-000398", time: 1718100601, method: "GET", path: "/checkout/", status: 404, durationMs: 14.82, bytes: 28202, cache: "MISS", upstream: "app-2", client: "203.0.113.222" },
    { id: "r-000399", time: 1718100603, method: "GET", path: "/api/search/?q=willow", status: 404, durationMs: 46.28, bytes: 40949, cache: "MISS", upstream: "app-2", client: "203.0.113.200" },
    { id: "r-000400", time: 1718100603, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 44.62, bytes: 27248, cache: "MISS", upstream: "app-2", client: "203.0.113.88" },
    { id: "r-000401", time: 1718100603, method: "GET", path: "/static/css/site.css", status: 404, durationMs: 81.25, bytes: 45091, cache: "HIT", upstream: "static", client: "203.0.113.176" },
    { id: "r-000402", time: 1718100606, method: "GET", path: "/cart/", status: 200, durationMs: 29.68, bytes: 11446, cache: "MISS", upstream: "app-1", client: "203.0.113.15" },
    { id: "r-000403", time: 1718100609, method: "GET", path: "/api/orders/", status: 200, durationMs: 21.52, bytes: 505, cache: "HIT", upstream: "app-2", client: "198.51.100.225" },
    { id: "r-000404", time: 1718100610, method: "GET", path: "/account/settings/", status: 404, durationMs: 81.28, bytes: 22379, cache: "MISS", upstream: "app-1", client: "198.51.100.107" },
    { id: "r-000405", time: 1718100612, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 17.62, bytes: 47129, cache: "MISS", upstream: "app-2", client: "203.0.113.131" },
    { id: "r-000406", time: 1718100615, method: "POST", path: "/api/inventory/4695/stock/", status: 200, durationMs: 26.22, bytes: 3392, cache: "BYPASS", upstream: "app-2", client: "198.51.100.10" },
    { id: "r-000407", time: 1718100615, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 36.15, bytes: 28491, cache: "MISS", upstream: "app-1", client: "198.51.100.144" },
    { id: "r-000408", time: 1718100617, method: "GET", path: "/blog/granite-orchard/", status: 304, durationMs: 4.0, bytes: 0, cache: "MISS", upstream: "app-3", client: "203.0.113.248" },
    { id: "r-000409", time: 1718100618, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 18.52, bytes: 23267, cache: "MISS", upstream: "app-1", client: "203.0.113.16" },
    { id: "r-000410", time: 1718100621, method: "GET", path: "/api/orders/5475/", status: 200, durationMs: 26.77, bytes: 44864, cache: "HIT", upstream: "app-1", client: "203.0.113.8" },
    { id: "r-000411", time: 1718100621, method: "GET", path: "/", status: 200, durationMs: 17.77, bytes: 44865, cache: "BYPASS", upstream: "app-3", client: "203.0.113.91" },
    { id: "r-000412", time: 1718100624, method: "GET", path: "/healthz", status: 200, durationMs: 80.8, bytes: 6720, cache: "MISS", upstream: "app-2", client: "203.0.113.177" },
    { id: "r-000413", time: 1718100626, method: "GET", path: "/healthz", status: 504, durationMs: 182.52, bytes: 8169, cache: "MISS", upstream: "app-3", client: "198.51.100.80" },
    { id: "r-000414", time: 1718100626, method: "GET", path: "/checkout/", status: 200, durationMs: 45.48, bytes: 29083, cache: "HIT", upstream: "app-2", client: "203.0.113.240" },
    { id: "r-000415", time: 1718100626, method: "GET", path: "/api/orders/", status: 200, durationMs: 93.3, bytes: 38546, cache: "HIT", upstream: "app-3", client: "198.51.100.234" },
    { id: "r-000416", time: 1718100627, method: "GET", path: "/login/", status: 301, durationMs: 77.55, bytes: 23278, cache: "MISS", upstream: "app-1", client: "198.51.100.72" },
    { id: "r-000417", time: 1718100628, method: "GET", path: "/logout/", status: 200, durationMs: 19.35, bytes: 40134, cache: "HIT", upstream: "app-3", client: "198.51.100.254" },
    { id: "r-000418", time: 1718100630, method: "GET", path: "/account/settings/", status: 200, durationMs: 83.95, bytes: 44152, cache: "HIT", upstream: "app-3", client: "198.51.100.83" },
    { id: "r-000419", time: 1718100631, method: "GET", path: "/blog/signal-signal/", status: 200, durationMs: 41.38, bytes: 32755, cache: "MISS", upstream: "app-1", client: "198.51.100.23" },
    { id: "r-000420", time: 1718100633, method: "GET", path: "/checkout/", status: 404, durationMs: 11.1, bytes: 47946, cache: "MISS", upstream: "app-3", client: "198.51.100.12" },
    { id: "r-000421", time: 1718100634, method: "GET", path: "/logout/", status: 200, durationMs: 30.97, bytes: 13637, cache: "BYPASS", upstream: "app-2", client: "203.0.113.156" },
    { id: "r-000422", time: 1718100636, method: "GET", path: "/api/inventory/6491/stock/", status: 200, durationMs: 87.35, bytes: 25224, cache: "MISS", upstream: "app-1", client: "198.51.100.243" },
    { id: "r-000423", time: 1718100639, method: "GET", path: "/logout/", status: 403, durationMs: 61.78, bytes: 34250, cache: "HIT", upstream: "app-3", client: "198.51.100.106" },
    { id: "r-000424", time: 1718100641, method: "GET", path: "/api/orders/7572/", status: 200, durationMs: 70.5, bytes: 6987, cache: "HIT", upstream: "app-1", client: "203.0.113.160" },
    { id: "r-000425", time: 1718100641, method: "GET", path: "/api/orders/5510/", status: 200, durationMs: 41.25, bytes: 9144, cache: "MISS", upstream: "app-2", client: "203.0.113.233" },
    { id: "r-000426", time: 1718100641, method: "GET", path: "/", status: 200, durationMs: 39.28, bytes: 37677, cache: "HIT", upstream: "app-3", client: "198.51.100.183" },
    { id: "r-000427", time: 1718100641, method: "GET", path: "/api/customers/1025/", status: 200, durationMs: 92.48, bytes: 2203, cache: "MISS", upstream: "app-3", client: "203.0.113.49" },
    { id: "r-000428", time: 1718100642, method: "GET", path: "/blog/gate-meadow/", status: 200, durationMs: 12.5, bytes: 21949, cache: "MISS", upstream: "app-1", client: "203.0.113.1" },
    { id: "r-000429", time: 1718100644, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 45.93, bytes: 42927, cache: "HIT", upstream: "app-2", client: "203.0.113.85" },
    { id: "r-000430", time: 1718100646, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 52.05, bytes: 34255, cache: "BYPASS", upstream: "app-1", client: "198.51.100.177" },
    { id: "r-000431", time: 1718100646, method: "DELETE", path: "/api/orders/8781/", status: 304, durationMs: 75.5, bytes: 0, cache: "BYPASS", upstream: "app-3", client: "203.0.113.48" },
    { id: "r-000432", time: 1718100647, method: "GET", path: "/account/settings/", status: 200, durationMs: 79.05, bytes: 14985, cache: "HIT", upstream: "app-1", client: "203.0.113.245" },
    { id: "r-000433", time: 1718100649, method: "GET", path: "/login/", status: 200, durationMs: 85.1, bytes: 25922, cache: "HIT", upstream: "app-1", client: "198.51.100.113" },
    { id: "r-000434", time: 1718100650, method: "GET", path: "/", status: 200, durationMs: 81.15, bytes: 30483, cache: "MISS", upstream: "app-2", client: "198.51.100.19" },
    { id: "r-000435", time: 1718100652, method: "POST", path: "/api/search/?q=willow", status: 200, durationMs: 58.8, bytes: 10040, cache: "BYPASS", upstream: "app-1", client: "203.0.113.163" },
    { id: "r-000436", time: 1718100654, method: "PUT", path: "/api/orders/6953/", status: 200, durationMs: 47.5, bytes: 37851, cache: "BYPASS", upstream: "app-1", client: "198.51.100.240" },
    { id: "r-000437", time: 1718100657, method: "PUT", path: "/api/customers/4112/", status: 200, durationMs: 14.3, bytes: 6347, cache: "BYPASS", upstream: "app-1", client: "198.51.100.151" },
    { id: "r-000438", time: 1718100659, method: "GET", path: "/admin/", status: 400, durationMs: 50.58, bytes: 42036, cache: "BYPASS", upstream: "app-2", client: "198.51.100.8" },
    { id: "r-000439", time: 1718100662, method: "POST", path: "/api/customers/1681/", status: 200, durationMs: 36.88, bytes: 8758, cache: "BYPASS", upstream: "app-2", client: "198.51.100.113" },
    { id: "r-000440", time: 1718100664, method: "GET", path: "/api/inventory/4927/stock/", status: 502, durationMs: 126.13, bytes: 14553, cache: "MISS", upstream: "app-2", client: "203.0.113.39" },
    { id: "r-000441", time: 1718100666, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 8.52, bytes: 0, cache: "HIT", upstream: "static", client: "203.0.113.47" },
    { id: "r-000442", time: 1718100669, method: "GET", path: "/api/orders/4931/", status: 200, durationMs: 48.4, bytes: 14852, cache: "BYPASS", upstream: "app-2", client: "203.0.113.96" },
    { id: "r-000443", time: 1718100669, method: "GET", path: "/checkout/", status: 200, durationMs: 25.68, bytes: 19930, cache: "BYPASS", upstream: "app-1", client: "198.51.100.134" },
    { id: "r-000444", time: 1718100669, method: "GET", path: "/media/products/5402.jpg", status: 200, durationMs: 81.53, bytes: 44206, cache: "HIT", upstream: "static", client: "198.51.100.151" },
    { id: "r-000445", time: 1718100670, method: "GET", path: "/login/", status: 200, durationMs: 72.17, bytes: 43794, cache: "BYPASS", upstream: "app-1", client: "203.0.113.217" },
    { id: "r-000446", time: 1718100673, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 5.65, bytes: 27470, cache: "BYPASS", upstream: "static", client: "203.0.113.248" },
    { id: "r-000447", time: 1718100674, method: "GET", path: "/account/settings/", status: 400, durationMs: 69.53, bytes: 36073, cache: "MISS", upstream: "app-3", client: "198.51.100.70" },
    { id: "r-000448", time: 1718100675, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 92.78, bytes: 47065, cache: "BYPASS", upstream: "app-1", client: "198.51.100.20" },
    { id: "r-000449", time: 1718100675, method: "GET", path: "/blog/willow-orchard/", status: 200, durationMs: 93.8, bytes: 12810, cache: "MISS", upstream: "app-2", client: "203.0.113.143" },
    { id: "r-000450", time: 1718100677, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 6.55, bytes: 2982, cache: "HIT", upstream: "static", client: "203.0.113.98" },
    { id: "r-000451", time: 1718100677, method: "GET", path: "/checkout/", status: 400, durationMs: 90.75, bytes: 46072, cache: "BYPASS", upstream: "app-1", client: "198.51.100.232" },
    { id: "r-000452", time: 1718100680, method: "GET", path: "/media/products/8286.jpg", status: 200, durationMs: 10.02, bytes: 44909, cache: "MISS", upstream: "static", client: "198.51.100.71" },
    { id: "r-000453", time: 1718100683, method: "GET", path: "/cart/", status: 304, durationMs: 50.6, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.18" },
    { id: "r-000454", time: 1718100683, method: "GET", path: "/healthz", status: 404, durationMs: 57.15, bytes: 5079, cache: "MISS", upstream: "app-3", client: "198.51.100.112" },
    { id: "r-000455", time: 1718100685, method: "GET", path: "/api/search/?q=lantern", status: 304, durationMs: 43.28, bytes: 0, cache: "MISS", upstream: "app-3", client: "203.0.113.79" },
    { id: "r-000456", time: 1718100688, method: "GET", path: "/login/", status: 200, durationMs: 19.4, bytes: 13488, cache: "HIT", upstream: "app-3", client: "203.0.113.202" },
    { id: "r-000457", time: 1718100691, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 84.3, bytes: 9176, cache: "MISS", upstream: "static", client: "198.51.100.82" },
    { id: "r-000458", time: 1718100693, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 53.15, bytes: 31145, cache: "MISS", upstream: "static", client: "198.51.100.180" },
    { id: "r-000459", time: 1718100693, method: "GET", path: "/api/orders/9796/", status: 200, durationMs: 83.55, bytes: 14179, cache: "MISS", upstream: "app-1", client: "198.51.100.12" },
    { id: "r-000460", time: 1718100695, method: "GET", path: "/api/orders/", status: 200, durationMs: 44.33, bytes: 43916, cache: "MISS", upstream: "app-1", client: "198.51.100.206" },
    { id: "r-000461", time: 1718100697, method: "DELETE", path: "/api/orders/9821/", status: 404, durationMs: 15.95, bytes: 38325, cache: "BYPASS", upstream: "app-1", client: "203.0.113.100" },
    { id: "r-000462", time: 1718100700, method: "GET", path: "/media/products/8264.jpg", status: 404, durationMs: 27.22, bytes: 34912, cache: "MISS", upstream: "static", client: "203.0.113.191" },
    { id: "r-000463", time: 1718100701, method: "GET", path: "/blog/meadow-orchard/", status: 200, durationMs: 76.78, bytes: 10669, cache: "HIT", upstream: "app-3", client: "203.0.113.158" },
    { id: "r-000464", time: 1718100703, method: "GET", path: "/api/orders/", status: 200, durationMs: 26.77, bytes: 30673, cache: "MISS", upstream: "app-3", client: "203.0.113.122" },
    { id: "r-000465", time: 1718100705, method: "GET", path: "/logout/", status: 200, durationMs: 81.88, bytes: 237, cache: "MISS", upstream: "app-1", client: "198.51.100.201" },
    { id: "r-000466", time: 1718100707, method: "GET", path: "/cart/", status: 200, durationMs: 78.42, bytes: 33606, cache: "MISS", upstream: "app-2", client: "198.51.100.82" },
    { id: "r-000467", time: 1718100708, method: "GET", path: "/admin/shop/order/5400/change/", status: 200, durationMs: 4.42, bytes: 14308, cache: "MISS", upstream: "app-1", client: "198.51.100.173" },
    { id: "r-000468", time: 1718100709, method: "GET", path: "/checkout/", status: 400, durationMs: 16.95, bytes: 24652, cache: "MISS", upstream: "app-3", client: "198.51.100.120" },
    { id: "r-000469", time: 1718100710, method: "GET", path: "/admin/", status: 200, durationMs: 78.23, bytes: 7049, cache: "HIT", upstream: "app-2", client: "203.0.113.36" },
    { id: "r-000470", time: 1718100710, method: "GET", path: "/checkout/", status: 200, durationMs: 73.58, bytes: 42587, cache: "MISS", upstream: "app-1", client: "203.0.113.69" },
    { id: "r-000471", time: 1718100711, method: "GET", path: "/admin/", status: 304, durationMs: 61.43, bytes: 0, cache: "HIT", upstream: "app-3", client: "203.0.113.139" },
    { id: "r-000472", time: 1718100712, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 32.73, bytes: 45224, cache: "MISS", upstream: "app-1", client: "198.51.100.116" },
    { id: "r-000473", time: 1718100715, method: "GET", path: "/login/", status: 204, durationMs: 64.4, bytes: 0, cache: "MISS", upstream: "app-2", client: "198.51.100.99" },
    { id: "r-000474", time: 1718100715, method: "GET", path: "/login/", status: 200, durationMs: 37.55, bytes: 29400, cache: "HIT", upstream: "app-3", client: "203.0.113.227" },
    { id: "r-000475", time: 1718100717, method: "GET", path: "/api/search/?q=house", status: 200, durationMs: 69.03, bytes: 16562, cache: "BYPASS", upstream: "app-1", client: "203.0.113.58" },
    { id: "r-000476", time: 1718100718, method: "GET", path: "/checkout/", status: 200, durationMs: 9.72, bytes: 40059, cache: "MISS", upstream: "app-3", client: "203.0.113.70" },
    { id: "r-000477", time: 1718100720, method: "PUT", path: "/api/orders/", status: 200, durationMs: 30.65, bytes: 6846, cache: "BYPASS", upstream: "app-3", client: "198.51.100.95" },
    { id: "r-000478", time: 1718100720, method: "GET", path: "/feeds/latest.xml", status: 304, durationMs: 51.08, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.79" },
    { id: "r-000479", time: 1718100721, method: "GET", path: "/cart/", status: 200, durationMs: 79.25, bytes: 31836, cache: "BYPASS", upstream: "app-2", client: "198.51.100.153" },
    { id: "r-000480", time: 1718100723, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 51.7, bytes: 39872, cache: "MISS", upstream: "app-1", client: "203.0.113.21" },
    { id: "r-000481", time: 1718100723, method: "GET", path: "/api/inventory/5932/stock/", status: 200, durationMs: 19.27, bytes: 31870, cache: "MISS", upstream: "app-3", client: "203.0.113.144" },
    { id: "r-000482", time: 1718100725, method: "GET", path: "/api/inventory/2908/stock/", status: 200, durationMs: 21.25, bytes: 21536, cache: "HIT", upstream: "app-3", client: "198.51.100.155" },
    { id: "r-000483", time: 1718100727, method: "GET", path: "/api/customers/7959/", status: 200, durationMs: 92.95, bytes: 19229, cache: "HIT", upstream: "app-1", client: "203.0.113.123" },
    { id: "r-000484", time: 1718100730, method: "GET", path: "/admin/", status: 200, durationMs: 5.38, bytes: 11669, cache: "MISS", upstream: "app-1", client: "198.51.100.65" },
    { id: "r-000485", time: 1718100730, method: "PUT", path: "/api/search/?q=orchard", status: 200, durationMs: 49.03, bytes: 9528, cache: "BYPASS", upstream: "app-3", client: "198.51.100.200" },
    { id: "r-000486", time: 1718100733, method: "GET", path: "/checkout/", status: 200, durationMs: 20.68, bytes: 47790, cache: "MISS", upstream: "app-2", client: "198.51.100.217" },
    { id: "r-000487", time: 1718100735, method: "GET", path: "/logout/", status: 304, durationMs: 34.83, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.72" },
    { id: "r-000488", time: 1718100736, method: "GET", path: "/blog/meadow-meadow/", status: 304, durationMs: 36.35, bytes: 0, cache: "HIT", upstream: "app-1", client: "198.51.100.124" },
    { id: "r-000489", time: 1718100737, method: "GET", path: "/admin/", status: 502, durationMs: 87.2, bytes: 7045, cache: "HIT", upstream: "app-1", client: "198.51.100.144" },
    { id: "r-000490", time: 1718100737, method: "GET", path: "/login/", status: 200, durationMs: 41.9, bytes: 22090, cache: "HIT", upstream: "app-1", client: "198.51.100.153" },
    { id: "r-000491", time: 1718100740, method: "GET", path: "/checkout/", status: 429, durationMs: 3.85, bytes: 23221, cache: "HIT", upstream: "app-2", client: "203.0.113.58" },
    { id: "r-000492", time: 1718100742, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 86.73, bytes: 12552, cache: "HIT", upstream: "app-2", client: "203.0.113.24" },
    { id: "r-000493", time: 1718100744, method: "GET", path: "/media/products/9164.jpg", status: 200, durationMs: 81.48, bytes: 10889, cache: "HIT", upstream: "static", client: "198.51.100.186" },
    { id: "r-000494", time: 1718100747, method: "GET", path: "/logout/", status: 200, durationMs: 77.4, bytes: 9399, cache: "MISS", upstream: "app-3", client: "198.51.100.142" },
    { id: "r-000495", time: 1718100748, method: "PUT", path: "/api/orders/3030/", status: 200, durationMs: 94.35, bytes: 5833, cache: "BYPASS", upstream: "app-3", client: "198.51.100.151" },
    { id: "r-000496", time: 1718100748, method: "GET", path: "/api/orders/", status: 200, durationMs: 39.75, bytes: 45029, cache: "MISS", upstream: "app-3", client: "198.51.100.75" },
    { id: "r-000497", time: 1718100748, method: "GET", path: "/healthz", status: 200, durationMs: 71.75, bytes: 16064, cache: "MISS", upstream: "app-2", client: "203.0.113.68" },
    { id: "r-000498", time: 1718100750, method: "GET", path: "/account/settings/", status: 200, durationMs: 100.08, bytes: 7399, cache: "HIT", upstream: "app-2", client: "203.0.113.162" },
    { id: "r-000499", time: 1718100750, method: "GET", path: "/admin/shop/order/5139/change/", status: 200, durationMs: 94.17, bytes: 14925, cache: "HIT", upstream: "app-2", client: "198.51.100.59" },
    { id: "r-000500", time: 1718100751, method: "GET", path: "/login/", status: 200, durationMs: 64.78, bytes: 47376, cache: "HIT", upstream: "app-2", client: "203.0.113.94" },
    { id: "r-000501", time: 1718100751, method: "DELETE", path: "/api/inventory/4357/stock/", status: 201, durationMs: 25.82, bytes: 43827, cache: "BYPASS", upstream: "app-3", client: "203.0.113.162" },
    { id: "r-000502", time: 1718100753, method: "GET", path: "/login/", status: 200, durationMs: 81.95, bytes: 3462, cache: "HIT", upstream: "app-2", client: "203.0.113.55" },
    { id: "r-000503", time: 1718100754, method: "GET", path: "/static/css/site.css", status: 404, durationMs: 8.77, bytes: 34635, cache: "HIT", upstream: "static", client: "198.51.100.14" },
    { id: "r-000504", time: 1718100754, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 24.5, bytes: 36455, cache: "HIT", upstream: "app-2", client: "198.51.100.162" },
    { id: "r-000505", time: 1718100757, method: "GET", path: "/blog/copper-lantern/", status: 304, durationMs: 11.6, bytes: 0, cache: "HIT", upstream: "app-1", client: "203.0.113.199" },
    { id: "r-000506", time: 1718100760, method: "GET", path: "/blog/gate-lantern/", status: 200, durationMs: 44.05, bytes: 9889, cache: "MISS", upstream: "app-3", client: "198.51.100.84" },
    { id: "r-000507", time: 1718100760, method: "GET", path: "/admin/shop/order/", status: 301, durationMs: 28.75, bytes: 42333, cache: "HIT", upstream: "app-1", client: "203.0.113.9" },
    { id: "r-000508", time: 1718100761, method: "GET", path: "/media/products/7076.jpg", status: 200, durationMs: 13.7, bytes: 2958, cache: "MISS", upstream: "static", client: "203.0.113.167" },
    { id: "r-000509", time: 1718100764, method: "PUT", path: "/api/search/?q=meadow", status: 304, durationMs: 17.25, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "203.0.113.119" },
    { id: "r-000510", time: 1718100767, method: "GET", path: "/api/search/?q=granite", status: 200, durationMs: 73.85, bytes: 24032, cache: "MISS", upstream: "app-1", client: "203.0.113.125" },
    { id: "r-000511", time: 1718100769, method: "GET", path: "/api/inventory/2527/stock/", status: 200, durationMs: 72.83, bytes: 1460, cache: "MISS", upstream: "app-1", client: "198.51.100.167" },
    { id: "r-000512", time: 1718100769, method: "GET", path: "/cart/", status: 200, durationMs: 34.58, bytes: 6317, cache: "MISS", upstream: "app-3", client: "198.51.100.48" },
    { id: "r-000513", time: 1718100772, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 47.2, bytes: 31739, cache: "BYPASS", upstream: "app-1", client: "203.0.113.147" },
    { id: "r-000514", time: 1718100775, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 35.25, bytes: 40491, cache: "MISS", upstream: "app-2", client: "198.51.100.57" },
    { id: "r-000515", time: 1718100776, method: "GET", path: "/cart/", status: 304, durationMs: 41.28, bytes: 0, cache: "MISS", upstream: "app-2", client: "203.0.113.83" },
    { id: "r-000516", time: 1718100779, method: "GET", path: "/admin/shop/order/5883/change/", status: 200, durationMs: 34.68, bytes: 4320, cache: "BYPASS", upstream: "app-1", client: "198.51.100.132" },
    { id: "r-000517", time: 1718100781, method: "POST", path: "/api/search/?q=copper", status: 200, durationMs: 61.28, bytes: 43879, cache: "BYPASS", upstream: "app-3", client: "198.51.100.135" },
    { id: "r-000518", time: 1718100784, method: "GET", path: "/api/inventory/7789/stock/", status: 200, durationMs: 18.93, bytes: 35303, cache: "MISS", upstream: "app-1", client: "198.51.100.169" },
    { id: "r-000519", time: 1718100787, method: "GET", path: "/healthz", status: 200, durationMs: 91.55, bytes: 20484, cache: "MISS", upstream: "app-3", client: "203.0.113.93" },
    { id: "r-000520", time: 1718100790, method: "GET", path: "/account/settings/", status: 200, durationMs: 8.22, bytes: 29093, cache: "MISS", upstream: "app-3", client: "203.0.113.15" },
    { id: "r-000521", time: 1718100791, method: "GET", path: "/login/", status: 304, durationMs: 17.7, bytes: 0, cache: "HIT", upstream: "app-1", client: "203.0.113.215" },
    { id: "r-000522", time: 1718100794, method: "GET", path: "/api/search/?q=orchard", status: 200, durationMs: 34.5, bytes: 20921, cache: "HIT", upstream: "app-3", client: "203.0.113.64" },
    { id: "r-000523", time: 1718100797, method: "PUT", path: "/api/orders/", status: 200, durationMs: 89.9, bytes: 38769, cache: "BYPASS", upstream: "app-2", client: "203.0.113.36" },
    { id: "r-000524", time: 1718100800, method: "GET", path: "/api/orders/", status: 201, durationMs: 8.47, bytes: 26904, cache: "HIT", upstream: "app-2", client: "198.51.100.178" },
    { id: "r-000525", time: 1718100802, method: "GET", path: "/", status: 200, durationMs: 56.83, bytes: 34913, cache: "BYPASS", upstream: "app-2", client: "203.0.113.68" },
    { id: "r-000526", time: 1718100804, method: "GET", path: "/checkout/", status: 204, durationMs: 12.57, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.95" },
    { id: "r-000527", time: 1718100805, method: "GET", path: "/api/orders/", status: 404, durationMs: 9.55, bytes: 18461, cache: "MISS", upstream: "app-2", client: "203.0.113.166" },
    { id: "r-000528", time: 1718100807, method: "GET", path: "/admin/shop/order/8488/change/", status: 200, durationMs: 28.55, bytes: 8748, cache: "HIT", upstream: "app-2", client: "198.51.100.76" },
    { id: "r-000529", time: 1718100810, method: "GET", path: "/api/customers/6791/", status: 200, durationMs: 63.15, bytes: 1708, cache: "HIT", upstream: "app-2", client: "198.51.100.42" },
    { id: "r-000530", time: 1718100810, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 77.9, bytes: 24348, cache: "MISS", upstream: "app-2", client: "203.0.113.226" },
    { id: "r-000531", time: 1718100813, method: "GET", path: "/api/orders/2225/", status: 200, durationMs: 44.85, bytes: 7732, cache: "MISS", upstream: "app-1", client: "203.0.113.24" },
    { id: "r-000532", time: 1718100816, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 14.1, bytes: 44834, cache: "MISS", upstream: "app-2", client: "203.0.113.121" },
    { id: "r-000533", time: 1718100817, method: "GET", path: "/healthz", status: 200, durationMs: 85.35, bytes: 2041, cache: "MISS", upstream: "app-3", client: "198.51.100.18" },
    { id: "r-000534", time: 1718100818, method: "GET", path: "/api/orders/4271/", status: 200, durationMs: 60.35, bytes: 18961, cache: "BYPASS", upstream: "app-3", client: "203.0.113.180" },
    { id: "r-000535", time: 1718100818, method: "GET", path: "/admin/shop/order/6060/change/", status: 200, durationMs: 88.05, bytes: 30905, cache: "MISS", upstream: "app-2", client: "198.51.100.146" },
    { id: "r-000536", time: 1718100819, method: "GET", path: "/", status: 201, durationMs: 4.23, bytes: 33377, cache: "BYPASS", upstream: "app-1", client: "203.0.113.178" },
    { id: "r-000537", time: 1718100819, method: "GET", path: "/logout/", status: 304, durationMs: 97.95, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.76" },
    { id: "r-000538", time: 1718100819, method: "GET", path: "/admin/", status: 200, durationMs: 14.2, bytes: 46667, cache: "HIT", upstream: "app-2", client: "203.0.113.20" },
    { id: "r-000539", time: 1718100820, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 9.97, bytes: 0, cache: "BYPASS", upstream: "static", client: "203.0.113.131" },
    { id: "r-000540", time: 1718100820, method: "GET", path: "/checkout/", status: 200, durationMs: 39.5, bytes: 7946, cache: "HIT", upstream: "app-3", client: "203.0.113.56" },
    { id: "r-000541", time: 1718100821, method: "GET", path: "/api/orders/1548/", status: 200, durationMs: 14.05, bytes: 27569, cache: "MISS", upstream: "app-1", client: "198.51.100.208" },
    { id: "r-000542", time: 1718100822, method: "GET", path: "/checkout/", status: 200, durationMs: 2.78, bytes: 4225, cache: "HIT", upstream: "app-2", client: "198.51.100.215" },
    { id: "r-000543", time: 1718100822, method: "GET", path: "/blog/granite-copper/", status: 200, durationMs: 71.3, bytes: 4746, cache: "MISS", upstream: "app-1", client: "203.0.113.223" },
    { id: "r-000544", time: 1718100824, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 1.52, bytes: 4449, cache: "HIT", upstream: "static", client: "203.0.113.235" },
    { id: "r-000545", time: 1718100827, method: "GET", path: "/blog/signal-willow/", status: 200, durationMs: 2.73, bytes: 5907, cache: "MISS", upstream: "app-2", client: "198.51.100.50" },
    { id: "r-000546", time: 1718100828, method: "POST", path: "/api/orders/6121/", status: 200, durationMs: 31.4, bytes: 3604, cache: "BYPASS", upstream: "app-1", client: "203.0.113.138" },
    { id: "r-000547", time: 1718100830, method: "GET", path: "/api/orders/6559/", status: 200, durationMs: 60.6, bytes: 12977, cache: "MISS", upstream: "app-2", client: "203.0.113.33" },
    { id: "r-000548", time: 1718100831, method: "GET", path: "/checkout/", status: 200, durationMs: 92.83, bytes: 48073, cache: "HIT", upstream: "app-3", client: "198.51.100.187" },
    { id: "r-000549", time: 1718100831, method: "POST", path: "/api/orders/", status: 404, durationMs: 95.95, bytes: 34348, cache: "BYPASS", upstream: "app-3", client: "203.0.113.155" },
    { id: "r-000550", time: 1718100832, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 12.05, bytes: 36582, cache: "STALE", upstream: "app-3", client: "203.0.113.107" },
    { id: "r-000551", time: 1718100832, method: "GET", path: "/media/products/7625.jpg", status: 200, durationMs: 6.48, bytes: 11089, cache: "HIT", upstream: "static", client: "198.51.100.239" },
    { id: "r-000552", time: 1718100834, method: "GET", path: "/api/search/?q=orchard", status: 200, durationMs: 76.83, bytes: 44578, cache: "MISS", upstream: "app-2", client: "203.0.113.30" },
    { id: "r-000553", time: 1718100835, method: "GET", path: "/checkout/", status: 304, durationMs: 29.47, bytes: 0, cache: "HIT", upstream: "app-3", client: "203.0.113.138" },
    { id: "r-000554", time: 1718100836, method: "GET", path: "/api/orders/", status: 204, durationMs: 64.33, bytes: 0, cache: "HIT", upstream: "app-1", client: "203.0.113.156" },
    { id: "r-000555", time: 1718100836, method: "GET", path: "/checkout/", status: 200, durationMs: 34.7, bytes: 12385, cache: "MISS", upstream: "app-3", client: "203.0.113.231" },
    { id: "r-000556", time: 1718100837, method: "GET", path: "/admin/", status: 200, durationMs: 95.42, bytes: 18260, cache: "MISS", upstream: "app-2", client: "198.51.100.228" },
    { id: "r-000557", time: 1718100839, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 97.83, bytes: 44611, cache: "MISS", upstream: "static", client: "203.0.113.177" },
    { id: "r-000558", time: 1718100839, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 19.6, bytes: 31506, cache: "HIT", upstream: "app-3", client: "203.0.113.115" },
    { id: "r-000559", time: 1718100840, method: "GET", path: "/login/", status: 200, durationMs: 9.4, bytes: 20856, cache: "BYPASS", upstream: "app-1", client: "198.51.100.176" },
    { id: "r-000560", time: 1718100841, method: "GET", path: "/blog/house-orchard/", status: 200, durationMs: 29.75, bytes: 1062, cache: "BYPASS", upstream: "app-2", client: "203.0.113.94" },
    { id: "r-000561", time: 1718100841, method: "GET", path: "/api/inventory/6117/stock/", status: 304, durationMs: 92.73, bytes: 0, cache: "HIT", upstream: "app-1", client: "198.51.100.197" },
    { id: "r-000562", time: 1718100842, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 22.8, bytes: 43738, cache: "BYPASS", upstream: "static", client: "203.0.113.145" },
    { id: "r-000563", time: 1718100844, method: "GET", path: "/", status: 201, durationMs: 22.18, bytes: 41917, cache: "HIT", upstream: "app-2", client: "198.51.100.253" },
    { id: "r-000564", time: 1718100846, method: "GET", path: "/api/orders/4233/", status: 200, durationMs: 12.12, bytes: 45004, cache: "STALE", upstream: "app-1", client: "203.0.113.82" },
    { id: "r-000565", time: 1718100848, method: "GET", path: "/admin/shop/order/4045/change/", status: 200, durationMs: 17.1, bytes: 31769, cache: "BYPASS", upstream: "app-1", client: "198.51.100.10" },
    { id: "r-000566", time: 1718100848, method: "GET", path: "/cart/", status: 200, durationMs: 21.62, bytes: 28920, cache: "MISS", upstream: "app-1", client: "198.51.100.64" },
    { id: "r-000567", time: 1718100849, method: "GET", path: "/login/", status: 200, durationMs: 21.38, bytes: 41673, cache: "MISS", upstream: "app-2", client: "203.0.113.166" },
    { id: "r-000568", time: 1718100850, method: "GET", path: "/healthz", status: 500, durationMs: 68.0, bytes: 7461, cache: "HIT", upstream: "app-3", client: "198.51.100.93" },
    { id: "r-000569", time: 1718100852, method: "PUT", path: "/api/customers/3211/", status: 200, durationMs: 72.9, bytes: 33935, cache: "BYPASS", upstream: "app-3", client: "203.0.113.147" },
    { id: "r-000570", time: 1718100854, method: "DELETE", path: "/api/orders/7077/", status: 200, durationMs: 12.47, bytes: 11407, cache: "BYPASS", upstream: "app-2", client: "198.51.100.184" },
    { id: "r-000571", time: 1718100854, method: "GET", path: "/login/", status: 200, durationMs: 94.45, bytes: 28599, cache: "STALE", upstream: "app-3", client: "203.0.113.202" },
    { id: "r-000572", time: 1718100857, method: "GET", path: "/", status: 200, durationMs: 2.88, bytes: 6456, cache: "HIT", upstream: "app-1", client: "203.0.113.216" },
    { id: "r-000573", time: 1718100859, method: "GET", path: "/admin/shop/order/8696/change/", status: 200, durationMs: 41.33, bytes: 3970, cache: "MISS", upstream: "app-2", client: "198.51.100.131" },
    { id: "r-000574", time: 1718100859, method: "GET", path: "/checkout/", status: 200, durationMs: 71.28, bytes: 38420, cache: "HIT", upstream: "app-1", client: "203.0.113.247" },
    { id: "r-000575", time: 1718100862, method: "GET", path: "/login/", status: 304, durationMs: 2.38, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.36" },
    { id: "r-000576", time: 1718100863, method: "GET", path: "/media/products/2452.jpg", status: 204, durationMs: 38.7, bytes: 0, cache: "MISS", upstream: "static", client: "198.51.100.14" },
    { id: "r-000577", time: 1718100865, method: "GET", path: "/", status: 304, durationMs: 77.23, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.59" },
    { id: "r-000578", time: 1718100866, method: "GET", path: "/static/css/site.css", status: 304, durationMs: 84.08, bytes: 0, cache: "HIT", upstream: "static", client: "198.51.100.43" },
    { id: "r-000579", time: 1718100867, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 1.85, bytes: 10283, cache: "BYPASS", upstream: "app-1", client: "198.51.100.211" },
    { id: "r-000580", time: 1718100867, method: "GET", path: "/logout/", status: 429, durationMs: 12.82, bytes: 33796, cache: "HIT", upstream: "app-3", client: "203.0.113.166" },
    { id: "r-000581", time: 1718100870, method: "GET", path: "/api/orders/8558/", status: 200, durationMs: 97.42, bytes: 43892, cache: "BYPASS", upstream: "app-1", client: "198.51.100.129" },
    { id: "r-000582", time: 1718100871, method: "GET", path: "/api/inventory/9567/stock/", status: 304, durationMs: 52.08, bytes: 0, cache: "HIT", upstream: "app-1", client: "203.0.113.64" },
    { id: "r-000583", time: 1718100873, method: "GET", path: "/checkout/", status: 200, durationMs: 79.85, bytes: 37254, cache: "MISS", upstream: "app-2", client: "203.0.113.163" },
    { id: "r-000584", time: 1718100873, method: "GET", path: "/admin/shop/order/8322/change/", status: 200, durationMs: 70.0, bytes: 6303, cache: "HIT", upstream: "app-1", client: "198.51.100.71" },
    { id: "r-000585", time: 1718100873, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 8.95, bytes: 20442, cache: "MISS", upstream: "app-1", client: "198.51.100.53" },
    { id: "r-000586", time: 1718100873, method: "GET", path: "/login/", status: 200, durationMs: 83.85, bytes: 32226, cache: "HIT", upstream: "app-3", client: "203.0.113.104" },
    { id: "r-000587", time: 1718100873, method: "GET", path: "/api/inventory/4028/stock/", status: 200, durationMs: 26.77, bytes: 18816, cache: "MISS", upstream: "app-2", client: "203.0.113.176" },
    { id: "r-000588", time: 1718100874, method: "GET", path: "/healthz", status: 200, durationMs: 66.03, bytes: 29981, cache: "HIT", upstream: "app-2", client: "203.0.113.184" },
    { id: "r-000589", time: 1718100874, method: "GET", path: "/logout/", status: 200, durationMs: 9.7, bytes: 33522, cache: "MISS", upstream: "app-3", client: "198.51.100.220" },
    { id: "r-000590", time: 1718100874, method: "GET", path: "/api/inventory/6653/stock/", status: 200, durationMs: 27.75, bytes: 20776, cache: "BYPASS", upstream: "app-3", client: "203.0.113.106" },
    { id: "r-000591", time: 1718100875, method: "DELETE", path: "/api/orders/3230/", status: 200, durationMs: 8.03, bytes: 47961, cache: "BYPASS", upstream: "app-2", client: "198.51.100.66" },
    { id: "r-000592", time: 1718100878, method: "GET", path: "/media/products/1602.jpg", status: 201, durationMs: 86.3, bytes: 1003, cache: "HIT", upstream: "static", client: "203.0.113.241" },
    { id: "r-000593", time: 1718100878, method: "GET", path: "/api/customers/8544/", status: 200, durationMs: 7.48, bytes: 39208, cache: "HIT", upstream: "app-3", client: "203.0.113.22" },
    { id: "r-000594", time: 1718100879, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 12.57, bytes: 44436, cache: "MISS", upstream: "static", client: "198.51.100.127" },
    { id: "r-000595", time: 1718100879, method: "GET", path: "/api/inventory/5470/stock/", status: 200, durationMs: 68.5, bytes: 13622, cache: "MISS", upstream: "app-1", client: "198.51.100.230" },
    { id: "r-000596", time: 1718100882, method: "GET", path: "/admin/shop/order/4098/change/", status: 200, durationMs: 54.18, bytes: 758, cache: "HIT", upstream: "app-2", client: "203.0.113.251" },
    { id: "r-000597", time: 1718100883, method: "GET", path: "/account/settings/", status: 200, durationMs: 59.8, bytes: 15953, cache: "BYPASS", upstream: "app-2", client: "203.0.113.50" },
    { id: "r-000598", time: 1718100886, method: "GET", path: "/checkout/", status: 200, durationMs: 86.35, bytes: 42115, cache: "MISS", upstream: "app-3", client: "198.51.100.215" },
    { id: "r-000599", time: 1718100888, method: "GET", path: "/cart/", status: 200, durationMs: 38.05, bytes: 16173, cache: "HIT", upstream: "app-3", client: "203.0.113.123" },
    { id: "r-000600", time: 1718100888, method: "GET", path: "/blog/granite-meadow/", status: 400, durationMs: 36.23, bytes: 14229, cache: "MISS", upstream: "app-3", client: "203.0.113.172" },
    { id: "r-000601", time: 1718100888, method: "GET", path: "/login/", status: 200, durationMs: 45.08, bytes: 45492, cache: "HIT", upstream: "app-2", client: "203.0.113.233" },
    { id: "r-000602", time: 1718100889, method: "POST", path: "/api/search/?q=willow", status: 200, durationMs: 80.15, bytes: 29172, cache: "BYPASS", upstream: "app-1", client: "198.51.100.167" },
    { id: "r-000603", time: 1718100892, method: "GET", path: "/account/settings/", status: 200, durationMs: 13.3, bytes: 38588, cache: "BYPASS", upstream: "app-1", client: "198.51.100.174" },
    { id: "r-000604", time: 1718100892, method: "GET", path: "/logout/", status: 200, durationMs: 34.68, bytes: 27241, cache: "MISS", upstream: "app-3", client: "203.0.113.72" },
    { id: "r-000605", time: 1718100893, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 29.32, bytes: 4368, cache: "BYPASS", upstream: "static", client: "203.0.113.143" },
    { id: "r-000606", time: 1718100894, method: "GET", path: "/admin/shop/order/", status: 404, durationMs: 48.0, bytes: 19518, cache: "HIT", upstream: "app-1", client: "198.51.100.173" },
    { id: "r-000607", time: 1718100896, method: "GET", path: "/admin/shop/order/5007/change/", status: 200, durationMs: 55.73, bytes: 40051, cache: "HIT", upstream: "app-3", client: "203.0.113.186" },
    { id: "r-000608", time: 1718100896, method: "GET", path: "/account/settings/", status: 200, durationMs: 84.83, bytes: 30474, cache: "HIT", upstream: "app-1", client: "203.0.113.47" },
    { id: "r-000609", time: 1718100898, method: "GET", path: "/checkout/", status: 500, durationMs: 59.23, bytes: 30545, cache: "BYPASS", upstream: "app-3", client: "203.0.113.241" },
    { id: "r-000610", time: 1718100899, method: "GET", path: "/", status: 200, durationMs: 6.98, bytes: 3464, cache: "BYPASS", upstream: "app-2", client: "198.51.100.35" },
    { id: "r-000611", time: 1718100902, method: "GET", path: "/cart/", status: 200, durationMs: 5.85, bytes: 39973, cache: "MISS", upstream: "app-1", client: "198.51.100.14" },
    { id: "r-000612", time: 1718100902, method: "PUT", path: "/api/orders/", status: 200, durationMs: 95.62, bytes: 26424, cache: "BYPASS", upstream: "app-3", client: "198.51.100.92" },
    { id: "r-000613", time: 1718100904, method: "GET", path: "/api/search/?q=house", status: 200, durationMs: 29.25, bytes: 925, cache: "HIT", upstream: "app-1", client: "198.51.100.141" },
    { id: "r-000614", time: 1718100905, method: "GET", path: "/feeds/latest.xml", status: 404, durationMs: 72.08, bytes: 20198, cache: "BYPASS", upstream: "app-1", client: "198.51.100.153" },
    { id: "r-000615", time: 1718100908, method: "GET", path: "/cart/", status: 200, durationMs: 79.95, bytes: 6732, cache: "BYPASS", upstream: "app-1", client: "203.0.113.39" },
    { id: "r-000616", time: 1718100908, method: "GET", path: "/checkout/", status: 404, durationMs: 83.88, bytes: 29781, cache: "BYPASS", upstream: "app-2", client: "198.51.100.131" },
    { id: "r-000617", time: 1718100909, method: "GET", path: "/cart/", status: 200, durationMs: 64.33, bytes: 39002, cache: "MISS", upstream: "app-3", client: "203.0.113.176" },
    { id: "r-000618", time: 1718100911, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 20.68, bytes: 1669, cache: "HIT", upstream: "app-2", client: "203.0.113.45" },
    { id: "r-000619", time: 1718100911, method: "GET", path: "/", status: 200, durationMs: 66.12, bytes: 29445, cache: "HIT", upstream: "app-2", client: "198.51.100.37" },
    { id: "r-000620", time: 1718100914, method: "POST", path: "/api/orders/5932/", status: 200, durationMs: 44.6, bytes: 15993, cache: "BYPASS", upstream: "app-1", client: "203.0.113.106" },
    { id: "r-000621", time: 1718100914, method: "POST", path: "/api/orders/", status: 200, durationMs: 5.17, bytes: 2390, cache: "BYPASS", upstream: "app-2", client: "198.51.100.172" },
    { id: "r-000622", time: 1718100916, method: "GET", path: "/account/settings/", status: 304, durationMs: 69.33, bytes: 0, cache: "MISS", upstream: "app-2", client: "203.0.113.232" },
    { id: "r-000623", time: 1718100916, method: "GET", path: "/api/inventory/8278/stock/", status: 200, durationMs: 29.15, bytes: 42186, cache: "MISS", upstream: "app-2", client: "203.0.113.153" },
    { id: "r-000624", time: 1718100917, method: "GET", path: "/api/inventory/7008/stock/", status: 400, durationMs: 32.08, bytes: 3431, cache: "MISS", upstream: "app-2", client: "203.0.113.141" },
    { id: "r-000625", time: 1718100918, method: "DELETE", path: "/api/orders/1895/", status: 200, durationMs: 28.93, bytes: 1971, cache: "BYPASS", upstream: "app-1", client: "198.51.100.142" },
    { id: "r-000626", time: 1718100919, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 64.42, bytes: 10037, cache: "MISS", upstream: "static", client: "203.0.113.37" },
    { id: "r-000627", time: 1718100920, method: "POST", path: "/api/search/?q=meadow", status: 201, durationMs: 95.98, bytes: 29436, cache: "BYPASS", upstream: "app-3", client: "203.0.113.40" },
    { id: "r-000628", time: 1718100920, method: "GET", path: "/", status: 404, durationMs: 15.47, bytes: 35414, cache: "BYPASS", upstream: "app-3", client: "198.51.100.79" },
    { id: "r-000629", time: 1718100920, method: "DELETE", path: "/api/orders/", status: 200, durationMs: 74.05, bytes: 17757, cache: "BYPASS", upstream: "app-3", client: "203.0.113.32" },
    { id: "r-000630", time: 1718100920, method: "GET", path: "/admin/", status: 200, durationMs: 63.23, bytes: 18521, cache: "HIT", upstream: "app-2", client: "198.51.100.123" },
    { id: "r-000631", time: 1718100923, method: "GET", path: "/api/customers/5128/", status: 403, durationMs: 84.25, bytes: 16116, cache: "HIT", upstream: "app-1", client: "198.51.100.58" },
    { id: "r-000632", time: 1718100925, method: "GET", path: "/blog/meadow-willow/", status: 200, durationMs: 70.38, bytes: 17352, cache: "MISS", upstream: "app-1", client: "203.0.113.56" },
    { id: "r-000633", time: 1718100926, method: "GET", path: "/api/customers/9807/", status: 200, durationMs: 81.25, bytes: 18129, cache: "HIT", upstream: "app-3", client: "203.0.113.252" },
    { id: "r-000634", time: 1718100926, method: "GET", path: "/admin/shop/order/", status: 304, durationMs: 81.67, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.7" },
    { id: "r-000635", time: 1718100926, method: "GET", path: "/cart/", status: 201, durationMs: 51.43, bytes: 5993, cache: "BYPASS", upstream: "app-3", client: "203.0.113.67" },
    { id: "r-000636", time: 1718100928, method: "GET", path: "/", status: 200, durationMs: 72.75, bytes: 26177, cache: "HIT", upstream: "app-3", client: "203.0.113.83" },
    { id: "r-000637", time: 1718100929, method: "GET", path: "/admin/shop/order/2499/change/", status: 200, durationMs: 68.03, bytes: 12093, cache: "MISS", upstream: "app-3", client: "198.51.100.23" },
    { id: "r-000638", time: 1718100929, method: "GET", path: "/api/orders/", status: 200, durationMs: 82.73, bytes: 10271, cache: "MISS", upstream: "app-3", client: "198.51.100.231" },
    { id: "r-000639", time: 1718100929, method: "GET", path: "/api/search/?q=orchard", status: 200, durationMs: 5.78, bytes: 26064, cache: "HIT", upstream: "app-1", client: "198.51.100.85" },
    { id: "r-000640", time: 1718100929, method: "GET", path: "/checkout/", status: 200, durationMs: 11.92, bytes: 28545, cache: "MISS", upstream: "app-1", client: "203.0.113.187" },
    { id: "r-000641", time: 1718100931, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 95.48, bytes: 35971, cache: "BYPASS", upstream: "static", client: "198.51.100.105" },
    { id: "r-000642", time: 1718100933, method: "GET", path: "/api/orders/", status: 304, durationMs: 54.35, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.197" },
    { id: "r-000643", time: 1718100934, method: "GET", path: "/admin/", status: 200, durationMs: 85.9, bytes: 33538, cache: "MISS", upstream: "app-1", client: "198.51.100.91" },
    { id: "r-000644", time: 1718100935, method: "GET", path: "/api/orders/2633/", status: 200, durationMs: 6.28, bytes: 10331, cache: "HIT", upstream: "app-2", client: "198.51.100.17" },
    { id: "r-000645", time: 1718100937, method: "GET", path: "/checkout/", status: 200, durationMs: 89.03, bytes: 23653, cache: "MISS", upstream: "app-2", client: "203.0.113.217" },
    { id: "r-000646", time: 1718100938, method: "GET", path: "/admin/", status: 200, durationMs: 49.9, bytes: 30843, cache: "MISS", upstream: "app-1", client: "198.51.100.122" },
    { id: "r-000647", time: 1718100938, method: "GET", path: "/account/settings/", status: 304, durationMs: 70.4, bytes: 0, cache: "HIT", upstream: "app-3", client: "198.51.100.81" },
    { id: "r-000648", time: 1718100940, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 74.28, bytes: 30400, cache: "MISS", upstream: "static", client: "198.51.100.174" },
    { id: "r-000649", time: 1718100942, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 34.05, bytes: 33101, cache: "MISS", upstream: "app-1", client: "198.51.100.33" },
    { id: "r-000650", time: 1718100942, method: "GET", path: "/account/settings/", status: 400, durationMs: 86.55, bytes: 46591, cache: "BYPASS", upstream: "app-3", client: "203.0.113.126" },
    { id: "r-000651", time: 1718100942, method: "GET", path: "/media/products/5287.jpg", status: 200, durationMs: 11.72, bytes: 3161, cache: "BYPASS", upstream: "static", client: "198.51.100.194" },
    { id: "r-000652", time: 1718100942, method: "GET", path: "/", status: 200, durationMs: 97.8, bytes: 5648, cache: "MISS", upstream: "app-3", client: "198.51.100.38" },
    { id: "r-000653", time: 1718100944, method: "GET", path: "/healthz", status: 304, durationMs: 42.55, bytes: 0, cache: "MISS", upstream: "app-3", client: "198.51.100.173" },
    { id: "r-000654", time: 1718100944, method: "GET", path: "/api/customers/2746/", status: 304, durationMs: 46.18, bytes: 0, cache: "STALE", upstream: "app-1", client: "203.0.113.26" },
    { id: "r-000655", time: 1718100946, method: "GET", path: "/logout/", status: 200, durationMs: 32.28, bytes: 27613, cache: "MISS", upstream: "app-1", client: "203.0.113.50" },
    { id: "r-000656", time: 1718100946, method: "GET", path: "/api/customers/3843/", status: 200, durationMs: 90.33, bytes: 630, cache: "MISS", upstream: "app-1", client: "198.51.100.107" },
    { id: "r-000657", time: 1718100947, method: "GET", path: "/login/", status: 200, durationMs: 97.58, bytes: 23596, cache: "BYPASS", upstream: "app-3", client: "203.0.113.206" },
    { id: "r-000658", time: 1718100950, method: "DELETE", path: "/api/search/?q=meadow", status: 304, durationMs: 13.02, bytes: 0, cache: "BYPASS", upstream: "app-1", client: "198.51.100.225" },
    { id: "r-000659", time: 1718100950, method: "GET", path: "/admin/shop/order/7243/change/", status: 200, durationMs: 25.77, bytes: 34940, cache: "MISS", upstream: "app-1", client: "203.0.113.158" },
    { id: "r-000660", time: 1718100952, method: "GET", path: "/admin/shop/order/", status: 404, durationMs: 4.03, bytes: 11643, cache: "HIT", upstream: "app-2", client: "198.51.100.245" },
    { id: "r-000661", time: 1718100954, method: "POST", path: "/api/search/?q=orchard", status: 200, durationMs: 73.0, bytes: 4966, cache: "BYPASS", upstream: "app-2", client: "203.0.113.209" },
    { id: "r-000662", time: 1718100955, method: "GET", path: "/account/settings/", status: 304, durationMs: 72.23, bytes: 0, cache: "BYPASS", upstream: "app-1", client: "198.51.100.29" },
    { id: "r-000663", time: 1718100958, method: "GET", path: "/admin/shop/order/", status: 400, durationMs: 59.62, bytes: 1421, cache: "MISS", upstream: "app-2", client: "203.0.113.81" },
    { id: "r-000664", time: 1718100961, method: "GET", path: "/account/settings/", status: 200, durationMs: 96.88, bytes: 11191, cache: "MISS", upstream: "app-1", client: "198.51.100.179" },
    { id: "r-000665", time: 1718100964, method: "GET", path: "/login/", status: 200, durationMs: 37.75, bytes: 9533, cache: "HIT", upstream: "app-1", client: "198.51.100.240" },
    { id: "r-000666", time: 1718100964, method: "GET", path: "/cart/", status: 200, durationMs: 57.58, bytes: 35509, cache: "HIT", upstream: "app-2", client: "198.51.100.250" },
    { id: "r-000667", time: 1718100967, method: "GET", path: "/healthz", status: 200, durationMs: 81.48, bytes: 18342, cache: "HIT", upstream: "app-2", client: "203.0.113.160" },
    { id: "r-000668", time: 1718100968, method: "GET", path: "/checkout/", status: 201, durationMs: 10.8, bytes: 32806, cache: "HIT", upstream: "app-1", client: "198.51.100.205" },
    { id: "r-000669", time: 1718100970, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 11.02, bytes: 13560, cache: "MISS", upstream: "app-1", client: "203.0.113.224" },
    { id: "r-000670", time: 1718100970, method: "GET", path: "/api/inventory/6583/stock/", status: 200, durationMs: 88.6, bytes: 45031, cache: "MISS", upstream: "app-1", client: "198.51.100.148" },
    { id: "r-000671", time: 1718100971, method: "POST", path: "/api/search/?q=orchard", status: 200, durationMs: 67.17, bytes: 43600, cache: "BYPASS", upstream: "app-1", client: "203.0.113.67" },
    { id: "r-000672", time: 1718100972, method: "GET", path: "/checkout/", status: 200, durationMs: 60.83, bytes: 45642, cache: "MISS", upstream: "app-1", client: "198.51.100.21" },
    { id: "r-000673", time: 1718100975, method: "GET", path: "/account/settings/", status: 200, durationMs: 89.67, bytes: 20300, cache: "HIT", upstream: "app-2", client: "198.51.100.75" },
    { id: "r-000674", time: 1718100975, method: "GET", path: "/api/inventory/4446/stock/", status: 200, durationMs: 17.43, bytes: 37774, cache: "MISS", upstream: "app-3", client: "203.0.113.66" },
    { id: "r-000675", time: 1718100978, method: "POST", path: "/api/customers/5918/", status: 200, durationMs: 29.2, bytes: 1081, cache: "BYPASS", upstream: "app-1", client: "198.51.100.103" },
    { id: "r-000676", time: 1718100981, method: "POST", path: "/api/inventory/5860/stock/", status: 200, durationMs: 27.68, bytes: 36068, cache: "BYPASS", upstream: "app-2", client: "203.0.113.240" },
    { id: "r-000677", time: 1718100984, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 81.7, bytes: 14425, cache: "MISS", upstream: "app-2", client: "203.0.113.9" },
    { id: "r-000678", time: 1718100987, method: "PUT", path: "/api/orders/", status: 301, durationMs: 41.45, bytes: 41901, cache: "BYPASS", upstream: "app-2", client: "198.51.100.69" },
    { id: "r-000679", time: 1718100990, method: "GET", path: "/static/css/site.css", status: 204, durationMs: 95.6, bytes: 0, cache: "HIT", upstream: "static", client: "203.0.113.44" },
    { id: "r-000680", time: 1718100992, method: "GET", path: "/api/orders/", status: 200, durationMs: 4.38, bytes: 23200, cache: "HIT", upstream: "app-1", client: "198.51.100.38" },
    { id: "r-000681", time: 1718100995, method: "GET", path: "/static/css/site.css", status: 404, durationMs: 8.27, bytes: 19084, cache: "MISS", upstream: "static", client: "203.0.113.19" },
    { id: "r-000682", time: 1718100998, method: "GET", path: "/api/orders/", status: 200, durationMs: 20.4, bytes: 197, cache: "MISS", upstream: "app-1", client: "203.0.113.196" },
    { id: "r-000683", time: 1718101000, method: "GET", path: "/logout/", status: 200, durationMs: 71.78, bytes: 26996, cache: "MISS", upstream: "app-3", client: "198.51.100.243" },
    { id: "r-000684", time: 1718101001, method: "GET", path: "/api/orders/1331/", status: 200, durationMs: 64.88, bytes: 14821, cache: "HIT", upstream: "app-3", client: "198.51.100.96" },
    { id: "r-000685", time: 1718101003, method: "GET", path: "/healthz", status: 200, durationMs: 6.35, bytes: 8544, cache: "MISS", upstream: "app-1", client: "203.0.113.239" },
    { id: "r-000686", time: 1718101005, method: "GET", path: "/media/products/6462.jpg", status: 429, durationMs: 56.23, bytes: 15550, cache: "BYPASS", upstream: "static", client: "198.51.100.28" },
    { id: "r-000687", time: 1718101007, method: "GET", path: "/media/products/8245.jpg", status: 201, durationMs: 45.15, bytes: 620, cache: "MISS", upstream: "static", client: "203.0.113.49" },
    { id: "r-000688", time: 1718101008, method: "GET", path: "/login/", status: 200, durationMs: 91.45, bytes: 16044, cache: "HIT", upstream: "app-2", client: "198.51.100.61" },
    { id: "r-000689", time: 1718101009, method: "GET", path: "/api/orders/", status: 500, durationMs: 184.7, bytes: 15937, cache: "HIT", upstream: "app-2", client: "198.51.100.254" },
    { id: "r-000690", time: 1718101009, method: "GET", path: "/api/search/?q=willow", status: 200, durationMs: 36.62, bytes: 3168, cache: "MISS", upstream: "app-3", client: "198.51.100.154" },
    { id: "r-000691", time: 1718101009, method: "GET", path: "/healthz", status: 200, durationMs: 86.45, bytes: 20197, cache: "MISS", upstream: "app-2", client: "198.51.100.33" },
    { id: "r-000692", time: 1718101010, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 100.17, bytes: 22105, cache: "HIT", upstream: "app-1", client: "203.0.113.73" },
    { id: "r-000693", time: 1718101011, method: "GET", path: "/cart/", status: 403, durationMs: 35.5, bytes: 13381, cache: "BYPASS", upstream: "app-2", client: "203.0.113.110" },
    { id: "r-000694", time: 1718101011, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 95.55, bytes: 40733, cache: "MISS", upstream: "app-1", client: "198.51.100.73" },
    { id: "r-000695", time: 1718101012, method: "GET", path: "/api/customers/1675/", status: 304, durationMs: 55.18, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.14" },
    { id: "r-000696", time: 1718101012, method: "GET", path: "/media/products/3758.jpg", status: 200, durationMs: 53.18, bytes: 25204, cache: "MISS", upstream: "static", client: "203.0.113.13" },
    { id: "r-000697", time: 1718101015, method: "GET", path: "/checkout/", status: 200, durationMs: 5.83, bytes: 6426, cache: "MISS", upstream: "app-2", client: "203.0.113.196" },
    { id: "r-000698", time: 1718101015, method: "GET", path: "/account/settings/", status: 200, durationMs: 21.52, bytes: 3043, cache: "STALE", upstream: "app-2", client: "198.51.100.217" },
    { id: "r-000699", time: 1718101018, method: "GET", path: "/checkout/", status: 200, durationMs: 66.85, bytes: 1353, cache: "MISS", upstream: "app-1", client: "198.51.100.213" },
    { id: "r-000700", time: 1718101020, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 80.58, bytes: 10859, cache: "HIT", upstream: "app-1", client: "203.0.113.107" },
    { id: "r-000701", time: 1718101021, method: "GET", path: "/admin/shop/order/1027/change/", status: 200, durationMs: 25.68, bytes: 24356, cache: "MISS", upstream: "app-3", client: "198.51.100.59" },
    { id: "r-000702", time: 1718101023, method: "GET", path: "/checkout/", status: 200, durationMs: 57.28, bytes: 37787, cache: "MISS", upstream: "app-1", client: "203.0.113.67" },
    { id: "r-000703", time: 1718101024, method: "GET", path: "/healthz", status: 200, durationMs: 26.43, bytes: 19837, cache: "BYPASS", upstream: "app-1", client: "198.51.100.67" },
    { id: "r-000704", time: 1718101025, method: "GET", path: "/media/products/5062.jpg", status: 200, durationMs: 35.18, bytes: 3766, cache: "MISS", upstream: "static", client: "198.51.100.188" },
    { id: "r-000705", time: 1718101025, method: "GET", path: "/admin/", status: 304, durationMs: 67.42, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.146" },
    { id: "r-000706", time: 1718101026, method: "GET", path: "/blog/meadow-granite/", status: 200, durationMs: 3.35, bytes: 14898, cache: "MISS", upstream: "app-1", client: "203.0.113.229" },
    { id: "r-000707", time: 1718101029, method: "GET", path: "/media/products/5072.jpg", status: 200, durationMs: 50.98, bytes: 46913, cache: "MISS", upstream: "static", client: "198.51.100.178" },
    { id: "r-000708", time: 1718101031, method: "POST", path: "/api/orders/", status: 304, durationMs: 6.33, bytes: 0, cache: "BYPASS", upstream: "app-2", client: "198.51.100.94" },
    { id: "r-000709", time: 1718101032, method: "GET", path: "/media/products/4025.jpg", status: 201, durationMs: 19.88, bytes: 22129, cache: "MISS", upstream: "static", client: "198.51.100.123" },
    { id: "r-000710", time: 1718101032, method: "GET", path: "/", status: 200, durationMs: 29.75, bytes: 34026, cache: "HIT", upstream: "app-1", client: "203.0.113.80" },
    { id: "r-000711", time: 1718101034, method: "GET", path: "/media/products/3584.jpg", status: 200, durationMs: 64.95, bytes: 11249, cache: "HIT", upstream: "static", client: "198.51.100.184" },
    { id: "r-000712", time: 1718101034, method: "GET", path: "/", status: 200, durationMs: 97.12, bytes: 29877, cache: "MISS", upstream: "app-3", client: "198.51.100.194" },
    { id: "r-000713", time: 1718101034, method: "GET", path: "/media/products/5794.jpg", status: 201, durationMs: 2.18, bytes: 39360, cache: "MISS", upstream: "static", client: "198.51.100.180" },
    { id: "r-000714", time: 1718101036, method: "GET", path: "/admin/shop/order/2787/change/", status: 200, durationMs: 36.2, bytes: 28300, cache: "HIT", upstream: "app-2", client: "198.51.100.166" },
    { id: "r-000715", time: 1718101037, method: "GET", path: "/blog/meadow-orchard/", status: 200, durationMs: 12.47, bytes: 10529, cache: "BYPASS", upstream: "app-3", client: "203.0.113.199" },
    { id: "r-000716", time: 1718101040, method: "GET", path: "/logout/", status: 200, durationMs: 83.73, bytes: 8475, cache: "MISS", upstream: "app-1", client: "203.0.113.4" },
    { id: "r-000717", time: 1718101040, method: "POST", path: "/api/orders/", status: 201, durationMs: 4.98, bytes: 27429, cache: "BYPASS", upstream: "app-2", client: "198.51.100.6" },
    { id: "r-000718", time: 1718101043, method: "GET", path: "/api/search/?q=lantern", status: 200, durationMs: 28.25, bytes: 22440, cache: "BYPASS", upstream: "app-3", client: "198.51.100.115" },
    { id: "r-000719", time: 1718101045, method: "POST", path: "/api/orders/1714/", status: 200, durationMs: 12.38, bytes: 36742, cache: "BYPASS", upstream: "app-3", client: "203.0.113.72" },
    { id: "r-000720", time: 1718101048, method: "GET", path: "/cart/", status: 200, durationMs: 50.95, bytes: 45858, cache: "MISS", upstream: "app-3", client: "198.51.100.24" },
    { id: "r-000721", time: 1718101050, method: "GET", path: "/api/orders/7613/", status: 200, durationMs: 4.2, bytes: 22542, cache: "MISS", upstream: "app-3", client: "198.51.100.204" },
    { id: "r-000722", time: 1718101051, method: "GET", path: "/api/inventory/5423/stock/", status: 204, durationMs: 35.12, bytes: 0, cache: "MISS", upstream: "app-1", client: "198.51.100.204" },
    { id: "r-000723", time: 1718101053, method: "GET", path: "/admin/shop/order/", status: 200, durationMs: 44.88, bytes: 2131, cache: "MISS", upstream: "app-1", client: "198.51.100.233" },
    { id: "r-000724", time: 1718101056, method: "GET", path: "/api/orders/4986/", status: 200, durationMs: 70.45, bytes: 38538, cache: "MISS", upstream: "app-3", client: "203.0.113.138" },
    { id: "r-000725", time: 1718101057, method: "GET", path: "/api/customers/6156/", status: 200, durationMs: 75.23, bytes: 43135, cache: "MISS", upstream: "app-3", client: "198.51.100.144" },
    { id: "r-000726", time: 1718101057, method: "GET", path: "/logout/", status: 200, durationMs: 19.97, bytes: 18930, cache: "MISS", upstream: "app-3", client: "203.0.113.132" },
    { id: "r-000727", time: 1718101059, method: "GET", path: "/logout/", status: 200, durationMs: 92.5, bytes: 36100, cache: "HIT", upstream: "app-1", client: "203.0.113.79" },
    { id: "r-000728", time: 1718101062, method: "GET", path: "/checkout/", status: 200, durationMs: 65.12, bytes: 25533, cache: "HIT", upstream: "app-3", client: "203.0.113.116" },
    { id: "r-000729", time: 1718101062, method: "GET", path: "/api/customers/3287/", status: 200, durationMs: 98.58, bytes: 41944, cache: "STALE", upstream: "app-3", client: "198.51.100.42" },
    { id: "r-000730", time: 1718101064, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 18.75, bytes: 40625, cache: "HIT", upstream: "app-2", client: "198.51.100.42" },
    { id: "r-000731", time: 1718101067, method: "GET", path: "/static/css/site.css", status: 200, durationMs: 70.83, bytes: 47537, cache: "HIT", upstream: "static", client: "198.51.100.127" },
    { id: "r-000732", time: 1718101068, method: "GET", path: "/static/css/site.css", status: 204, durationMs: 29.95, bytes: 0, cache: "HIT", upstream: "static", client: "203.0.113.115" },
    { id: "r-000733", time: 1718101069, method: "GET", path: "/admin/shop/order/", status: 404, durationMs: 78.05, bytes: 32101, cache: "MISS", upstream: "app-3", client: "198.51.100.112" },
    { id: "r-000734", time: 1718101071, method: "GET", path: "/healthz", status: 200, durationMs: 53.4, bytes: 24547, cache: "MISS", upstream: "app-2", client: "198.51.100.50" },
    { id: "r-000735", time: 1718101071, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 94.42, bytes: 15687, cache: "BYPASS", upstream: "app-3", client: "203.0.113.104" },
    { id: "r-000736", time: 1718101071, method: "GET", path: "/admin/", status: 429, durationMs: 19.22, bytes: 42892, cache: "MISS", upstream: "app-2", client: "198.51.100.91" },
    { id: "r-000737", time: 1718101073, method: "GET", path: "/blog/lantern-willow/", status: 200, durationMs: 50.9, bytes: 28366, cache: "HIT", upstream: "app-2", client: "198.51.100.82" },
    { id: "r-000738", time: 1718101074, method: "GET", path: "/api/orders/", status: 200, durationMs: 42.93, bytes: 11224, cache: "BYPASS", upstream: "app-2", client: "198.51.100.85" },
    { id: "r-000739", time: 1718101075, method: "GET", path: "/login/", status: 204, durationMs: 47.6, bytes: 0, cache: "MISS", upstream: "app-1", client: "203.0.113.176" },
    { id: "r-000740", time: 1718101077, method: "GET", path: "/admin/shop/order/9885/change/", status: 204, durationMs: 31.38, bytes: 0, cache: "MISS", upstream: "app-2", client: "203.0.113.223" },
    { id: "r-000741", time: 1718101077, method: "GET", path: "/feeds/latest.xml", status: 304, durationMs: 14.3, bytes: 0, cache: "HIT", upstream: "app-2", client: "203.0.113.10" },
    { id: "r-000742", time: 1718101077, method: "GET", path: "/checkout/", status: 200, durationMs: 10.27, bytes: 21072, cache: "MISS", upstream: "app-1", client: "198.51.100.15" },
    { id: "r-000743", time: 1718101080, method: "GET", path: "/feeds/latest.xml", status: 200, durationMs: 50.48, bytes: 44384, cache: "HIT", upstream: "app-2", client: "198.51.100.205" },
    { id: "r-000744", time: 1718101082, method: "GET", path: "/login/", status: 200, durationMs: 69.6, bytes: 34222, cache: "BYPASS", upstream: "app-3", client: "203.0.113.140" },
    { id: "r-000745", time: 1718101083, method: "GET", path: "/healthz", status: 200, durationMs: 60.1, bytes: 34798, cache: "MISS", upstream: "app-2", client: "203.0.113.39" },
    { id: "r-000746", time: 1718101084, method: "PUT", path: "/api/customers/8534/", status: 204, durationMs: 41.58, bytes: 0, cache: "BYPASS", upstream: "app-3", client: "203.0.113.134" },
    { id: "r-000747", time: 1718101086, method: "PUT", path: "/api/orders/", status: 200, durationMs: 44.38, bytes: 10145, cache: "BYPASS", upstream: "app-2", client: "203.0.113.168" },
    { id: "r-000748", time: 1718101087, method: "GET", path: "/account/settings/", status: 404, durationMs: 85.78, bytes: 14930, cache: "BYPASS", upstream: "app-2", client: "203.0.113.121" },
    { id: "r-000749", time: 1718101088, method: "GET", path: "/blog/meadow-orchard/", status: 200, durationMs: 58.23, bytes: 8282, cache: "HIT", upstream: "app-3", client: "198.51.100.228" },
  ];

  // main.js
  // main.js — wires the dashboard: filters, summary cards, chart and table.

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
})();
//# sourceMappingURL=app.js.map
