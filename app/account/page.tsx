"use client";
// My account (staff who sign in with a password): change one's password; after a reset by the
// clerk, this is the only page open until a new password is chosen.
import { Suspense, useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { authRoutes, type Me } from "@/core/api/auth";
import { errorText } from "@/core/refusal";
import { call } from "@/lib/client/api";
import { formFields } from "@/lib/client/form-fields";
import { LocaleSwitch } from "../components/locale-switch";

const field = "mt-1 w-full rounded-lg border border-slate-400 px-3 py-2";

function AccountForm() {
  const t = useTranslations("account");
  const locale = useLocale();
  const params = useSearchParams();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    void call(authRoutes.me, {}).then((r) => setMe(r.ok ? r.data : null));
  }, []);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = formFields(e.currentTarget);
    const next = f("next");
    if (next !== f("confirm")) return setError(t("mismatch"));
    setError(null);
    const r = await call(authRoutes.changePassword, {}, { current: f("current"), next });
    if (!r.ok) return setError(errorText(r.error, locale));
    setDone(true);
    const again = await call(authRoutes.me, {});
    if (again.ok) setMe(again.data);
  };
  if (me && !me.hasPassword) return <p>{t("noPassword")}</p>;
  return (
    <div className="card max-w-xl space-y-4 p-6">
      {params.get("must") && !done ? (
        <p role="alert" className="rounded-md border-l-4 border-abst bg-amber-50 px-3 py-2">
          {t("must")}
        </p>
      ) : null}
      {done ? (
        <div role="status" className="space-y-3">
          <p className="rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{t("changed")}</p>
          {me ? (
            <a className="btn btn-primary" href={me.home}>
              {t("continue")}
            </a>
          ) : null}
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="space-y-4" aria-labelledby="account-title">
          <p className="text-slate-700">{t("hint")}</p>
          <label className="block font-medium">
            {t("current")}
            <input name="current" type="password" required autoComplete="current-password" className={field} />
          </label>
          <label className="block font-medium">
            {t("next")}
            <input name="next" type="password" required minLength={12} autoComplete="new-password" className={field} />
          </label>
          <label className="block font-medium">
            {t("confirm")}
            <input name="confirm" type="password" required minLength={12} autoComplete="new-password" className={field} />
          </label>
          {error ? (
            <p role="alert" className="font-medium text-contre">
              {error}
            </p>
          ) : null}
          <button className="btn btn-primary" type="submit">
            {t("submit")}
          </button>
        </form>
      )}
    </div>
  );
}

export default function AccountPage() {
  const t = useTranslations("account");
  return (
    <main className="mx-auto max-w-4xl p-6">
      <header className="mb-6 flex items-center justify-between">
        <h1 id="account-title" className="text-3xl font-bold text-marianne">
          {t("title")}
        </h1>
        <div className="flex items-center gap-3">
          <LocaleSwitch />
          <button type="button" className="btn btn-secondary" onClick={() => void call(authRoutes.signOut, {}).then(() => (window.location.href = "/"))}>
            {t("signOut")}
          </button>
        </div>
      </header>
      <Suspense>
        <AccountForm />
      </Suspense>
    </main>
  );
}
