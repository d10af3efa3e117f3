"use client";
// The secretaries' side panel (#15): the speakers' list as the chair keeps it (who speaks, for how
// long, who comes next) and the sitting's facts so far, each a link to its block in the minutes.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import * as Y from "yjs";
import { FACT_NODE, MINUTES_FRAGMENT } from "@/core/minutes/document";
import { useSitting } from "@/lib/client/sitting-client";
import { nextSpeakers } from "../../components/sitting/speakers-panel";
import { SpeechTimer } from "../../components/sitting/speech-timer";

interface FactEntry {
  seq: number;
  kind: string;
  text: string;
}

function factsOf(doc: Y.Doc): FactEntry[] {
  return doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .toArray()
    .flatMap((n) =>
      n instanceof Y.XmlElement && n.nodeName === FACT_NODE
        ? [{ seq: Number(n.getAttribute("seq")), kind: String(n.getAttribute("kind")), text: String(n.getAttribute("text")) }]
        : [],
    );
}

/** The facts of the document, kept current as the sitting writes them. */
function useFacts(doc: Y.Doc): FactEntry[] {
  const [facts, setFacts] = useState<FactEntry[]>(() => factsOf(doc));
  useEffect(() => {
    const frag = doc.getXmlFragment(MINUTES_FRAGMENT);
    const update = () => setFacts(factsOf(doc));
    frag.observe(update);
    // What arrived between the first render and now (the document's first sync) is read once here:
    // an observer only hears later changes.
    update();
    return () => frag.unobserve(update);
  }, [doc]);
  return facts;
}

/** Brings a fact's block into view in the editor (the nth locked block of the page). */
function showFact(index: number): void {
  const el = document.querySelectorAll<HTMLElement>(".ProseMirror [data-sitting-fact]")[index];
  el?.scrollIntoView({ block: "center", behavior: "smooth" });
  el?.classList.add("ring-2", "ring-marianne");
  setTimeout(() => el?.classList.remove("ring-2", "ring-marianne"), 1500);
}

export function DeskPanel({ sittingId, doc }: { sittingId: string; doc: Y.Doc }) {
  const t = useTranslations("minutes.desk");
  const td = useTranslations("debate");
  const { view, clockOffset } = useSitting(sittingId);
  const facts = useFacts(doc);
  const d = view?.debate;
  const next = d ? nextSpeakers(d, td) : [];
  return (
    <aside className="space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto" aria-label={t("label")} data-testid="desk-panel">
      <section className="card p-3" aria-labelledby="desk-speakers">
        <h2 id="desk-speakers" className="font-bold text-marianne">
          {t("speakers")}
        </h2>
        {d?.current ? (
          <div className="mt-2 space-y-2" data-testid="desk-current">
            <p className="font-semibold">
              {d.current.name}
              <span className="block text-sm font-normal text-slate-700">
                {d.current.group ?? td("noGroup")}
                {d.current.kind !== "speech" ? ` — ${td(`kind.${d.current.kind}`)}` : ""}
              </span>
            </p>
            <SpeechTimer current={d.current} clockOffset={clockOffset} variant="desk" />
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{td("nobody")}</p>
        )}
        {next.length ? (
          <>
            <h3 className="mt-3 text-sm font-semibold">{td("next")}</h3>
            <ol className="mt-1 space-y-0.5 text-sm">
              {next.map((n, i) => (
                <li key={n.key}>
                  {i + 1}. <span className="font-semibold">{n.name}</span>
                  {n.group ? ` (${n.group})` : ""}
                  {n.note ? ` — ${n.note}` : ""}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
      <section className="card p-3" aria-labelledby="desk-facts">
        <h2 id="desk-facts" className="font-bold text-marianne">
          {t("facts", { count: facts.length })}
        </h2>
        {facts.length ? (
          <ol className="mt-2 space-y-1 text-sm" data-testid="desk-facts">
            {facts.map((f, i) => (
              <li key={f.seq}>
                <button type="button" className="line-clamp-3 w-full rounded px-1 py-0.5 text-left hover:bg-blue-50" onClick={() => showFact(i)}>
                  {f.text}
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{t("noFacts")}</p>
        )}
      </section>
    </aside>
  );
}
