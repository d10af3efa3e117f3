"use client";
// The sitting's own records on the desk: the list of deliberations (put online within a week,
// L2121-25), the procès-verbal (approved at a later sitting that was held, then published) and the
// council's open-data file.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { recordsRoutes } from "@/core/api/records";
import { recordsDeskRoutes, type DeskRecord, type RecordsDesk } from "@/core/api/records-desk";
import { call } from "@/lib/client/api";
import { useShortDate } from "./clerk-api";
import type { DeskFeedback } from "./records-desk";
import { PublishForm, Versions } from "./records-desk-publish";

const input = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal";

function Links({ record, what }: { record: DeskRecord; what: string }) {
  const t = useTranslations("clerk.records");
  return (
    <p className="flex flex-wrap gap-3">
      <a className="underline" href={record.links.html}>
        {t("linkHtml", { what })}
      </a>
      <a className="underline" href={record.links.pdf} download>
        {t("linkPdf", { what })}
      </a>
    </p>
  );
}

function ListPanel({ desk, feedback }: { desk: RecordsDesk; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.list");
  const tp = useTranslations("clerk.records.publish");
  const short = useShortDate();
  const publish = async (publishedOn: string, reason: string | null) => {
    const r = await call(recordsDeskRoutes.publishDeliberations, { sittingId: desk.sitting.id }, { publishedOn, ...(reason !== null ? { reason } : {}) });
    if (r.ok) await feedback.done(t("done", { version: r.data.version }));
    else feedback.failed(r.error);
  };
  return (
    <div className="rounded-lg border border-slate-300 p-3" data-testid="records-list">
      <h4 className="font-semibold">{t("title")}</h4>
      <Links record={desk.deliberations} what={t("what")} />
      <Versions versions={desk.deliberations.versions} size="text-sm" />
      {desk.deliberations.differs ? <p className="text-sm font-semibold text-abst">{tp("differs")}</p> : null}
      <p className="text-sm text-slate-700">{t("dueBy", { date: short(desk.deliberations.dueBy) })}</p>
      {desk.sitting.status === "closed" ? (
        <PublishForm
          desk={desk}
          label={t("formLabel")}
          publishLabel={t("publish")}
          again={desk.deliberations.versions.length > 0}
          size="text-sm"
          lateAfter={{ date: desk.deliberations.dueBy, text: t("late") }}
          onPublish={publish}
        />
      ) : null}
    </div>
  );
}

function MinutesPanel({ desk, feedback }: { desk: RecordsDesk; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.minutes");
  const short = useShortDate();
  const m = desk.minutes;
  const [at, setAt] = useState(m.approvalSittings[0]?.id ?? "");
  const [item, setItem] = useState("");
  const [reason, setReason] = useState("");
  const chosen = m.approvalSittings.find((s) => s.id === at);
  const state = m.publishedVersion !== null && m.state === "approved" ? "published" : m.state;
  const approve = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const r = await call(recordsRoutes.approveMinutes, { sittingId: desk.sitting.id }, { atSittingId: at, ...(item ? { atItemId: item } : {}) });
    if (r.ok) await feedback.done(t("approved", { version: r.data.version }));
    else feedback.failed(r.error);
  };
  const publish = async () => {
    const r = await call(recordsRoutes.publishMinutes, { sittingId: desk.sitting.id });
    if (r.ok) await feedback.done(t("published"));
    else feedback.failed(r.error);
  };
  const reopen = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const r = await call(recordsRoutes.reopenMinutes, { sittingId: desk.sitting.id }, { reason });
    if (r.ok) await feedback.done(t("reopened"));
    else feedback.failed(r.error);
  };
  return (
    <div className="rounded-lg border border-slate-300 p-3" data-testid="records-minutes">
      <h4 className="font-semibold">{t("title")}</h4>
      <Links record={m} what={t("what")} />
      <p className="text-sm">
        {t(`state.${state}`)}
        {m.approvedAt ? ` — ${t("approvedAt", { date: short(m.approvedAt) })}` : ""}
      </p>
      <Versions versions={m.versions} size="text-sm" />
      {desk.sitting.status === "closed" && m.state === "draft" ? (
        m.approvalSittings.length ? (
          <form onSubmit={(e) => void approve(e)} className="mt-2 grid gap-2" aria-label={t("approveLabel")}>
            <label className="block text-sm font-semibold">
              {t("atSitting")}
              <select value={at} onChange={(e) => (setAt(e.currentTarget.value), setItem(""))} className={input}>
                {m.approvalSittings.map((s) => (
                  <option key={s.id} value={s.id}>
                    {short(s.date)}
                  </option>
                ))}
              </select>
            </label>
            <label className="block text-sm font-semibold">
              {t("atItem")}
              <select value={item} onChange={(e) => setItem(e.currentTarget.value)} className={input}>
                <option value="">{t("noItem")}</option>
                {(chosen?.items ?? [])
                  .filter((it) => it.adopted)
                  .map((it) => (
                    <option key={it.id} value={it.id}>
                      {it.order}. {it.title}
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit" className="btn btn-primary px-2 py-1">
              {t("approve")}
            </button>
          </form>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t("noHeldSitting")}</p>
        )
      ) : null}
      {m.state === "approved" && state !== "published" ? (
        <button type="button" className="btn btn-primary mt-2 px-2 py-1" onClick={() => void publish()}>
          {t("publish")}
        </button>
      ) : null}
      {m.state === "approved" ? (
        <form onSubmit={(e) => void reopen(e)} className="mt-2 grid gap-2" aria-label={t("reopenLabel")}>
          <label className="block text-sm font-semibold">
            {t("reason")}
            <input required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} className={input} />
          </label>
          <button type="submit" className="btn btn-secondary px-2 py-1">
            {t("reopen")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function SittingRecords({ desk, feedback }: { desk: RecordsDesk; feedback: DeskFeedback }) {
  const t = useTranslations("clerk.records.scdl");
  return (
    <div className="grid gap-3 lg:grid-cols-3">
      <ListPanel desk={desk} feedback={feedback} />
      <MinutesPanel desk={desk} feedback={feedback} />
      <div className="rounded-lg border border-slate-300 p-3" data-testid="records-scdl">
        <h4 className="font-semibold">{t("title")}</h4>
        <p className="text-sm text-slate-700">{t("help")}</p>
        <p className="mt-2 flex flex-wrap gap-3">
          <a className="underline" href={desk.scdl.csv} download>
            {t("download")}
          </a>
          <a className="underline" href={desk.scdl.refused} download>
            {t("refused")}
          </a>
        </p>
      </div>
    </div>
  );
}
