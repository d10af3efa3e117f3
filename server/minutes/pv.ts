// The procès-verbal (L2121-15) as an HTML document: the sitting's facts re-derived from the event
// log (so the figures are the log's, whatever happened to the text), and what the secretaries wrote.
import * as Y from "yjs";
import { factFor } from "../../core/minutes/facts";
import type { SittingEvent } from "../../core/sitting/state";
import type { Db } from "../db/client";
import type { SittingRoom } from "../realtime/sitting-room";
import { FACT_NODE, MINUTES_FRAGMENT } from "../../core/minutes/document";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function renderText(t: Y.XmlText): string {
  return (t.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .map((op) => {
      let html = typeof op.insert === "string" ? esc(op.insert) : "";
      const a = op.attributes ?? {};
      if (a.code) html = `<code>${html}</code>`;
      if (a.bold) html = `<strong>${html}</strong>`;
      if (a.italic) html = `<em>${html}</em>`;
      if (a.strike) html = `<s>${html}</s>`;
      return html;
    })
    .join("");
}

const TAGS: Record<string, string> = {
  paragraph: "p",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  blockquote: "blockquote",
  codeBlock: "pre",
  horizontalRule: "hr",
};

export interface PvFigures {
  /** Facts in document order: seq and the sentence re-derived from the log. */
  facts: { seq: number; kind: string; text: string }[];
}

/** Renders the minutes; facts are rebuilt from the stored event with the same seq. */
export async function renderProcesVerbal(
  db: Db,
  room: SittingRoom,
  doc: Y.Doc,
  version: { version: number; hash: string } | null = null,
): Promise<{ html: string; figures: PvFigures }> {
  const rows = await db.sittingEvent.findMany({ where: { sittingId: room.state.sittingId }, orderBy: { seq: "asc" } });
  const events = new Map(rows.map((r) => [r.seq, JSON.parse(r.payload) as SittingEvent]));
  const figures: PvFigures = { facts: [] };

  const renderNode = (node: Y.XmlElement | Y.XmlText): string => {
    if (node instanceof Y.XmlText) return renderText(node);
    const name = node.nodeName;
    if (name === FACT_NODE) {
      const seq = Number(node.getAttribute("seq"));
      const event = events.get(seq);
      const fact = event ? factFor(seq, event, room.state, room.header) : null;
      if (!fact) return `<div class="fact missing">[fait n° ${seq} introuvable dans le journal]</div>`;
      figures.facts.push({ seq, kind: fact.kind, text: fact.text });
      return `<div class="fact" data-seq="${seq}" data-kind="${fact.kind}">${esc(fact.text)}</div>`;
    }
    const inner = node
      .toArray()
      .map((c) => renderNode(c as Y.XmlElement | Y.XmlText))
      .join("");
    if (name === "heading") {
      const level = Math.min(4, Math.max(2, Number(node.getAttribute("level")) || 2));
      return `<h${level}>${inner}</h${level}>`;
    }
    if (name === "hardBreak") return "<br>";
    const tag = TAGS[name] ?? "div";
    if (tag === "p" && inner === "") return "";
    return tag === "hr" ? "<hr>" : `<${tag}>${inner}</${tag}>`;
  };

  const body = doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .toArray()
    .map((n) => renderNode(n as Y.XmlElement | Y.XmlText))
    .join("\n");
  const s = room.state;
  const h = room.header;
  const sitting = await db.sitting.findUnique({ where: { id: s.sittingId } });
  const president = s.presidentMemberId ? (s.roster[s.presidentMemberId]?.name ?? "") : "";
  const agenda = s.itemOrder
    .map((id) => s.items[id])
    .filter((it) => !!it)
    .map(
      (it) =>
        `<li value="${it.order}">${esc(it.title)}${it.result ? ` — <strong>${it.result.outcome === "adopted" ? "adoptée" : "rejetée"}</strong>` : it.status === "deferred" ? " — reporté" : ""}</li>`,
    )
    .join("");
  const approved = version ? s.minutes.versions.find((v) => v.version === version.version) : undefined;
  const approval = approved
    ? `<p class="approval">Procès-verbal approuvé lors de la séance du ${esc(sitting?.minutesApprovedAt ?? approved.at.slice(0, 10))} (version ${approved.version}, empreinte SHA-256 ${esc(approved.hash.slice(0, 16))}…).</p>`
    : sitting?.minutesApprovedAt
      ? `<p class="approval">Procès-verbal approuvé lors de la séance du ${esc(sitting.minutesApprovedAt)}.</p>`
      : `<p class="approval">Projet — à approuver lors de la prochaine séance.</p>`;
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Procès-verbal — ${esc(h.councilName)} — ${esc(h.date)}</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; color: #111; line-height: 1.45; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; } .sub { text-align: center; margin: 0 0 14pt; }
h2 { font-size: 12.5pt; border-bottom: 1px solid #999; margin-top: 16pt; }
.fact { border-left: 3pt solid #000091; background: #f1f4ff; padding: 5pt 8pt; margin: 6pt 0; }
.approval { font-style: italic; } .signatures { margin-top: 30pt; display: flex; justify-content: space-between; }
</style></head><body>
<h1>PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL</h1>
<p class="sub">${esc(h.councilName)} — séance du ${esc(h.date)} à ${esc(h.time)} — ${esc(h.place)}</p>
<p>Présidence : ${esc(president)}. Secrétaire(s) de séance : ${esc(s.secretaryIds.map((id) => s.roster[id]?.name ?? id).join(", "))}. Membres en exercice : ${s.membersInOffice}.</p>
${approval}
<h2>Ordre du jour</h2><ol>${agenda}</ol>
${body}
<div class="signatures"><div>Le Président de séance,<br>${esc(president)}</div><div>Le(s) secrétaire(s) de séance,</div></div>
</body></html>`;
  return { html, figures };
}
