"use client";
// Sign-in for the clerk and the president (password) and pairing for councillors' devices (code).
import { Suspense, useState } from "react";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { authRoutes } from "@/core/api/auth";
import { errorText } from "@/core/refusal";
import { call } from "@/lib/client/api";
import { formFields } from "@/lib/client/form-fields";
import { safeNext } from "@/lib/client/safe-next";
import { LocaleSwitch } from "../components/locale-switch";

function SignInForms() {
  const t = useTranslations("signin");
  const locale = useLocale();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pairError, setPairError] = useState<string | null>(null);
  const go = (home: string, mustChangePassword = false) => {
    // Only a page of this site; a reset password is changed before anything else.
    window.location.href = mustChangePassword ? home : (safeNext(params.get("next"), window.location.origin) ?? home);
  };
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {params.get("denied") ? (
        <p role="alert" className="rounded-lg bg-amber-100 p-3 md:col-span-2">
          {t("denied")}
        </p>
      ) : null}
      <form
        className="card space-y-4 p-6"
        aria-labelledby="signin-title"
        onSubmit={(e) => {
          e.preventDefault();
          const f = formFields(e.currentTarget);
          setError(null);
          void call(authRoutes.signIn, {}, { login: f("login"), password: f("password") }).then((r) =>
            r.ok ? go(r.data.home, r.data.mustChangePassword) : setError(errorText(r.error, locale)),
          );
        }}
      >
        <h2 id="signin-title" className="text-2xl font-semibold">
          {t("title")}
        </h2>
        <label className="block">
          <span className="mb-1 block font-medium">{t("login")}</span>
          <input name="login" required autoComplete="username" className="w-full rounded-lg border border-slate-400 px-3 py-2" />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{t("password")}</span>
          <input name="password" type="password" required autoComplete="current-password" className="w-full rounded-lg border border-slate-400 px-3 py-2" />
        </label>
        {error ? (
          <p role="alert" className="font-medium text-contre">
            {error}
          </p>
        ) : null}
        <button className="btn btn-primary w-full" type="submit">
          {t("submit")}
        </button>
      </form>
      <form
        // Arriving from a pairing QR code, a councillor sees the pairing form first.
        className={`card space-y-4 p-6 ${params.get("code") ? "order-first" : ""}`}
        aria-labelledby="pair-title"
        onSubmit={(e) => {
          e.preventDefault();
          const f = formFields(e.currentTarget);
          setPairError(null);
          void call(authRoutes.pair, {}, { code: f("code") }).then((r) => (r.ok ? go(r.data.home) : setPairError(errorText(r.error, locale))));
        }}
      >
        <h2 id="pair-title" className="text-2xl font-semibold">
          {t("pairTitle")}
        </h2>
        <p className="text-slate-700">{t("pairHelp")}</p>
        <label className="block">
          <span className="mb-1 block font-medium">{t("code")}</span>
          <input
            name="code"
            required
            defaultValue={params.get("code") ?? ""}
            autoComplete="one-time-code"
            className="w-full rounded-lg border border-slate-400 px-3 py-2 font-mono text-xl tracking-widest uppercase"
          />
        </label>
        {pairError ? (
          <p role="alert" className="font-medium text-contre">
            {pairError}
          </p>
        ) : null}
        <button className="btn btn-primary w-full" type="submit">
          {t("pairSubmit")}
        </button>
      </form>
    </div>
  );
}

export default function SignInPage() {
  return (
    <main className="mx-auto max-w-4xl p-6">
      <header className="mb-6 flex items-center justify-between">
        <a href="/" className="text-3xl font-bold text-marianne">
          Séance
        </a>
        <LocaleSwitch />
      </header>
      <Suspense>
        <SignInForms />
      </Suspense>
    </main>
  );
}
