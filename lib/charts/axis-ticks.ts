// Axis ticks in one style per axis, for the dashboard's charts (recharts) and the bulletin's PDF
// (pdfkit): counts in 万 once the axis reaches 10,000, as the bulletin's text writes large counts,
// and then every tick in 万 ("0 0.5万 1万 1.5万", "0 50万 100万"; never "7000 1.1万" nor
// "500000 1000000"); below that, plain counts with thousands separators; rates in %; negatives
// with a true minus sign. A tick is written exactly (2,500 is "0.25万", not a rounded "0.3万").
const MINUS = "\u2212";
const WAN = 10_000;

/** "0.25", "1.5", "100": the shortest exact decimal (float noise of the division removed). */
function exact(value: number): string {
  return String(Number(value.toFixed(4)));
}

/**
 * The tick formatter of a count axis whose values (or ticks) reach `values`' largest magnitude.
 * An English page counts in thousands instead of 万 ("0 300k 600k", every tick alike).
 */
export function countTickFormatter(
  values: ReadonlyArray<number | null | undefined>,
  locale: "zh-CN" | "en" = "zh-CN",
): (value: number) => string {
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  if (largest < WAN) return (value) => (value < 0 ? MINUS : "") + Math.abs(value).toLocaleString(locale);
  if (locale === "en")
    return (value) =>
      value === 0 ? "0" : `${value < 0 ? MINUS : ""}${Number(exact(Math.abs(value) / 1000)).toLocaleString("en")}k`;
  return (value) => (value === 0 ? "0" : `${value < 0 ? MINUS : ""}${exact(Math.abs(value) / WAN)}万`);
}

export function rateTick(value: number): string {
  return `${value < 0 ? MINUS : ""}${exact(Math.abs(value))}%`;
}

/** The ticks of a scale from 0 (lib/bulletin/build/chart-scale.ts's niceScale), each with its text. */
export function scaleTicks(scale: { max: number; step: number }): Array<{ value: number; text: string }> {
  const ticks: number[] = [];
  // Counting steps, not adding them: 0.1 + 0.2 must not leave a tick out.
  for (let i = 0; i * scale.step <= scale.max + 1e-9; i++) ticks.push(i * scale.step);
  const format = countTickFormatter([scale.max]);
  return ticks.map((value) => ({ value, text: format(value) }));
}
