"use client";
// The mayor's console (10–11" tablet, landscape, touch first): the sitting's controls, the quorum
// banner, the item under discussion with its vote, and beside it the roll call, the agenda and the
// proxies. Each panel is its own file; this page only wires them to the sitting.
import { use, useState } from "react";
import { useTranslations } from "next-intl";
import { useSitting } from "@/lib/client/sitting-client";
import { useAgenda } from "@/lib/client/use-agenda";
import { useCommand } from "@/lib/client/use-command";
import { ConnectionBanner } from "../../components/connection-banner";
import { AgendaList } from "../../components/sitting/agenda-list";
import { QuorumBanner } from "../../components/sitting/quorum-banner";
import { SittingHeader } from "../../components/sitting/sitting-header";
import { StatusPill } from "../../components/sitting/status-pill";
import { CurrentItemPanel } from "./current-item-panel";
import { DebatePanel } from "./debate-panel";
import { SuspensionPlan } from "./suspension-plan";
import { LifecycleControls } from "./lifecycle-controls";
import { ExpectedQuorum } from "./expected-quorum";
import { Proxies } from "./proxies";
import { RollCall } from "./roll-call";
import { HuisClosBar, QuorumLost, SecondConvocation } from "./sitting-alerts";
import { ReasonButton } from "../../components/reason-button";

type Tab = "rollcall" | "agenda" | "proxies";

export default function PresidentConsole({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const { view, me, chair, connected, send, error, clockOffset } = useSitting(sittingId);
  const { run, notice } = useCommand(send);
  const agenda = useAgenda(sittingId, view?.convocation.agendaPublic);
  const t = useTranslations();
  const [tab, setTab] = useState<Tab>("rollcall");
  if (error) return <main className="p-6">{error}</main>;
  if (!view) return <main className="p-6">{t("common.loading")}</main>;
  const live = view.status === "opened";
  // "Appeler ce point" waits while a vote is open (the vote first: closed, proclaimed or cancelled).
  const voteOpen = view.vote?.status === "open";
  const tabLabel: Record<Tab, string> = { rollcall: t("president.rollCall"), agenda: t("president.agenda"), proxies: t("president.proxies") };
  return (
    <main className="flex min-h-screen flex-col">
      <ConnectionBanner connected={connected} />
      <SittingHeader view={view} title={t("president.title")} variant="console">
        <StatusPill status={view.status} variant="console" />
        <SuspensionPlan status={view.status} run={run} />
        <LifecycleControls view={view} clockOffset={clockOffset} run={run} />
      </SittingHeader>
      <QuorumBanner view={view} variant="console" />
      <QuorumLost view={view} run={run} />
      <HuisClosBar view={view} run={run} />
      <SecondConvocation view={view} />
      <ExpectedQuorum view={view} chair={chair} />
      {notice ? (
        <p role="alert" className="bg-amber-200 px-4 py-2 font-semibold">
          {notice}
        </p>
      ) : null}
      <DebatePanel view={view} clockOffset={clockOffset} run={run} />
      <div className="grid flex-1 gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <CurrentItemPanel view={view} agenda={agenda} me={me} chair={chair} run={run} send={send} />
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
                {tabLabel[k]}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {tab === "rollcall" ? <RollCall view={view} send={run} /> : null}
            {tab === "proxies" ? <Proxies view={view} send={run} /> : null}
            {tab === "agenda" ? (
              <AgendaList
                view={chair?.agenda ? { ...view, items: chair.agenda } : view}
                variant="console"
                action={(it) =>
                  it.status === "pending" || (it.status === "called" && it.id !== view.currentItemId) ? (
                    <div className="flex shrink-0 flex-col gap-1">
                      <button
                        type="button"
                        className="btn btn-primary"
                        disabled={!live || voteOpen}
                        title={voteOpen ? t("president.callWaits") : undefined}
                        onClick={() => void run({ type: "item:call", itemId: it.id })}
                        aria-label={`${t("president.call")} ${t("common.no")} ${it.order}`}
                      >
                        {t("president.call")}
                      </button>
                      {it.status === "pending" && view.status !== "closed" ? (
                        <div className="flex gap-1">
                          <ReasonButton
                            className="btn btn-secondary px-2 py-1 text-sm"
                            label={t("president.withdraw")}
                            question={t("president.withdrawWhy")}
                            onConfirm={(reason) => void run({ type: "item:withdraw", itemId: it.id, reason })}
                          />
                          <ReasonButton
                            className="btn btn-secondary px-2 py-1 text-sm"
                            label={t("president.defer")}
                            question={t("president.deferWhy")}
                            onConfirm={(reason) => void run({ type: "item:defer", itemId: it.id, reason })}
                          />
                        </div>
                      ) : null}
                    </div>
                  ) : null
                }
              />
            ) : null}
          </div>
        </section>
      </div>
    </main>
  );
}
