// An access setting the proxy reads on every request (the access rules, the second-factor switch):
// one JSON value in `Setting`, kept in this process for a few seconds. A change saved in this
// process is seen at once (forget), other instances within the TTL. An unreadable stored value
// falls back to the defaults, field by field.
import type { z } from "zod";
import { prisma } from "@/lib/db";

const TTL_MS = 5_000;

export type CachedSetting<T> = {
  key: string;
  /** A stored value → the setting; anything unreadable is its default. */
  read: (value: unknown) => T;
  get: () => Promise<T>;
  forget: () => void;
};

export function cachedSetting<T extends object>(
  key: string,
  schema: z.ZodObject<z.ZodRawShape>,
  defaults: T,
): CachedSetting<T> {
  // On globalThis: one per process, whichever bundle (proxy, pages, actions) reads it.
  const store = globalThis as unknown as { __dashboardSettings?: Map<string, { value: T; at: number }> };
  const cache = (store.__dashboardSettings ??= new Map());
  const read = (value: unknown): T => {
    const parsed = schema.partial().safeParse(value);
    return { ...defaults, ...(parsed.success ? (parsed.data as Partial<T>) : {}) };
  };
  return {
    key,
    read,
    async get() {
      const cached = cache.get(key);
      if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
      const row = await prisma.setting.findUnique({ where: { key } });
      const value = read(row?.value);
      cache.set(key, { value, at: Date.now() });
      return value;
    },
    forget: () => void cache.delete(key),
  };
}
