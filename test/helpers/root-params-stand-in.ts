// next/root-params is replaced by Next's compiler with getters bound to the route being
// rendered; a page or component rendered in vitest (outside Next) gets this stand-in:
// the default language, or the one a test sets.
let current = "zh-CN";

/** The `lang` root parameter (app/[lang]/) of the page under test. */
export async function lang(): Promise<string> {
  return current;
}

export function setTestLang(value: string): void {
  current = value;
}
