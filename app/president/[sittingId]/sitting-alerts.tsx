"use client";
// What the chair must see at once and act on (QUORUM-10…12, HUISCLOS-2): the quorum lost (suspend, or
// close the sitting for want of it), the closed session under way (end it), and once closed for want of
// quorum, the second convocation to convene from the console.
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { chairRoutes } from "@/core/api/chair";
import { errorText } from "@/core/refusal";
import type { PublicView } from "@/core/sitting/projection";
import { call } from "@/lib/client/api";
import { ConfirmButton } from "../../components/confirm-button";
import { councilClock } from "../../components/format";
import type { Send } from "./send";

export function QuorumLost({ view, run }: { view: PublicView; run: Send }) {
  const t = useTranslations("quorum");
  const locale = useLocale();
  const q = view.quorum;
  if (view.status !== "opened" || !q || q.reached) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 bg-red-100 px-4 py-2" data-testid="quorum-lost">
      <p className="mr-auto font-bold text-contre">
        ⚠ {t("lost", { counted: q.counted, required: q.required })} — {locale === "en" ? q.reasonEn : q.reasonFr}
      </p>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={!!view.vote && view.vote.status === "open"}
        onClick={() => void run({ type: "sitting:suspend" })}
      >
        {t("suspend")}
      </button>
      <ConfirmButton
        className="btn btn-danger"
        disabled={!!view.vote && view.vote.status === "open"}
        label={t("closeForWant")}
        question={t("closeForWantConfirm")}
        onConfirm={() => void run({ type: "sitting:close", forWantOfQuorum: true })}
      />
    </div>
  );
}

export function HuisClosBar({ view, run }: { view: PublicView; run: Send }) {
  const t = useTranslations("huisClos");
  const locale = useLocale();
  if (!view.huisClos) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 bg-ink px-4 py-2 text-white" data-testid="huis-clos-bar">
      <p className="mr-auto font-bold">🚪 {t("since", { time: councilClock(view.huisClos.since, view.debate.timeZone, locale) })}</p>
      <button type="button" className="btn bg-white text-ink" disabled={view.vote?.status === "open"} onClick={() => void run({ type: "huis-clos:end" })}>
        {t("end")}
      </button>
    </div>
  );
}

/** Three clear days at least after the sitting (L2121-17): the first date the form offers. */
function plusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function SecondConvocation({ view }: { view: PublicView }) {
  const t = useTranslations("quorum");
  const locale = useLocale();
  const [date, setDate] = useState(plusDays(view.header.date, 3));
  const [time, setTime] = useState(view.header.time);
  const [convocationDate, setConvocationDate] = useState(plusDays(view.header.date, 1));
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const carried = view.items.filter((i) => i.status === "deferred" && !i.setAside?.byChair);
  if (view.status !== "closed" || !carried.length || view.secondConvocation) return null;
  return (
    <form
      className="card m-4 flex flex-wrap items-end gap-3 p-4"
      data-testid="second-convocation"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        void call(chairRoutes.secondConvocation, { sittingId: view.sittingId }, { date, time, convocationDate }).then((r) =>
          r.ok ? setDone(r.data.sittingId) : setError(errorText(r.error, locale)),
        );
      }}
    >
      <p className="w-full font-bold">{t("secondTitle", { n: carried.length })}</p>
      <label className="flex flex-col text-sm font-semibold">
        {t("secondDate")}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required className="rounded border border-slate-400 p-2" />
      </label>
      <label className="flex flex-col text-sm font-semibold">
        {t("secondTime")}
        <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required className="rounded border border-slate-400 p-2" />
      </label>
      <label className="flex flex-col text-sm font-semibold">
        {t("convocationDate")}
        <input
          type="date"
          value={convocationDate}
          onChange={(e) => setConvocationDate(e.target.value)}
          required
          className="rounded border border-slate-400 p-2"
        />
      </label>
      <button type="submit" className="btn btn-primary" disabled={!!done}>
        {t("convene")}
      </button>
      {done ? (
        <p role="status" className="w-full font-semibold text-pour">
          ✓ {t("convened")}{" "}
          <a className="underline" href={`/president/${done}`}>
            {t("open")}
          </a>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="w-full font-semibold text-contre">
          {error}
        </p>
      ) : null}
    </form>
  );
}
