"use client";
// Under a ballot's buttons: "sending…", a refusal in words, or the receipt ("recorded by the chair"
// when it was), read out by screen readers as it changes. Shared by named votes and nominations.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

export function BallotStatus({
  busy,
  err,
  voted,
  receipt,
  byChair,
  children,
}: {
  busy: boolean;
  err: string | null;
  voted: boolean;
  /** The receipt's words after the check mark. */
  receipt: string;
  byChair: boolean;
  /** A line under the receipt (e.g. "you can change your vote until it closes"). */
  children?: ReactNode;
}) {
  const t = useTranslations();
  return (
    <div aria-live="polite" className="mt-3 min-h-6">
      {busy ? <p>{t("councillor.sending")}</p> : null}
      {err ? (
        <p role="alert" className="font-semibold text-contre">
          {err}
        </p>
      ) : null}
      {!busy && voted ? (
        <p className="rounded-lg bg-green-100 p-2 font-semibold text-green-900" data-testid="receipt">
          ✓ {receipt}
          {byChair ? ` — ${t("councillor.byChair")}` : ""}
        </p>
      ) : null}
      {children}
    </div>
  );
}
