// The JS twin of backcoach/diary/charts.py: the same SVG charts, drawn on the device for
// people without an account. The markup is character for character the server's
// (tests/diary/test_charts_js.py compares them), so both look, print and read the same.
// Days are "YYYY-MM-DD" strings; every piece of text is escaped.

const WIDTH = 360, HEIGHT = 190;
const LEFT = 40, RIGHT = 8, TOP = 10, BOTTOM = 28; // room for "100%"
const PLOT_W = WIDTH - LEFT - RIGHT, PLOT_H = HEIGHT - TOP - BOTTOM;
const INK = "#1a1a1a", GRID = "#c8c8c8", ACCENT = "#0b5cad", BAR = "#2f7d4f";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
const f1 = (x) => x.toFixed(1);
const x = (index, count) => {
  const slot = PLOT_W / Math.max(count, 1);
  return LEFT + slot * index + slot / 2;
};
const y = (value, top) => TOP + PLOT_H - (value / top) * PLOT_H;
const dayOfMonth = (day) => String(Number(day.slice(8, 10)));

/** The chart as a figure: a visible caption names it, the SVG's desc summarises it. */
function frame(labels, body) {
  const titleId = `${labels.chartId}-title`, descId = `${labels.chartId}-desc`;
  return `<figure class="diary-figure"><figcaption id="${titleId}">${escape(labels.title)}</figcaption>`
    + `<svg class="diary-chart" id="${escape(labels.chartId)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" `
    + `role="img" aria-labelledby="${titleId} ${descId}" preserveAspectRatio="xMidYMid meet">`
    + `<desc id="${descId}">${escape(labels.summary)}</desc>${body.join("")}</svg></figure>`;
}

function grid(ticks, top, suffix = "") {
  return ticks.map((tick) => {
    const at = y(tick, top);
    return `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f1(at)}" y2="${f1(at)}" `
      + `stroke="${GRID}" stroke-width="1"/>`
      + `<text x="${LEFT - 4}" y="${f1(at + 4)}" text-anchor="end" font-size="11" `
      + `fill="${INK}">${tick}${escape(suffix)}</text>`;
  });
}

function dayAxis(days) {
  // A week shows every day; a month every fifth, so the numbers never collide.
  const step = days.length <= 10 ? 1 : 5;
  return days
    .map((day, i) => [day, i])
    .filter(([, i]) => i % step === 0 || i === days.length - 1)
    .map(([day, i]) => `<text x="${f1(x(i, days.length))}" y="${HEIGHT - 10}" text-anchor="middle" `
      + `font-size="11" fill="${INK}">${dayOfMonth(day)}</text>`);
}

/** A line of the daily NRS (0–10); days without an entry leave a gap. */
export function painChart(days, pain, labels) {
  const body = [...grid([0, 2, 4, 6, 8, 10], 10), ...dayAxis(days)];
  const runs = [[]];
  days.forEach((day, i) => {
    if (!(day in pain)) {
      runs.push([]);
      return;
    }
    const cx = f1(x(i, days.length)), cy = f1(y(pain[day], 10));
    runs[runs.length - 1].push(`${cx},${cy}`);
    body.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${ACCENT}">`
      + `<title>${day}: ${pain[day]}</title></circle>`);
  });
  for (const points of runs) {
    if (points.length > 1) {
      body.push(`<polyline points="${points.join(" ")}" fill="none" stroke="${ACCENT}" stroke-width="2"/>`);
    }
  }
  return frame(labels, body);
}

/** Bars per day, with an optional dashed target line (the prescription). */
export function barChart(days, values, labels, topValue, ticks, target = null, suffix = "") {
  const top = Math.max(topValue, ...Object.values(values), 0, 1);
  const body = [...grid(ticks, top, suffix), ...dayAxis(days)];
  const barW = (PLOT_W / Math.max(days.length, 1)) * 0.6;
  days.forEach((day, i) => {
    const value = values[day] ?? 0;
    if (value <= 0) return;
    const at = y(value, top);
    body.push(`<rect x="${f1(x(i, days.length) - barW / 2)}" y="${f1(at)}" width="${f1(barW)}" `
      + `height="${f1(TOP + PLOT_H - at)}" fill="${BAR}">`
      + `<title>${day}: ${value}${escape(suffix)}</title></rect>`);
  });
  if (target !== null) {
    const at = y(target, top);
    body.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f1(at)}" y2="${f1(at)}" stroke="${INK}" `
      + 'stroke-width="1.5" stroke-dasharray="5 4"/>');
  }
  return frame(labels, body);
}
