// The card rules' settings (Setting "supervision.cards"), with their bounds: read with defaults,
// written with their audit event (lib/settings). The definition they plug into is card-sql.ts.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { saveSetting } from "@/lib/settings/save-setting";

export const CARD_SETTINGS_KEY = "supervision.cards";

export const CARD_SETTING_BOUNDS = {
  yellowDaysLeft: { min: 0, max: 10 },
  yellowSharePercent: { min: 50, max: 100 },
  afterHoursCutoff: { min: "15:00", max: "21:00" },
} as const;

export const cardSettingsSchema = z.object({
  /** Yellow when at most this many working days are left of the promise. */
  yellowDaysLeft: z.coerce
    .number()
    .int()
    .min(CARD_SETTING_BOUNDS.yellowDaysLeft.min)
    .max(CARD_SETTING_BOUNDS.yellowDaysLeft.max),
  /** …or when at least this share (percent) of the promised working days is used. */
  yellowSharePercent: z.coerce
    .number()
    .int()
    .min(CARD_SETTING_BOUNDS.yellowSharePercent.min)
    .max(CARD_SETTING_BOUNDS.yellowSharePercent.max),
  /** Acceptance at or after this time (HH:MM) on a working day counts from the next working day. */
  afterHoursCutoff: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .refine(
      (v) => v >= CARD_SETTING_BOUNDS.afterHoursCutoff.min && v <= CARD_SETTING_BOUNDS.afterHoursCutoff.max,
      "out of bounds",
    ),
});
export type CardSettings = z.infer<typeof cardSettingsSchema>;

export const DEFAULT_CARD_SETTINGS: CardSettings = {
  yellowDaysLeft: 1,
  yellowSharePercent: 80,
  afterHoursCutoff: "17:30",
};

type SettingReader = Pick<PrismaClient, "setting">;

/** The stored settings, each falling back to its default when missing or out of bounds. */
export async function readCardSettings(db: SettingReader): Promise<CardSettings> {
  const row = await db.setting.findUnique({ where: { key: CARD_SETTINGS_KEY } });
  const stored = (row?.value ?? {}) as Record<string, unknown>;
  const merged = { ...DEFAULT_CARD_SETTINGS, ...stored };
  const parsed = cardSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_CARD_SETTINGS;
}

export async function saveCardSettings(
  db: PrismaClient,
  input: CardSettings,
  actorId: number | null,
): Promise<CardSettings> {
  const value = cardSettingsSchema.parse(input);
  const before = await readCardSettings(db);
  await db.$transaction(async (tx: Prisma.TransactionClient) => {
    await saveSetting(tx, CARD_SETTINGS_KEY, value, actorId, { before, after: value });
  });
  return value;
}
