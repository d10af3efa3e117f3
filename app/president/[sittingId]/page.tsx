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
import { Proxies } from "./proxies";
import { RollCall } from "./roll-call";

type Tab = "rollcall" | "agenda" | "proxies";

export default function PresidentConsole({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const { view, me, chair, connected, send, error, clockOffset } = useSitting(sittingId);
  const { run, notice } = useCommand(send);
  const agenda = useAgenda(sittingId);
  const t = useTranslations();
  const [tab, setTab] = useState<Tab>("rollcall");
  if (error) return <main className="p-6">{error}</main>;
  if (!view) return <main className="p-6">{t("common.loading")}</main>;
  const live = view.status === "opened";
  const tabLabel: Record<Tab, string> = { rollcall: t("president.rollCall"), agenda: t("president.agenda"), proxies: t("president.proxies") };
  return (
    <main className="flex min-h-screen flex-col">
      <ConnectionBanner connected={connected} />
      <SittingHeader view={view} title={t("president.title")} variant="console">
        <StatusPill status={view.status} variant="console" />
        <SuspensionPlan status={view.status} run={run} />
        <LifecycleControls status={view.status} run={run} />
      </SittingHeader>
      <QuorumBanner view={view} variant="console" />
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
                view={view}
                variant="console"
                action={(it) =>
                  it.status === "pending" || (it.status === "called" && it.id !== view.currentItemId) ? (
                    <button
                      type="button"
                      className="btn btn-primary shrink-0"
                      disabled={!live}
                      onClick={() => void run({ type: "item:call", itemId: it.id })}
                      aria-label={`${t("president.call")} ${t("common.no")} ${it.order}`}
                    >
                      {t("president.call")}
                    </button>
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
