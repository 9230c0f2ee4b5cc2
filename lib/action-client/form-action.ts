import "server-only";
// The one way to write a form's server action: formAction(permission, { schema }, body) checks
// the caller (lib/access/guard.ts, the permission table of lib/access/permissions.ts), reads the
// FormData through a zod schema and calls the body with the parsed data and the viewer. A parse
// failure answers field errors and the submitted values (FormState), so the form is shown again
// with what the user typed; an action that answers a fixed message instead says so (`invalid`).
//
// Why our own few lines rather than next-safe-action: the forms already use React's
// useActionState with FormState and render it themselves; next-safe-action's results have
// another shape and its client hooks (useAction…) would add client JavaScript to every admin
// page, which the bench weighs. Its server half would only replace these lines, while its
// result shape would change every form. No client code imports this module.
//
// A "use server" file may export only async functions: `export const xAction = formAction(…)`
// is one (the function returned below), and the schemas stay unexported.
import { z } from "zod";
import type { Action, Viewer } from "@/lib/access";
import { guardAction } from "@/lib/access/server";
import { type FormState, fieldErrorsOf, submittedValues } from "@/lib/action-client/form-state";
import { actionLocale } from "@/lib/i18n/action-locale";
import { getMessages, type Locale, type Messages } from "@/lib/i18n/messages";

/** The answer of actions whose fields are all hidden (ids, months): a bad value is a forged post. */
export const INVALID_INPUT: FormState = { message: "参数无效 / invalid input" };

/** A checkbox: on when posted as "on", off when absent (or anything else); never an error. */
export const checkbox = () =>
  z
    .unknown()
    .optional()
    .transform((v) => v === "on");

/** What the body gets besides the data and the viewer: the form itself, and the page's language. */
export type ActionContext = { formData: FormData; locale: Locale; messages: Messages };

type SchemaOption<S extends z.ZodType> = S | ((messages: Messages) => S);

export type FormActionOptions<S extends z.ZodType> = {
  /** The form's fields; a function of the messages when its errors are in the page's language. */
  schema: SchemaOption<S>;
  /** What the schema reads; by default each field's first value (what `formData.get` gives). */
  input?: (formData: FormData) => unknown;
  /** The answer on a parse failure instead of field errors: a fixed message. */
  invalid?: FormState | ((messages: Messages) => FormState);
};

export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export function formAction<S extends z.ZodType>(
  permission: Action,
  options: FormActionOptions<S>,
  body: (data: z.output<S>, viewer: Viewer, context: ActionContext) => Promise<FormState>,
): FormAction {
  return async (_previous, formData) => {
    const guard = await guardAction(permission);
    if (!guard.ok) return { message: guard.error };
    const locale = await actionLocale();
    const messages = getMessages(locale);
    const schema = typeof options.schema === "function" ? options.schema(messages) : options.schema;
    const input = (options.input ?? firstValues)(formData);
    // zod's own messages (a forged or missing hidden field) in the page's language; the
    // schemas' messages stand before these.
    const parsed = schema.safeParse(input, { error: zodMessages(locale) });
    if (!parsed.success) {
      const { invalid } = options;
      if (invalid) return typeof invalid === "function" ? invalid(messages) : invalid;
      return { fieldErrors: fieldErrorsOf(parsed.error.issues), values: submittedValues(formData) };
    }
    return body(parsed.data, guard.viewer, { formData, locale, messages });
  };
}

/** Each field's first value: the forms send one value a name. */
function firstValues(formData: FormData): Record<string, FormDataEntryValue> {
  // A Map, not an object: a field named `__proto__` or `constructor` is just a field.
  const first = new Map<string, FormDataEntryValue>();
  for (const [key, value] of formData) if (!first.has(key)) first.set(key, value);
  return Object.fromEntries(first);
}

const ZOD_LOCALES = { "zh-CN": z.locales.zhCN(), en: z.locales.en() } satisfies Record<Locale, unknown>;
const zodMessages = (locale: Locale) => ZOD_LOCALES[locale].localeError;
