/**
 * A tiny trend line (inline SVG, no chart library): for tables and tiles where a full chart would be
 * too much. `values` oldest first; nulls leave a gap. The last point is marked.
 */
export function Sparkline({
  values,
  width = 96,
  height = 24,
  color = "#1456a0",
  label,
  testId = "zw-sparkline",
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  color?: string;
  /** Accessible description, e.g. "近 8 个季度：78.2 → 81.5". */
  label?: string;
  testId?: string;
}) {
  const nums = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (nums.length === 0) return <svg width={width} height={height} role="img" aria-label={label} data-testid={testId} />;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const pad = 2;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v == null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  const lastIndex = values.map((v) => v != null && Number.isFinite(v)).lastIndexOf(true);
  const last = values[lastIndex] as number;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId} data-points={nums.length}>
      <path d={d} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(lastIndex)} cy={y(last)} r={2.2} fill={color} />
    </svg>
  );
}
