// What a form's server action returns: a message, or errors per field, and
// the values submitted (React resets a form after its action: an invalid form
// is shown again with what the user typed, passwords excepted).
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
};

/** The submitted text fields, without passwords, to refill a form that failed. */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData)
    if (typeof value === "string" && key !== "password" && !key.startsWith("$")) values[key] = value;
  return values;
}

type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * A schema's issues (zod's) as FormState.fieldErrors: keyed by the field's name, by default
 * its path joined with dots ("enabled.noCases"; "form" for the whole form), in the schema's order.
 */
export function fieldErrorsOf(
  issues: readonly Issue[],
  fieldName: (path: readonly PropertyKey[]) => string = (path) => path.map(String).join(".") || "form",
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[fieldName(issue.path)] ??= []).push(issue.message);
  return out;
}
