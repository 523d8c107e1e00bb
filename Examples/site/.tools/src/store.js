// store.js — the dashboard's state: filters, sort order, and derived views of the request log.
import { quantile, groupBy } from "./util.js";

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

export function getState() {
  return state;
}

export function update(patch) {
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

export function subscribe(listener) {
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

export function select(requests, s = state) {
  const filtered = requests.filter((r) => matches(r, s));
  const compare = comparators[s.sortKey] || comparators.time;
  filtered.sort(s.sortDescending ? (a, b) => compare(b, a) : compare);
  return filtered;
}

export function summarize(requests) {
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

export function perMinute(requests) {
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

export function distinct(requests, field) {
  return Array.from(new Set(requests.map((r) => r[field]))).sort();
}
