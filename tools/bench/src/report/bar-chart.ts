/** A horizontal bar chart as a standalone SVG string: no chart library, readable on GitHub. */
export interface Bar {
  label: string;
  value: number;
}

export interface BarChart {
  title: string;
  unit: string;
  bars: Bar[];
  /** Drawn as a dashed line across the bars, e.g. a performance target. */
  target?: { value: number; label: string };
}

const WIDTH = 680;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const TOP = 44;
const BOTTOM = 28;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Thousands separators and at most 3 significant decimals, so 42424 -> "42,424", 0.0264 -> "0.0264". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Bar lengths are linear from 0 to the largest bar (or target); negative and non-finite values draw no bar. */
export function renderBarChart(chart: BarChart): string {
  const drawable = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const scaleMax = Math.max(...chart.bars.map((b) => drawable(b.value)), chart.target ? drawable(chart.target.value) : 0) || 1;
  const x = (v: number) => LABEL_WIDTH + (drawable(v) / scaleMax) * PLOT_WIDTH;
  const height = TOP + chart.bars.length * ROW_HEIGHT + BOTTOM;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="24" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  // The target line goes first so bars and their values are drawn over it.
  if (chart.target) {
    const tx = x(chart.target.value).toFixed(1);
    const bottom = TOP + chart.bars.length * ROW_HEIGHT;
    parts.push(
      `<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${bottom}" stroke="#c0392b" stroke-width="2" stroke-dasharray="5,4"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#c0392b">${escapeXml(chart.target.label)}</text>`,
    );
  }
  chart.bars.forEach((bar, i) => {
    const y = TOP + i * ROW_HEIGHT;
    const end = x(bar.value);
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 4}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${(end - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="#3b6ea5"/>`,
      // A white halo keeps the value readable where it crosses the target line.
      `<text x="${(end + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 4}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${escapeXml(`${formatNumber(bar.value)} ${chart.unit}`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
