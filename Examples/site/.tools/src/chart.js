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

export function drawSeries(canvas, series, theme) {
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

export function themeFromDocument() {
  const styles = getComputedStyle(document.documentElement);
  const read = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
  return {
    accent: read("--accent", "#2f6fed"),
    danger: read("--danger", "#d64545"),
    grid: read("--grid", "#e3e6ec"),
    muted: read("--muted", "#6b7280"),
  };
}
