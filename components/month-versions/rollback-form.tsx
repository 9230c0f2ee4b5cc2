"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import { rollbackMonthAction } from "@/lib/month-versions/actions/rollback-month";

export function RollbackForm({
  month,
  versionId,
  currentVersionId,
  label,
}: {
  month: string;
  versionId: number;
  currentVersionId: number | null;
  label: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(rollbackMonthAction, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="versionId" value={versionId} />
      {/* The version this page shows as current: a rollback after someone else's publish is refused. */}
      <input type="hidden" name="currentVersionId" value={currentVersionId ?? ""} />
      <button
        type="submit"
        disabled={pending}
        className="text-brand-700 hover:underline disabled:opacity-60"
        data-testid={`rollback-${versionId}`}
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
