"use client";
// Opening, suspending, resuming and closing the sitting from the console (closing is confirmed).
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { ConfirmButton } from "../../components/confirm-button";
import type { Send } from "./send";

export function LifecycleControls({ status, run }: { status: PublicView["status"]; run: Send }) {
  const t = useTranslations("president");
  return (
    <>
      {status === "convened" ? (
        <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:open" })}>
          {t("open")}
        </button>
      ) : null}
      {status === "opened" ? (
        <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:suspend" })}>
          {t("suspend")}
        </button>
      ) : null}
      {status === "suspended" ? (
        <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:resume" })}>
          {t("resume")}
        </button>
      ) : null}
      {status === "opened" || status === "suspended" ? (
        <ConfirmButton
          className="btn btn-danger"
          label={t("closeSitting")}
          question={t("confirmCloseSitting")}
          onConfirm={() => void run({ type: "sitting:close" })}
        />
      ) : null}
    </>
  );
}
