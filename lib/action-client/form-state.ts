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
