"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { createUserAction } from "@/lib/access/actions/create-user";
import { resetPasswordAction } from "@/lib/access/actions/reset-password";
import { setUserActiveAction } from "@/lib/access/actions/set-user-active";
import { updateUserAction } from "@/lib/access/actions/update-user";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";

type UnitOption = { code: string; name: string; kind: "DEPARTMENT" | "DISTRICT" };
const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

function RoleAndUnit({
  t,
  units,
  role,
  unitCode,
  state,
}: {
  t: Messages;
  units: UnitOption[];
  role?: string;
  unitCode?: string | null;
  state: FormState;
}) {
  return (
    <>
      <label className="block text-sm">
        {t.admin.users.columns.role}
        <select
          name="role"
          key={state.values?.role ?? role}
          defaultValue={state.values?.role ?? role ?? "OFFICIAL"}
          className={input}
        >
          {(["SYSTEM_ADMIN", "OFFICIAL", "DEPARTMENT"] as const).map((r) => (
            <option key={r} value={r}>
              {t.auth.roles[r]}
            </option>
          ))}
        </select>
        <FieldError state={state} field="role" />
      </label>
      <label className="block text-sm">
        {t.admin.users.columns.unit}
        <select
          name="unitCode"
          key={state.values?.unitCode ?? unitCode ?? ""}
          defaultValue={state.values?.unitCode ?? unitCode ?? ""}
          className={input}
        >
          <option value="">{t.admin.users.unitNone}</option>
          <optgroup label={t.nav.municipal}>
            {units
              .filter((u) => u.kind === "DEPARTMENT")
              .map((u) => (
                <option key={u.code} value={u.code} lang={nameLang(t.locale)}>
                  {u.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={t.nav.districts}>
            {units
              .filter((u) => u.kind === "DISTRICT")
              .map((u) => (
                <option key={u.code} value={u.code} lang={nameLang(t.locale)}>
                  {u.name}
                </option>
              ))}
          </optgroup>
        </select>
        <span className="mt-1 block text-xs text-slate-600">{t.admin.users.unitHint}</span>
        <FieldError state={state} field="unitCode" />
      </label>
    </>
  );
}

export function CreateUserForm({ t, units }: { t: Messages; units: UnitOption[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createUserAction, {});
  return (
    <form action={action} className="grid gap-3 md:grid-cols-3" data-testid="create-user-form">
      <label className="block text-sm">
        {t.admin.users.columns.username}
        <input name="username" defaultValue={state.values?.username} className={input} autoComplete="off" />
        <FieldError state={state} field="username" />
      </label>
      <label className="block text-sm">
        {t.admin.users.columns.displayName}
        <input name="displayName" defaultValue={state.values?.displayName} className={input} />
        <FieldError state={state} field="displayName" />
      </label>
      <label className="block text-sm">
        {t.admin.users.password}
        <input name="password" type="password" className={input} autoComplete="new-password" />
        <FieldError state={state} field="password" />
      </label>
      <RoleAndUnit t={t} units={units} state={state} />
      <div className="flex items-end gap-3 md:col-span-3">
        <button type="submit" disabled={pending} className={button}>
          {t.admin.users.create}
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function EditUserForm({
  t,
  units,
  user,
}: {
  t: Messages;
  units: UnitOption[];
  user: { id: number; displayName: string; role: string; unitCode: string | null };
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateUserAction, {});
  return (
    <form action={action} className="grid gap-3 md:grid-cols-3" data-testid="edit-user-form">
      <input type="hidden" name="userId" value={user.id} />
      <label className="block text-sm">
        {t.admin.users.columns.displayName}
        <input name="displayName" defaultValue={state.values?.displayName ?? user.displayName} className={input} />
        <FieldError state={state} field="displayName" />
      </label>
      <RoleAndUnit t={t} units={units} role={user.role} unitCode={user.unitCode} state={state} />
      <div className="flex items-end gap-3 md:col-span-3">
        <button type="submit" disabled={pending} className={button}>
          {t.admin.users.save}
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function ResetPasswordForm({ t, userId }: { t: Messages; userId: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid="reset-password-form">
      <input type="hidden" name="userId" value={userId} />
      <label className="block text-sm">
        {t.admin.users.newPassword}
        <input name="password" type="password" className={input} autoComplete="new-password" />
        <FieldError state={state} field="password" />
      </label>
      <button type="submit" disabled={pending} className={button}>
        {t.admin.users.resetPassword}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function SetActiveForm({ t, userId, active }: { t: Messages; userId: number; active: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setUserActiveAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" data-testid="set-active-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={String(!active)} />
      <button
        type="submit"
        disabled={pending}
        className={
          active ? "rounded-md border border-rose-300 px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50" : button
        }
      >
        {active ? t.admin.users.deactivate : t.admin.users.reactivate}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
