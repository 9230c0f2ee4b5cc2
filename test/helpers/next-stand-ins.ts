// Next's cache and navigation functions as server actions and route handlers call them, for
// integration tests (outside a Next server they throw):
//   vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
//   vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);

/** The tags updateTag expired, in order (a test may empty it). */
export const updatedTags: string[] = [];

export const nextCache = {
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: (tag: string) => void updatedTags.push(tag),
  unstable_cache: <T>(fn: T) => fn,
};

/** redirect() throws, as Next's does; the error carries the URL. */
export const nextNavigation = {
  redirect: (url: string): never => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
};

/** A form as the browser posts it. */
export function formOf(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}
