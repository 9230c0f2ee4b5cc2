import type { FormState } from "@/lib/action-client/form-state";

export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={`rounded px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-rose-50 text-rose-700"}`}
      data-testid="form-message"
    >
      {state.message}
    </p>
  );
}

export function FieldError({ state, field }: { state: FormState; field: string }) {
  const errors = state.fieldErrors?.[field];
  if (!errors?.length) return null;
  return (
    // One line per error: no joining mark, so the page's language decides all the punctuation.
    <span className="mt-1 block text-xs text-rose-700" data-field-error={field}>
      {errors.map((error) => (
        <span key={error} className="block">
          {error}
        </span>
      ))}
    </span>
  );
}
