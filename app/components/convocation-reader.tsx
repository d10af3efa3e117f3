"use client";
// What a member reads before the sitting (#19.5), on the paired phone or from the e-mail's link: the
// convocation (day, hour, place, urgency), a button to acknowledge it, will attend / apologies / a
// proxy to a colleague, and the agenda with each item's note of synthesis, exposé, proposals and
// annexes. Private notes stay on this device (localStorage), never on the server: nobody else — the
// clerk, a backup, a request for the commune's documents — can read them; they do not follow the
// member to another device, and the screen says so.
import { useCallback, useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { MemberConvocation, MemberItem } from "@/core/api/convocation";
import { memberConvocationRoutes as convocationRoutes } from "@/core/api/convocation-member";
import { frenchDayDate } from "@/core/convocation/documents";
import { errorText } from "@/core/refusal";
import { call } from "@/lib/client/api";
import { councilDateTime } from "./format";

export type ReaderSource = { kind: "device"; sittingId: string } | { kind: "link"; token: string };

function useConvocation(source: ReaderSource) {
  const [c, setC] = useState<MemberConvocation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locale = useLocale();
  const load = useCallback(async () => {
    const r =
      source.kind === "device"
        ? await call(convocationRoutes.memberView, { sittingId: source.sittingId })
        : await call(convocationRoutes.linkView, { token: source.token });
    if (r.ok) setC(r.data);
    else setError(errorText(r.error, locale));
  }, [source, locale]);
  return { c, error, setError, load };
}

export function ConvocationReader({ source }: { source: ReaderSource }) {
  const t = useTranslations("convocation.member");
  const locale = useLocale();
  const { c, error, setError, load } = useConvocation(source);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  if (error && !c) return <p className="card p-4">{error}</p>;
  if (!c) return <p className="card p-4">{t("loading")}</p>;
  if (!c.sent) return <p className="card p-4">{t("notYet")}</p>;

  const ack = async () => {
    const r =
      source.kind === "device"
        ? await call(convocationRoutes.memberAck, { sittingId: source.sittingId })
        : await call(convocationRoutes.linkAck, { token: source.token });
    if (!r.ok) return setError(errorText(r.error, locale));
    setNotice(t("acknowledged"));
    await load();
  };
  const declare = async (intent: "attend" | "apologies" | "proxy", to: string | null = null) => {
    const body = { intent, to };
    const r =
      source.kind === "device"
        ? await call(convocationRoutes.memberDeclare, { sittingId: source.sittingId }, body)
        : await call(convocationRoutes.linkDeclare, { token: source.token }, body);
    if (!r.ok) {
      setNotice(null);
      return setError(errorText(r.error, locale));
    }
    setError(null);
    setNotice(t(`declared.${intent}`));
    await load();
  };

  return (
    <div className="space-y-4" data-testid="convocation-reader">
      <section className="card space-y-2 p-4" aria-labelledby="conv-title">
        <p className="text-sm font-semibold uppercase text-slate-600">{t("convocation")}</p>
        <h2 id="conv-title" className="text-xl font-bold">
          {t("when", { day: frenchDayDate(c.date), time: c.time.replace(":", "h"), place: c.place })}
        </h2>
        <p className="text-sm text-slate-700">{t("sentOn", { date: c.sent.on.split("-").reverse().join("/") })}</p>
        {c.sent.urgencyReason ? (
          <p className="rounded-md border-l-4 border-abst bg-amber-50 px-3 py-2">
            <strong>{t("urgent")}</strong> {c.sent.urgencyReason}
          </p>
        ) : null}
        {c.secondConvocation ? <p className="rounded-md bg-amber-50 px-3 py-2">{t("second")}</p> : null}
        <details>
          <summary className="cursor-pointer font-semibold">{t("letter")}</summary>
          <p className="mt-2 whitespace-pre-line text-slate-800">{c.letter}</p>
        </details>
        <p className="space-x-4 text-sm">
          <a className="underline" href={c.pdf.convocation} target="_blank" rel="noreferrer">
            {t("convocationPdf")}
          </a>
          <a className="underline" href={c.pdf.agenda} target="_blank" rel="noreferrer">
            {t("agendaPdf")}
          </a>
        </p>
        {c.acknowledgedAt ? (
          <p className="rounded-lg bg-green-100 px-3 py-2 font-semibold text-green-900">
            ✓ {t("ackedOn", { when: councilDateTime(c.acknowledgedAt, c.timeZone, locale) })}
          </p>
        ) : (
          <button type="button" className="btn btn-primary w-full py-3 text-lg" onClick={() => void ack()}>
            {t("ack")}
          </button>
        )}
      </section>
      <div aria-live="polite">{notice ? <p className="rounded-lg bg-green-100 p-3">{notice}</p> : null}</div>
      {error ? (
        <p role="alert" className="rounded-lg bg-amber-100 p-3">
          {error}
        </p>
      ) : null}
      {c.open ? <Attendance c={c} onDeclare={(i, to) => void declare(i, to)} /> : null}
      <section className="space-y-3" aria-labelledby="agenda-title">
        <h2 id="agenda-title" className="text-lg font-bold">
          {t("agenda", { count: c.items.length })}
        </h2>
        {c.items.map((it) => (
          <ItemCard key={it.id} item={it} sittingId={c.sittingId} />
        ))}
      </section>
    </div>
  );
}

function Attendance({ c, onDeclare }: { c: MemberConvocation; onDeclare: (intent: "attend" | "apologies" | "proxy", to: string | null) => void }) {
  const t = useTranslations("convocation.member");
  const [to, setTo] = useState(c.declaration?.to ?? "");
  const d = c.declaration;
  const holder = c.colleagues.find((x) => x.id === d?.to)?.name;
  return (
    <section className="card space-y-3 p-4" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="text-lg font-bold">
        {t("attendance")}
      </h2>
      {d ? <p className="font-semibold">{d.intent === "proxy" ? t("now.proxy", { name: holder ?? "" }) : t(`now.${d.intent}`)}</p> : null}
      <div className="grid gap-2 sm:grid-cols-2">
        <button type="button" className="btn btn-secondary py-3" onClick={() => onDeclare("attend", null)}>
          {t("attend")}
        </button>
        <button type="button" className="btn btn-secondary py-3" onClick={() => onDeclare("apologies", null)}>
          {t("apologies")}
        </button>
      </div>
      <div className="grid gap-2">
        <label className="block text-sm font-semibold">
          {t("proxyTo")}
          <select value={to} onChange={(e) => setTo(e.target.value)} className="mt-1 w-full rounded-md border border-slate-400 px-2 py-2">
            <option value="">{t("chooseColleague")}</option>
            {c.colleagues.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-secondary py-3" disabled={!to} onClick={() => onDeclare("proxy", to)}>
          {t("giveProxy")}
        </button>
      </div>
      <p className="text-sm text-slate-700">{t("proxyRule")}</p>
    </section>
  );
}

/** An item's texts, and a private note kept on this device only. */
export function ItemCard({ item, sittingId, open = false }: { item: MemberItem; sittingId: string; open?: boolean }) {
  const t = useTranslations("convocation.member");
  const key = `seance-note:${sittingId}:${item.id}`;
  const [note, setNote] = useState(() => (typeof window === "undefined" ? "" : (window.localStorage.getItem(key) ?? "")));
  return (
    <article className="card space-y-2 p-4" aria-labelledby={`item-${item.id}`} data-testid="item-card">
      <p className="text-sm font-semibold uppercase text-slate-600">
        {t("item", { order: item.order })} · {item.identifier}
        {item.addedAfterConvocation ? <span className="ml-2 rounded bg-amber-100 px-2 normal-case text-amber-900">{t("addedAfter")}</span> : null}
      </p>
      <h3 id={`item-${item.id}`} className="text-lg font-bold">
        {item.title}
      </h3>
      {item.rapporteurs.length ? <p className="text-slate-700">{t("rapporteur", { names: item.rapporteurs.join(", ") })}</p> : null}
      <details open={open} className="rounded-lg bg-slate-50 p-3">
        <summary className="cursor-pointer font-semibold">{t("read")}</summary>
        <div className="mt-2 space-y-3">
          {item.synthesis ? (
            <div>
              <p className="font-semibold">{t("synthesis")}</p>
              <p className="whitespace-pre-line">{item.synthesis}</p>
            </div>
          ) : null}
          {item.expose ? (
            <div>
              <p className="font-semibold">{t("expose")}</p>
              <p className="whitespace-pre-line">{item.expose}</p>
            </div>
          ) : null}
          {item.proposals.length ? (
            <div>
              <p className="font-semibold">{t("proposals")}</p>
              <ul className="ml-5 list-disc space-y-1">
                {item.proposals.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {item.annexes.length || item.attachments.length ? (
            <div>
              <p className="font-semibold">{t("annexes")}</p>
              <ul className="ml-5 list-disc">
                {item.annexes.map((a) => (
                  <li key={a.id}>
                    <a className="underline" href={a.url} target="_blank" rel="noreferrer">
                      {a.name}
                    </a>{" "}
                    ({Math.max(1, Math.round(a.size / 1024))} ko)
                  </li>
                ))}
                {item.attachments.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <label className="block text-sm font-semibold">
            {t("note")} <span className="font-normal text-slate-700">({t("noteHelp")})</span>
            <textarea
              value={note}
              rows={3}
              onChange={(e) => {
                setNote(e.target.value);
                window.localStorage.setItem(key, e.target.value);
              }}
              className="mt-1 w-full rounded-md border border-slate-400 px-2 py-1 font-normal"
            />
          </label>
        </div>
      </details>
    </article>
  );
}
