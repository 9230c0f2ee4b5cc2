// The value axis of the bulletin's bar charts, shared by the docx and pdf renderers so both
// draw the same ticks: a maximum and a step of 1, 2 or 5 × 10^k, about five steps.
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step) * step, step };
}
