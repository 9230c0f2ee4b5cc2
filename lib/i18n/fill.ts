// Placeholder filling on its own, without the dictionaries: client components import it
// from here so that neither zh-CN.ts nor en.ts (~85 kB) ends up in the browser's bundle.

/** Fills "{name}" placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
