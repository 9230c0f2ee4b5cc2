// State-changing API requests must say they come from the site (lib/http/same-origin.ts), as a
// browser's do: Playwright's request context sends no Origin of its own.
export const siteOrigin = (): string => new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000").origin;

export const fromSite = (): Record<string, string> => ({ Origin: siteOrigin() });
