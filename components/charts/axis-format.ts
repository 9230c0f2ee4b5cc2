// Axis ticks in one style per chart: counts in 万 once the largest value reaches 10,000 (as
// the bulletin writes large counts), every tick in the same unit ("0.5万 1万 1.5万", never
// "7000 1.1万"); rates in %; negatives with a true minus sign.
const MINUS = "\u2212";

export function countTickFormatter(values: ReadonlyArray<number | null | undefined>): (value: number) => string {
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  if (largest < 10_000) return (value) => (value < 0 ? MINUS : "") + Math.abs(value).toLocaleString("zh-CN");
  return (value) => {
    if (value === 0) return "0";
    const wan = Math.abs(value) / 10_000;
    const text = Number.isInteger(wan) ? String(wan) : wan.toFixed(wan < 10 ? 1 : 0).replace(/\.0$/, "");
    return `${value < 0 ? MINUS : ""}${text}万`;
  };
}

export function rateTick(value: number): string {
  return `${value < 0 ? MINUS : ""}${Math.abs(value)}%`;
}
