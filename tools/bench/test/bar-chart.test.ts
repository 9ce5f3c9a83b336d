import { escapeXml, formatNumber, renderBarChart } from '../src/report/bar-chart';

/** Bar widths in drawing order, read back from the SVG. */
const barWidths = (svg: string) => [...svg.matchAll(/<rect x="230" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('renderBarChart', () => {
  it('draws one bar per value, scaled linearly to the largest', () => {
    const svg = renderBarChart({ title: 'Requests', unit: 'req/s', bars: [{ label: 'bare', value: 1000 }, { label: 'api', value: 250 }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const [bare, api] = barWidths(svg);
    expect(bare).toBeGreaterThan(0);
    expect(api / bare).toBeCloseTo(0.25, 2);
    expect(svg).toContain('1,000 req/s');
    expect(svg).toContain('250 req/s');
  });

  it('scales to a target larger than every bar and draws it as a dashed line', () => {
    const svg = renderBarChart({ title: 'Start-up', unit: 'ms', bars: [{ label: 'api', value: 100 }], target: { value: 400, label: 'target 400 ms' } });
    const [api] = barWidths(svg);
    const line = /<line x1="([\d.]+)"/.exec(svg);
    expect(line).not.toBeNull();
    // The target sits at the right end of the plot; the bar is a quarter of that length.
    expect(api / (Number(line![1]) - 230)).toBeCloseTo(0.25, 2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('target 400 ms');
  });

  it('draws no bar for zero, negative or non-finite values, and says n/a', () => {
    const svg = renderBarChart({ title: 't', unit: 'x', bars: [{ label: 'a', value: Number.NaN }, { label: 'b', value: -3 }, { label: 'c', value: 0 }] });
    expect(barWidths(svg)).toEqual([0, 0, 0]);
    expect(svg).toContain('n/a x');
  });

  it('escapes labels so a benchmark name cannot break the SVG', () => {
    const svg = renderBarChart({ title: 'a <b> & "c"', unit: 'ms', bars: [{ label: '<script>', value: 1 }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
  });
});

describe('formatNumber', () => {
  it('uses separators for large numbers and keeps small ratios readable', () => {
    expect(formatNumber(42424.4)).toBe('42,424');
    expect(formatNumber(7.25)).toBe('7.3');
    expect(formatNumber(0.0264)).toBe('0.026');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('n/a');
  });

  it('escapeXml handles every special character', () => {
    expect(escapeXml('&<>"')).toBe('&amp;&lt;&gt;&quot;');
  });
});
