"use client";
// A suspension with a planned end (#15): once suspended, the chair says when the sitting resumes — in
// ten minutes, or at a time ("reprise à 20h15"); the room clock tells every screen when that time comes.
import { useId, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { formFields } from "@/lib/client/form-fields";
import type { Send } from "./send";

export function SuspensionPlan({ status, run }: { status: PublicView["status"]; run: Send }) {
  const t = useTranslations("debate");
  const id = useId();
  if (status !== "suspended") return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const resumeAt = formFields(e.currentTarget)("resumeAt");
    if (/^\d{2}:\d{2}$/.test(resumeAt)) void run({ type: "suspension:plan", resumeAt });
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2" aria-label={t("planResumption")}>
      <label htmlFor={`${id}-at`} className="text-sm font-semibold">
        {t("resumeAt")}
      </label>
      <input id={`${id}-at`} name="resumeAt" type="time" required className="rounded-md px-2 py-1 text-ink" />
      <button type="submit" className="btn bg-white text-marianne">
        {t("plan")}
      </button>
      <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "suspension:plan", minutes: 10 })}>
        {t("inMinutes", { minutes: 10 })}
      </button>
    </form>
  );
}
