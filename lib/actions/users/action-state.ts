// What a form's server action returns: a message, or errors per field.
export type FormState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[] | undefined> };
