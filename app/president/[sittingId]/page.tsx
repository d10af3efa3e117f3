"use client";
// The mayor's console (10–11" tablet, landscape, touch first): the sitting's controls, the quorum
// banner, the agenda, the vote control with the live tally, the roll call grid and the proxies.
import { use, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSitting } from "@/lib/client/sitting-client";
import { useAgenda } from "@/lib/client/use-agenda";
import type { BallotMode, Choice, CommandBody, Tally } from "@/core/sitting/protocol";
import type { PublicView } from "@/core/sitting/projection";
import { BallotPanel } from "../../components/ballot-panel";
import { ConfirmButton } from "../../components/confirm-button";
import { ConnectionBanner } from "../../components/connection-banner";
import { ItemText } from "../../components/item-text";
import { LocaleSwitch } from "../../components/locale-switch";
import { TallyBars } from "../../components/tally-bars";
import { CHOICES, formatDate } from "../../components/format";

type Send = (c: CommandBody) => Promise<void>;
type Mark = "present" | "absent" | "excused" | "depart";

function QuorumBanner({ view }: { view: PublicView }) {
  const t = useTranslations("attendance");
  const q = view.quorum;
  const present = view.counts.present;
  if (!q) {
    return (
      <p className="bg-slate-200 px-4 py-2 text-lg font-semibold" role="status">
        {t("present")} : {present} / {view.membersInOffice}
      </p>
    );
  }
  return (
    <p role="status" data-testid="quorum-banner" className={`px-4 py-2 text-lg font-bold text-white ${q.reached ? "bg-pour" : "bg-contre"}`}>
      {q.reached ? "✓ " : "⚠ "}
      {q.reached ? t("quorumReached", { counted: q.counted, required: q.required }) : t("quorumLost", { counted: q.counted, required: q.required })} ·{" "}
      {t("present")} {present} · {t("represented")} {view.counts.represented}
    </p>
  );
}

function RollCall({ view, send }: { view: PublicView; send: Send }) {
  const t = useTranslations();
  const [mark, setMark] = useState<Mark>("present");
  // Members the chair has tapped: "all present" fills in only the others, even before the
  // screen has caught up with those taps.
  const tapped = useRef(new Set<string>());
  const tap = (memberId: string, command: CommandBody) => {
    tapped.current.add(memberId);
    void send(command);
  };
  const marks: Mark[] = ["present", "absent", "excused", "depart"];
  const label = (m: Mark) => (m === "depart" ? t("president.depart") : t(`attendance.${m}One`));
  return (
    <section aria-labelledby="rollcall">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="rollcall" className="mr-auto text-lg font-bold">
          {t("president.rollCall")}
        </h2>
        <div role="radiogroup" aria-label={t("president.tapToMark")} className="flex flex-wrap gap-1">
          {marks.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mark === m}
              onClick={() => setMark(m)}
              className={`rounded-md border px-2 py-1 text-sm font-semibold ${mark === m ? "border-marianne bg-marianne text-white" : "border-slate-400 bg-white"}`}
            >
              {label(m)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-secondary py-1 text-sm"
          onClick={() => {
            void (async () => {
              for (const m of view.roster)
                if (m.attendance === "unknown" && !tapped.current.has(m.id)) await send({ type: "rollcall:mark", memberId: m.id, status: "present" });
            })();
          }}
        >
          {t("president.markAll")}
        </button>
      </div>
      <ol className="grid grid-cols-3 gap-1 lg:grid-cols-4">
        {view.roster.map((m) => {
          const st = m.attendance;
          const cls =
            st === "present"
              ? "bg-green-100 border-pour"
              : st === "absent"
                ? "bg-red-50 border-contre"
                : st === "excused"
                  ? "bg-amber-50 border-abst"
                  : st === "left"
                    ? "bg-slate-200 border-slate-500"
                    : "bg-white border-slate-300";
          return (
            <li key={m.id}>
              <button
                type="button"
                data-member={m.id}
                className={`w-full overflow-hidden rounded-md border-2 px-1.5 py-1 text-left text-xs leading-tight break-words ${cls}`}
                onClick={() =>
                  void send(mark === "depart" ? { type: "rollcall:depart", memberId: m.id } : { type: "rollcall:mark", memberId: m.id, status: mark })
                }
              >
                <span className="font-mono">{m.seat}</span> <span className="font-semibold">{m.name.replace(/^(M\.|Mme) /, "")}</span>
                <span className="block">{st === "unknown" ? t("attendance.unknown") : t(`attendance.${st}One`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Proxies({ view, send }: { view: PublicView; send: Send }) {
  const t = useTranslations("president");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const name = (id: string) => view.roster.find((m) => m.id === id)?.name ?? id;
  return (
    <section aria-labelledby="proxies" className="space-y-3">
      <h2 id="proxies" className="text-lg font-bold">
        {t("proxies")}
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) void send({ type: "proxy:give", from, to }).then(() => setFrom(""));
        }}
      >
        <label className="flex flex-col text-sm">
          {t("mandant")}
          <select value={from} onChange={(e) => setFrom(e.target.value)} className="rounded border border-slate-400 p-2" required>
            <option value="">—</option>
            {view.roster
              .filter((m) => m.attendance !== "present")
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.seat} {m.name}
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("mandataire")}
          <select value={to} onChange={(e) => setTo(e.target.value)} className="rounded border border-slate-400 p-2" required>
            <option value="">—</option>
            {view.roster
              .filter((m) => m.attendance === "present")
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.seat} {m.name}
                </option>
              ))}
          </select>
        </label>
        <button className="btn btn-primary" type="submit">
          {t("giveProxy")}
        </button>
      </form>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th className="py-1">{t("mandant")}</th>
            <th>{t("mandataire")}</th>
            <th>
              <span className="sr-only">{t("revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.proxies.map((p) => (
            <tr key={p.from} className="border-t border-slate-200">
              <td className="py-1">{name(p.from)}</td>
              <td>{name(p.to)}</td>
              <td className="text-right">
                <button type="button" className="btn btn-secondary px-2 py-1 text-xs" onClick={() => void send({ type: "proxy:revoke", from: p.from })}>
                  {t("revoke")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function HandsForm({ voteId, send }: { voteId: string; send: Send }) {
  const t = useTranslations();
  const [tally, setTally] = useState<Tally>({ pour: 0, contre: 0, abstention: 0, nppv: 0 });
  const [pv, setPv] = useState<Choice | "none">("pour");
  return (
    <form
      className="grid grid-cols-2 gap-2 sm:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ type: "vote:record-hands", voteId, tally, presidentVote: pv });
      }}
    >
      {CHOICES.map((c) => (
        <label key={c} className="flex flex-col text-sm font-semibold">
          {t(`choice.${c}`)}
          <input
            type="number"
            min={0}
            max={999}
            value={tally[c]}
            onChange={(e) => setTally({ ...tally, [c]: Math.max(0, Number(e.target.value) || 0) })}
            className="rounded border border-slate-400 p-2 text-xl"
          />
        </label>
      ))}
      <label className="flex flex-col text-sm font-semibold">
        {t("president.presidentVote")}
        <select value={pv} onChange={(e) => setPv(e.target.value as Choice | "none")} className="rounded border border-slate-400 p-2">
          {CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`choice.${c}`)}
            </option>
          ))}
          <option value="none">—</option>
        </select>
      </label>
      <button className="btn btn-primary col-span-2 sm:col-span-5" type="submit">
        {t("president.recordHands")}
      </button>
    </form>
  );
}

export default function PresidentConsole({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const { view, me, chair, connected, send, error } = useSitting(sittingId);
  const agenda = useAgenda(sittingId);
  const t = useTranslations();
  const locale = useLocale();
  const [tab, setTab] = useState<"rollcall" | "agenda" | "proxies">("rollcall");
  const [mode, setMode] = useState<BallotMode>("public");
  const [reveal, setReveal] = useState<"live" | "at-close">("live");
  const [notice, setNotice] = useState<string | null>(null);
  if (error) return <main className="p-6">{error}</main>;
  if (!view) return <main className="p-6">{t("common.loading")}</main>;
  const run: Send = async (c) => {
    const r = await send(c);
    setNotice(r.ok ? null : `${r.error.message}${r.error.detail ? ` — ${r.error.detail}` : ""}`);
  };
  const current = view.items.find((i) => i.id === view.currentItemId) ?? null;
  const text = current ? agenda.find((a) => a.id === current.id) : undefined;
  const vote = view.vote && current && view.vote.itemId === current.id ? view.vote : null;
  const live = view.status === "opened";
  const nameOf = (id: string) => view.roster.find((m) => m.id === id)?.name ?? id;
  return (
    <main className="flex min-h-screen flex-col">
      <ConnectionBanner connected={connected} />
      <header className="flex flex-wrap items-center gap-3 bg-marianne px-4 py-2 text-white">
        <div className="mr-auto">
          <h1 className="text-lg font-bold">
            {t("president.title")} — {view.header.councilName}
          </h1>
          <p className="text-sm">{t("common.sittingOf", { date: formatDate(view.header.date, locale), time: view.header.time })}</p>
        </div>
        <span className="rounded-full bg-white px-3 py-1 font-bold text-marianne" data-testid="sitting-status">
          {t(`status.${view.status}`)}
        </span>
        {view.status === "convened" ? (
          <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:open" })}>
            {t("president.open")}
          </button>
        ) : null}
        {view.status === "opened" ? (
          <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:suspend" })}>
            {t("president.suspend")}
          </button>
        ) : null}
        {view.status === "suspended" ? (
          <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:resume" })}>
            {t("president.resume")}
          </button>
        ) : null}
        {view.status === "opened" || view.status === "suspended" ? (
          <ConfirmButton
            className="btn btn-danger"
            label={t("president.closeSitting")}
            question={t("president.confirmCloseSitting")}
            onConfirm={() => void run({ type: "sitting:close" })}
          />
        ) : null}
        <LocaleSwitch className="text-white" />
      </header>
      <QuorumBanner view={view} />
      {notice ? (
        <p role="alert" className="bg-amber-200 px-4 py-2 font-semibold">
          {notice}
        </p>
      ) : null}
      <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section className="card space-y-4 p-4" aria-labelledby="current">
          <h2 id="current" className="text-sm font-semibold uppercase text-slate-600">
            {t("public.currentItem")}
          </h2>
          {current ? (
            <>
              <p className="text-2xl font-bold" data-testid="current-title">
                {t("common.no")} {current.order} — {current.title}
              </p>
              {current.status === "deferred" ? <p className="rounded bg-red-100 p-2 font-semibold text-contre">⚠ {t("itemStatus.deferred")}</p> : null}
              {current.call ? (
                <p className="text-sm text-slate-700">
                  {t("attendance.present")} {current.call.presentIds.length} · {t("attendance.represented")} {current.call.proxies.length}
                  {current.call.recusedIds.length ? ` · ${t("president.interest")} : ${current.call.recusedIds.map(nameOf).join(", ")}` : ""}
                  {current.ballotRequests.public || current.ballotRequests.secret
                    ? ` · ${t("president.requests", { public: current.ballotRequests.public, secret: current.ballotRequests.secret })}`
                    : ""}
                </p>
              ) : null}
              {text ? <ItemText item={text} /> : null}
              {current.status === "called" && !vote?.status.startsWith("open") ? (
                <div className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3">
                  <label className="flex flex-col text-sm font-semibold">
                    {t("president.mode")}
                    <select
                      value={current.decidedMode ?? mode}
                      disabled={!!current.decidedMode}
                      onChange={(e) => setMode(e.target.value as BallotMode)}
                      className="rounded border border-slate-400 p-2"
                    >
                      {(["public", "show-of-hands", "secret"] as const).map((m) => (
                        <option key={m} value={m}>
                          {t(`mode.${m}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="flex flex-col text-sm font-semibold">
                    {t("president.reveal")}
                    <select value={reveal} onChange={(e) => setReveal(e.target.value as "live" | "at-close")} className="rounded border border-slate-400 p-2">
                      <option value="live">{t("president.revealLive")}</option>
                      <option value="at-close">{t("president.revealAtClose")}</option>
                    </select>
                  </label>
                  <button
                    type="button"
                    className="btn btn-primary py-3 text-lg"
                    onClick={() => void run({ type: "vote:open", itemId: current.id, mode: current.decidedMode ?? mode, reveal })}
                  >
                    {t("president.openVote")}
                  </button>
                </div>
              ) : null}
              {vote ? (
                <div className="space-y-3 rounded-lg border border-slate-300 p-3" data-testid="vote-control">
                  <p className="text-lg font-bold">
                    {t(`mode.${vote.mode}`)} — {vote.status === "open" ? t("itemStatus.voting") : t("itemStatus.decided")} ·{" "}
                    {t("public.ballotsCast", { cast: vote.ballotsCast, expected: vote.expected })}
                  </p>
                  <div className="rounded-lg bg-ink p-3 text-white">
                    {vote.tally ? <TallyBars tally={vote.tally} size="md" /> : <p>🔒 {t("public.hiddenUntilClose")}</p>}
                  </div>
                  {vote.status === "open" && vote.mode === "show-of-hands" ? <HandsForm voteId={vote.id} send={run} /> : null}
                  {vote.status === "open" && me
                    ? me.entitlements.map((e) => (
                        <BallotPanel
                          key={e.onBehalfOf || "own"}
                          vote={vote}
                          ent={e}
                          onCast={async (choice, onBehalfOf) => {
                            const r = await send({ type: "ballot:cast", voteId: vote.id, choice, ...(onBehalfOf ? { onBehalfOf } : {}) });
                            return r.ok ? null : r.error.message;
                          }}
                        />
                      ))
                    : null}
                  {vote.status === "open" && chair && chair.notYetVoted.length ? (
                    <details>
                      <summary className="cursor-pointer font-semibold">
                        {t("president.notVoted")} ({chair.notYetVoted.length})
                      </summary>
                      <p className="text-sm">
                        {chair.notYetVoted
                          .map((e) =>
                            e.onBehalfOf ? `${nameOf(e.memberId)} (${t("president.forMandant", { name: nameOf(e.onBehalfOf) })})` : nameOf(e.memberId),
                          )
                          .join(", ")}
                      </p>
                    </details>
                  ) : null}
                  <div className="flex flex-wrap gap-3">
                    {vote.status === "open" ? (
                      <ConfirmButton
                        className="btn btn-danger py-3 text-lg"
                        label={t("president.closeVote")}
                        question={t("president.confirmClose")}
                        onConfirm={() => void run({ type: "vote:close", voteId: vote.id })}
                      />
                    ) : null}
                    {vote.status === "closed" ? (
                      <ConfirmButton
                        className="btn btn-primary py-3 text-lg"
                        label={t("president.proclaim")}
                        question={t("president.confirmProclaim")}
                        onConfirm={() => void run({ type: "vote:proclaim", voteId: vote.id })}
                      />
                    ) : null}
                  </div>
                </div>
              ) : null}
              {current.result ? (
                <p
                  className={`rounded-lg p-3 text-xl font-bold text-white ${current.result.outcome === "adopted" ? "bg-pour" : "bg-contre"}`}
                  data-testid="result"
                >
                  {t(`outcome.${current.result.outcome}`)}
                  {current.result.unanimous ? ` ${t("outcome.unanimous")}` : ""} — {locale === "en" ? current.result.reasonEn : current.result.reasonFr}
                </p>
              ) : null}
            </>
          ) : (
            <p className="text-lg">{live ? t("public.noItem") : t("public.waiting")}</p>
          )}
        </section>
        <section className="card p-4">
          <div role="tablist" className="mb-3 flex gap-2">
            {(["rollcall", "agenda", "proxies"] as const).map((k) => (
              <button
                key={k}
                role="tab"
                type="button"
                aria-selected={tab === k}
                onClick={() => setTab(k)}
                className={`rounded-md px-3 py-2 font-semibold ${tab === k ? "bg-marianne text-white" : "bg-slate-100"}`}
              >
                {k === "rollcall" ? t("president.rollCall") : k === "agenda" ? t("president.agenda") : t("president.proxies")}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {tab === "rollcall" ? <RollCall view={view} send={run} /> : null}
            {tab === "proxies" ? <Proxies view={view} send={run} /> : null}
            {tab === "agenda" ? (
              <ol className="space-y-2">
                {view.items.map((it) => (
                  <li
                    key={it.id}
                    className={`flex items-center justify-between gap-2 rounded-lg border p-2 ${it.id === view.currentItemId ? "border-marianne bg-blue-50" : "border-slate-200"}`}
                  >
                    <div>
                      <p className="font-semibold">
                        {t("common.no")} {it.order} — {it.title}
                      </p>
                      <p className="text-sm text-slate-700">
                        {it.result ? `${t(`outcome.${it.result.outcome}`)} (${it.result.tally.pour}–${it.result.tally.contre})` : t(`itemStatus.${it.status}`)}
                      </p>
                    </div>
                    {it.status === "pending" || (it.status === "called" && it.id !== view.currentItemId) ? (
                      <button
                        type="button"
                        className="btn btn-primary shrink-0"
                        disabled={!live}
                        onClick={() => void run({ type: "item:call", itemId: it.id })}
                        aria-label={`${t("president.call")} ${t("common.no")} ${it.order}`}
                      >
                        {t("president.call")}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
        </section>
      </div>
    </main>
  );
}
