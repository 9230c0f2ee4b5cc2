"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { readSession } from "@/lib/access/session";
import { endSessions } from "@/lib/access/user-sessions";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import type { FormState } from "@/lib/action-client/form-state";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { fill, getMessages } from "@/lib/i18n/messages";

const sessionId = z.string().uuid();

/**
 * A user ends another of their own sessions (/account/sessions), or all of them but this one.
 * Any signed-in user, for their own sessions only: the owner is part of the query
 * (lib/access/user-sessions.ts endSessions), so another user's session id ends nothing.
 */
export async function endOwnSessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const t = getMessages(await actionLocale()).sessions.mine;
  const session = await readSession((await cookies()).getAll());
  if (!session?.payload.sid || session.viewer.mustChangePassword) return { message: "登录已失效，请重新登录。" };
  const all = formData.get("all") === "1";
  const id = sessionId.safeParse(formData.get("sessionId"));
  if (!all && !id.success) return INVALID_INPUT;
  if (!all && id.data === session.payload.sid) return { message: t.notThisOne };
  const ended = await endSessions(prisma, all ? "allOthers" : [id.data!], {
    kind: "self",
    userId: session.viewer.userId,
    currentSid: session.payload.sid,
  });
  revalidatePath("/account/sessions");
  if (all) return { ok: true, message: ended.length ? fill(t.endedOthers, { count: ended.length }) : t.noOthers };
  return ended.length ? { ok: true, message: t.ended } : { message: t.notFound };
}

/** The security administrator ends a user's session (/admin/security), audited. */
export const endUserSessionAction = formAction(
  "security.manage",
  { schema: z.object({ sessionId }), invalid: INVALID_INPUT },
  async ({ sessionId: id }, viewer, { messages }) => {
    const ended = await endSessions(prisma, [id], { kind: "securityAdmin", actorId: viewer.userId });
    revalidatePath("/admin/security");
    return ended[0]
      ? { ok: true, message: fill(messages.sessions.admin.ended, { username: ended[0].username }) }
      : { message: messages.sessions.mine.notFound };
  },
);
