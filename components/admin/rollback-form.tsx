"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import type { FormState } from "@/lib/actions/users/action-state";
import { rollbackMonthAction } from "@/lib/actions/uploads/rollback-month";

export function RollbackForm({ month, versionId, label }: { month: string; versionId: number; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(rollbackMonthAction, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="versionId" value={versionId} />
      <button type="submit" disabled={pending} className="text-brand-700 hover:underline disabled:opacity-60" data-testid={`rollback-${versionId}`}>
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
