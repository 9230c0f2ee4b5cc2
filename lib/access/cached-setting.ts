// An access setting the proxy reads on every request (the access rules, the second-factor switch):
// one JSON value in `Setting`, kept in this process for a few seconds. A change saved in this
// process is seen at once (save forgets it), other instances within the TTL. An unreadable stored value
// falls back to the defaults, field by field.
import type { z } from "zod";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { saveSetting } from "@/lib/settings/save-setting";

const TTL_MS = 5_000;

export type CachedSetting<T> = {
  get: () => Promise<T>;
  /**
   * Saves `after`, audited with before and after (settings.update), and forgets the cached value;
   * false when it was already stored as it is (nothing written).
   */
  save: (after: T, actorId: number) => Promise<boolean>;
};

export function cachedSetting<T extends object>(
  key: string,
  schema: z.ZodObject<z.ZodRawShape>,
  defaults: T,
): CachedSetting<T> {
  // On globalThis: one per process, whichever bundle (proxy, pages, actions) reads it.
  const store = globalThis as unknown as {
    __dashboardSettings?: Map<string, { value: T; at: number }>;
    __dashboardSettingSaves?: Map<string, number>;
  };
  const cache = (store.__dashboardSettings ??= new Map());
  // Saves so far, by key: a read that was in flight when a save committed must not put the value it
  // read (the old one) back in the cache after the save forgot it (it would be served for the TTL).
  const saves = (store.__dashboardSettingSaves ??= new Map());
  const read = (value: unknown): T => {
    const parsed = schema.partial().safeParse(value);
    return { ...defaults, ...(parsed.success ? (parsed.data as Partial<T>) : {}) };
  };
  return {
    async get() {
      const cached = cache.get(key);
      if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
      const savesBefore = saves.get(key) ?? 0;
      const row = await prisma.setting.findUnique({ where: { key } });
      const value = read(row?.value);
      if ((saves.get(key) ?? 0) === savesBefore) cache.set(key, { value, at: Date.now() });
      return value;
    },
    async save(after, actorId) {
      const changed = await prisma.$transaction(async (tx) => {
        const row = await tx.setting.findUnique({ where: { key } });
        const before = read(row?.value);
        const same = (Object.keys(defaults) as Array<keyof T>).every((field) => before[field] === after[field]);
        if (row && same) return false;
        const json = (value: unknown) => value as Prisma.InputJsonValue;
        await saveSetting(tx, key, json(after), actorId, json({ before, after }));
        return true;
      });
      saves.set(key, (saves.get(key) ?? 0) + 1);
      cache.delete(key);
      return changed;
    },
  };
}
