"use client";
// The chair's speakers' list (#15): who has the floor with the countdown, more time and the end of the
// speech; the rapporteur offered first; the list in order with each member's group and the time they
// used, to give the floor, move up or down, remove; a member without a device added by the chair; the
// groups' time. Everything goes through the sitting's commands (the president alone gives the floor).
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { DebateView, RequestView } from "@/core/sitting/debate-view";
import type { PublicView } from "@/core/sitting/projection";
import { currentItem } from "@/lib/client/selectors";
import { formFields } from "@/lib/client/form-fields";
import { clockText, SpeechTimer } from "../../components/sitting/speech-timer";
import { ResumptionNotice } from "../../components/sitting/speakers-panel";
import type { Send } from "./send";

const minutes = (ms: number) => clockText(Math.round(ms / 1000));

function CurrentSpeech({ debate, clockOffset, run }: { debate: DebateView; clockOffset: number; run: Send }) {
  const t = useTranslations("debate");
  const c = debate.current;
  if (!c) return <p className="rounded-lg bg-slate-100 px-3 py-2 text-lg">{t("nobody")}</p>;
  return (
    <div className="grid gap-3 rounded-xl border-2 border-marianne p-3 sm:grid-cols-[1fr_auto]" data-testid="current-speaker">
      <div>
        <p className="text-sm font-semibold text-slate-600 uppercase">{t("floor")}</p>
        <p className="text-2xl font-bold">{c.name}</p>
        <p className="text-slate-700">
          {c.group ? t("group", { group: c.group }) : t("noGroup")}
          {c.kind !== "speech" ? ` — ${t(`kind.${c.kind}`)}` : ""}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className="btn btn-secondary" onClick={() => void run({ type: "floor:add-time", seconds: 30 })}>
            {t("addSeconds", { seconds: 30 })}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void run({ type: "floor:add-time", seconds: 60 })}>
            {t("addMinute")}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void run({ type: "floor:end" })}>
            {t("end")}
          </button>
        </div>
      </div>
      <SpeechTimer current={c} clockOffset={clockOffset} variant="console" />
    </div>
  );
}

function QueueRow({ debate, q, index, run }: { debate: DebateView; q: RequestView; index: number; run: Send }) {
  const t = useTranslations("debate");
  const ids = debate.queue.map((r) => r.requestId);
  const move = (to: number) => {
    const next = ids.filter((id) => id !== q.requestId);
    next.splice(to, 0, q.requestId);
    void run({ type: "speech:reorder", itemId: debate.itemId ?? "", requestIds: next });
  };
  const usedItem = debate.used.item.byMember[q.memberId] ?? 0;
  const usedSitting = debate.used.sitting.byMember[q.memberId] ?? 0;
  const small = "btn btn-secondary px-2.5 py-1.5";
  return (
    <li
      className={`grid grid-cols-[1.5rem_minmax(0,1fr)_auto] items-center gap-2 rounded-lg border px-2 py-1.5 ${index === 0 ? "border-marianne bg-blue-50" : "border-slate-200"}`}
      data-request={q.memberId}
    >
      <span className="font-mono text-lg font-bold">{index + 1}</span>
      <div className="min-w-0">
        <p className="truncate font-semibold">
          {q.kind === "point-of-order" ? <span className="mr-2 rounded bg-abst px-1.5 py-0.5 text-xs text-white">{t("kind.point-of-order")}</span> : null}
          {q.name}
        </p>
        <p className="truncate text-sm text-slate-700">
          {q.group ?? t("noGroup")}
          {usedSitting ? ` · ${t("used", { item: minutes(usedItem), sitting: minutes(usedSitting) })}` : ""}
          {q.byChair ? ` · ${t("byChair")}` : ""}
          {!q.present ? <strong className="text-contre"> · {t("absent")}</strong> : null}
        </p>
      </div>
      <div className="flex gap-1">
        <button
          type="button"
          className={`btn px-3 py-1.5 ${index === 0 ? "btn-primary" : "btn-secondary"}`}
          onClick={() => void run({ type: "floor:give", requestId: q.requestId })}
          aria-label={t("giveTo", { name: q.name })}
        >
          {t("give")}
        </button>
        <button type="button" className={small} disabled={index === 0} onClick={() => move(index - 1)} aria-label={t("moveUp", { name: q.name })}>
          ↑
        </button>
        <button
          type="button"
          className={small}
          disabled={index === ids.length - 1}
          onClick={() => move(index + 1)}
          aria-label={t("moveDown", { name: q.name })}
        >
          ↓
        </button>
        <button
          type="button"
          className={small}
          onClick={() => void run({ type: "speech:withdraw", requestId: q.requestId })}
          aria-label={t("remove", { name: q.name })}
        >
          ✕
        </button>
      </div>
    </li>
  );
}

function AddSpeaker({ view, run }: { view: PublicView; run: Send }) {
  const t = useTranslations("debate");
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const present = view.roster.filter((m) => m.attendance === "present").sort((a, b) => a.lastName.localeCompare(b.lastName, "fr"));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = formFields(e.currentTarget);
    const memberId = f("memberId");
    if (!memberId || !view.currentItemId) return;
    const kind = f("kind") === "point-of-order" ? "point-of-order" : "speech";
    const r = (await run({ type: "speech:request", itemId: view.currentItemId, memberId, kind })) as { ok: boolean };
    setMessage(r.ok ? t("added", { name: present.find((m) => m.id === memberId)?.name ?? memberId }) : null);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-2" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="w-full text-sm font-semibold text-slate-700">
        {t("addLabel")}
      </p>
      <label className="font-semibold" htmlFor={`${id}-m`}>
        {t("member")}
        <select
          id={`${id}-m`}
          name="memberId"
          required
          defaultValue=""
          className="mt-1 block max-w-60 rounded-md border border-slate-400 px-2 py-2 font-normal"
        >
          <option value="" disabled>
            {t("choose")}
          </option>
          {present.map((m) => (
            <option key={m.id} value={m.id}>
              {m.lastName} {m.firstName}
            </option>
          ))}
        </select>
      </label>
      <label className="font-semibold" htmlFor={`${id}-k`}>
        {t("kindLabel")}
        <select id={`${id}-k`} name="kind" className="mt-1 block rounded-md border border-slate-400 px-2 py-2 font-normal">
          <option value="speech">{t("kind.speech")}</option>
          <option value="point-of-order">{t("kind.point-of-order")}</option>
        </select>
      </label>
      <button type="submit" className="btn btn-secondary">
        {t("add")}
      </button>
      <p aria-live="polite" className="w-full text-sm text-slate-700">
        {message}
      </p>
    </form>
  );
}

function GroupTimes({ debate }: { debate: DebateView }) {
  const t = useTranslations("debate");
  const budget = debate.limits.groupBudgetSeconds > 0;
  const rows = debate.groups.filter((g) => budget || g.usedMs > 0);
  if (!rows.length) return null;
  return (
    <details className="rounded-lg border border-slate-200 p-2" open={budget}>
      <summary className="cursor-pointer font-semibold">
        {budget ? t("groupBudgets", { scope: t(`scope.${debate.limits.groupBudgetScope}`) }) : t("groupTimes")}
      </summary>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="text-left">
            <th className="py-1">{t("groupColumn")}</th>
            <th className="py-1 text-right">{t("usedColumn")}</th>
            {budget ? <th className="py-1 text-right">{t("leftColumn")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.group} className="border-t border-slate-200">
              <td className="py-1">{g.group}</td>
              <td className="py-1 text-right font-mono">{minutes(g.usedMs)}</td>
              {budget ? (
                <td className={`py-1 text-right font-mono ${g.remainingMs === 0 ? "font-bold text-contre" : ""}`}>{minutes(g.remainingMs ?? 0)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function DebatePanel({ view, clockOffset, run }: { view: PublicView; clockOffset: number; run: Send }) {
  const t = useTranslations("debate");
  const d = view.debate;
  const item = currentItem(view);
  if (view.status === "suspended")
    return (
      <div className="mx-4 mt-4">
        <ResumptionNotice debate={d} variant="console" />
      </div>
    );
  // The debate of the item under discussion; during its vote only a point of order (a speaker or a request).
  const debating = item?.status === "called" || (item?.status === "voting" && (!!d.current || d.queue.length > 0));
  if (view.status !== "opened" || !item || !(debating || d.current)) return null;
  const limit = (s: number) => (s > 0 ? clockText(s) : t("noLimit"));
  return (
    <section className="card mx-4 mt-4 p-4" aria-labelledby="debate-title" data-testid="debate-panel">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="debate-title" className="text-xl font-bold">
          {t("title")} — {t("itemNo", { order: item.order })}
        </h2>
        <p className="text-sm text-slate-700">{t("limits", { speech: limit(d.limits.speechSeconds), poo: limit(d.limits.pointOfOrderSeconds) })}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-3">
          <CurrentSpeech debate={d} clockOffset={clockOffset} run={run} />
          {item.status === "called"
            ? d.rapporteurs.map((r) => (
                <div
                  key={r.memberId}
                  className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-marianne p-2"
                  data-rapporteur={r.memberId}
                >
                  <div className="mr-auto">
                    <p className="text-sm font-semibold text-marianne">{t("offered")}</p>
                    <p className="font-semibold">{r.name}</p>
                  </div>
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={!r.present}
                    onClick={() => void run({ type: "floor:give", memberId: r.memberId, kind: "rapporteur" })}
                    aria-label={t("giveTo", { name: r.name })}
                  >
                    {t("give")}
                  </button>
                </div>
              ))
            : null}
          <GroupTimes debate={d} />
        </div>
        <div className="space-y-3">
          <div>
            <h3 className="font-semibold">{t("listTitle", { count: d.queue.length })}</h3>
            {d.queue.length ? (
              <ol className="mt-1 max-h-[22rem] space-y-1.5 overflow-y-auto" data-testid="speakers-list">
                {d.queue.map((q, i) => (
                  <QueueRow key={q.requestId} debate={d} q={q} index={i} run={run} />
                ))}
              </ol>
            ) : (
              <p className="text-slate-700">{t("noRequests")}</p>
            )}
          </div>
          <AddSpeaker view={view} run={run} />
        </div>
      </div>
    </section>
  );
}
