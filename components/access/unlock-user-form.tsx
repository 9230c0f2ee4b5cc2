"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { unlockUserAction } from "@/lib/access/actions/unlock-user";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";

/** One locked account's "解除锁定" button (the security administrator's page). */
export function UnlockUserForm({ t, userId, username }: { t: Messages; userId: number; username: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(unlockUserAction, {});
  return (
    <form action={action} className="flex items-center gap-2" data-testid={`unlock-${username}`}>
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        disabled={pending}
        className="min-h-6 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {t.security.locks.unlock}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
