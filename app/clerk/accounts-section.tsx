"use client";
// The clerk's accounts and devices: staff accounts (create with a temporary password the owner
// replaces at first sign-in, disable or enable, reset a password) and the councillors' paired
// devices, each of which can be revoked (its open connections drop at once).
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { councilRoutes, type PairedDevice, type StaffAccount } from "@/core/api/clerk-council";
import { errorText } from "@/core/refusal";
import { fullName, StaffRoleSchema, type StaffRole } from "@/core/vocabulary";
import { call } from "@/lib/client/api";
import { formFields } from "@/lib/client/form-fields";
import { councilDateTime } from "../components/format";
import { ConfirmButton } from "../components/confirm-button";
import { DataTable } from "../components/data-table";
import type { ClerkMember } from "./clerk-api";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function AccountsSection({ members, timeZone }: { members: ClerkMember[]; timeZone: string }) {
  const t = useTranslations("clerk.accounts");
  const td = useTranslations("clerk.devices");
  const locale = useLocale();
  const [accounts, setAccounts] = useState<StaffAccount[]>([]);
  const [devices, setDevices] = useState<PairedDevice[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);

  const load = useCallback(async () => {
    const [a, d] = await Promise.all([call(councilRoutes.accounts, {}), call(councilRoutes.devices, {})]);
    if (a.ok) setAccounts(a.data);
    if (d.ok) setDevices(d.data);
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after the fetch resolves, not during the effect
    void load();
  }, [load]);

  const outcome = async (r: { ok: true } | { ok: false; error: Parameters<typeof errorText>[0] }, success: string) => {
    if (!r.ok) {
      setMessage(null);
      setError(errorText(r.error, locale));
      return false;
    }
    setError(null);
    setMessage(success);
    await load();
    return true;
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = formFields(form);
    const login = f("login");
    const r = await call(
      councilRoutes.createAccount,
      {},
      {
        login,
        displayName: f("displayName"),
        role: f("role") as StaffRole,
        memberId: f("memberId") || null,
        password: f("password"),
      },
    );
    if (await outcome(r, t("created", { login }))) form.reset();
  };

  const reset = async (e: FormEvent<HTMLFormElement>, a: StaffAccount) => {
    e.preventDefault();
    const r = await call(councilRoutes.resetPassword, { userId: a.id }, { password: formFields(e.currentTarget)("password") });
    if (await outcome(r, t("resetDone", { login: a.login }))) setResetting(null);
  };

  const accountActions = (a: StaffAccount) => (
    <>
      <div className="flex flex-wrap justify-end gap-1">
        {a.disabled ? (
          <button
            type="button"
            className="btn btn-secondary px-2 py-1"
            onClick={() =>
              void call(councilRoutes.enableAccount, { userId: a.id }).then((r) => outcome(r, t("toggled", { login: a.login, state: t("active") })))
            }
          >
            {t("enable")}
          </button>
        ) : (
          <ConfirmButton
            className="btn btn-secondary px-2 py-1"
            label={t("disable")}
            question={t("disableQuestion", { login: a.login })}
            onConfirm={() =>
              void call(councilRoutes.disableAccount, { userId: a.id }).then((r) => outcome(r, t("toggled", { login: a.login, state: t("disabled") })))
            }
          />
        )}
        <button type="button" className="btn btn-secondary px-2 py-1" onClick={() => setResetting(a)}>
          {t("reset")}
        </button>
      </div>
      {resetting?.id === a.id ? (
        <form onSubmit={(e) => void reset(e, a)} className="mt-2 flex flex-wrap items-end gap-2">
          <label className={label}>
            {t("resetFor", { login: a.login })}
            <input name="password" type="password" required minLength={12} autoComplete="new-password" className={field} />
          </label>
          <button type="submit" className="btn btn-primary py-1">
            {t("reset")}
          </button>
        </form>
      ) : null}
    </>
  );

  return (
    <section id="comptes" aria-labelledby="accounts-title" className="card p-5 print:hidden">
      <h2 id="accounts-title" className="mb-4 text-2xl font-semibold">
        {t("title")}
      </h2>
      <div aria-live="polite">{message ? <p className="mb-3 rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{message}</p> : null}</div>
      {error ? (
        <p role="alert" className="mb-3 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {error}
        </p>
      ) : null}
      <h3 className="mb-2 text-lg font-semibold">{t("staff")}</h3>
      <StaffTable accounts={accounts} actions={accountActions} />
      <NewAccountForm members={members} onSubmit={(e) => void create(e)} />

      <DevicesTable
        timeZone={timeZone}
        devices={devices}
        revoke={(d) => void call(councilRoutes.revokeDevice, { sessionId: d.sessionId }).then((r) => outcome(r, td("revoked", { member: d.member })))}
      />
    </section>
  );
}

function NewAccountForm({ members, onSubmit }: { members: ClerkMember[]; onSubmit: (e: FormEvent<HTMLFormElement>) => void }) {
  const t = useTranslations("clerk.accounts");
  return (
    <form onSubmit={onSubmit} className="mt-4 grid gap-3 rounded-lg border border-slate-300 p-4 sm:grid-cols-3" aria-label={t("create")}>
      <label className={label}>
        {t("login")}
        <input name="login" required minLength={3} maxLength={60} pattern="[A-Za-z0-9._\-]+" className={field} />
      </label>
      <label className={label}>
        {t("name")}
        <input name="displayName" required maxLength={120} className={field} />
      </label>
      <label className={label}>
        {t("role")}
        <select name="role" defaultValue="secretary" className={field}>
          {StaffRoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t("member")}
        <select name="memberId" defaultValue="" className={field}>
          <option value="">{t("noMember")}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {fullName(m)}
            </option>
          ))}
        </select>
      </label>
      <label className={`${label} sm:col-span-2`}>
        {t("password")}
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className={field} />
      </label>
      <div className="sm:col-span-3">
        <button type="submit" className="btn btn-primary">
          {t("create")}
        </button>
      </div>
    </form>
  );
}

function DevicesTable({ devices, revoke, timeZone }: { devices: PairedDevice[]; revoke: (d: PairedDevice) => void; timeZone: string }) {
  const td = useTranslations("clerk.devices");
  const locale = useLocale();
  return (
    <>
      <h3 className="mt-6 mb-2 text-lg font-semibold">{td("title")}</h3>
      {devices.length === 0 ? (
        <p className="text-slate-700">{td("none")}</p>
      ) : (
        <DataTable
          caption={td("title")}
          testId="devices"
          rows={devices}
          rowKey={(d) => d.sessionId}
          rowProps={(d) => ({ "data-member": d.memberId ?? "" })}
          columns={[
            { key: "member", header: td("member"), cell: (d) => d.member, rowHeader: true },
            { key: "device", header: td("device"), cell: (d) => d.label ?? "—" },
            { key: "since", header: td("since"), cell: (d) => councilDateTime(d.createdAt, timeZone, locale) },
            { key: "last", header: td("lastSeen"), cell: (d) => councilDateTime(d.lastSeenAt, timeZone, locale) },
            {
              key: "revoke",
              header: <span className="sr-only">{td("revoke")}</span>,
              className: "text-right",
              cell: (d) => (
                <ConfirmButton
                  className="btn btn-secondary px-2 py-1"
                  label={td("revoke")}
                  question={td("revokeQuestion", { member: d.member })}
                  onConfirm={() => revoke(d)}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function StaffTable({ accounts, actions }: { accounts: StaffAccount[]; actions: (a: StaffAccount) => ReactNode }) {
  const t = useTranslations("clerk.accounts");
  return (
    <DataTable
      caption={t("staff")}
      testId="accounts"
      rows={accounts}
      rowKey={(a) => a.id}
      rowProps={(a) => ({ "data-login": a.login })}
      columns={[
        { key: "login", header: t("login"), cell: (a) => a.login, rowHeader: true, className: "font-mono" },
        { key: "name", header: t("name"), cell: (a) => a.displayName },
        { key: "role", header: t("role"), cell: (a) => t(`roles.${a.role}`) },
        {
          key: "state",
          header: t("state"),
          cell: (a) => (
            <>
              {a.disabled ? t("disabled") : t("active")}
              {a.mustChangePassword ? <span className="block text-slate-700">{t("mustChange")}</span> : null}
            </>
          ),
        },
        { key: "sessions", header: t("sessions"), cell: (a) => a.liveSessions },
        { key: "actions", header: <span className="sr-only">{t("state")}</span>, cell: (a) => actions(a) },
      ]}
    />
  );
}
