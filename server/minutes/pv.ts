// The procès-verbal (L2121-15) as an HTML document: the minutes' text as the secretaries wrote it,
// each of the sitting's facts rebuilt from its event and the state that event met (#14.4), the
// attendance at the opening by name and every deliberation with its decision; layout in core/minutes.
import * as Y from "yjs";
import { recordPaths } from "../../core/api/records";
import { factFor, mayWriteFact, type Fact } from "../../core/minutes/facts";
import { renderPvHtml, type PvDeliberation, type PvInput } from "../../core/minutes/pv-document";
import { speakingTimeHtml } from "../../core/minutes/debate-facts";
import type { VersionNote } from "../../core/records/publication";
import { voteFigures, voteFiguresLine } from "../../core/records/vote-figures";
import { amendmentRecords, decisionOf, nominationRecord } from "../../core/records/whole-sitting-record";
import type { SittingState } from "../../core/sitting/state";
import type { Db } from "../db/client";
import type { SittingRoom } from "../realtime/sitting-room";
import { loadRecordContext, jsonStrings, type RecordContext } from "../records/record-context";
import { actesIdFor } from "../records/records-service";
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
  /** Facts in document order: seq and the sentence rebuilt from the log. */
  facts: { seq: number; kind: string; text: string }[];
}

/** The document's text, each fact block replaced by the fact its seq rebuilds from the log. */
function renderBody(doc: Y.Doc, facts: ReadonlyMap<number, Fact>, figures: PvFigures): string {
  const renderNode = (node: Y.XmlElement | Y.XmlText): string => {
    if (node instanceof Y.XmlText) return renderText(node);
    const name = node.nodeName;
    if (name === FACT_NODE) {
      const seq = Number(node.getAttribute("seq"));
      const fact = facts.get(seq);
      if (!fact) return `<div class="fact missing">[fait n° ${seq} introuvable dans le journal]</div>`;
      figures.facts.push({ seq, kind: fact.kind, text: fact.text });
      return `<div class="fact" data-seq="${seq}" data-kind="${fact.kind}">${esc(fact.text)}</div>`;
    }
    const inner = node
      .toArray()
      .map((c) => renderNode(c as Y.XmlElement | Y.XmlText))
      .join("");
    if (name === "heading") {
      const level = Math.min(4, Math.max(3, Number(node.getAttribute("level")) + 1 || 3));
      return `<h${level}>${inner}</h${level}>`;
    }
    if (name === "hardBreak") return "<br>";
    const tag = TAGS[name] ?? "div";
    if (tag === "p" && inner === "") return "";
    return tag === "hr" ? "<hr>" : `<${tag}>${inner}</${tag}>`;
  };
  return doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .toArray()
    .map((n) => renderNode(n as Y.XmlElement | Y.XmlText))
    .join("\n");
}

function deliberationsOf(ctx: RecordContext, origin: string): PvDeliberation[] {
  const { state } = ctx.loaded;
  const paths = recordPaths(ctx.sitting.id);
  return ctx.sitting.items.map((row) => {
    const it = state.items[row.id];
    const decided = it?.status === "decided" && it.result;
    // Withdrawn or deferred with the reason, a designation, or adopted/rejected (#13).
    const decision = it ? decisionOf(it) : "Non examinée";
    const actes = actesIdFor(ctx.council, ctx.sitting.date, row, !!decided);
    return {
      order: row.order,
      identifier: row.identifier,
      title: row.title,
      decision,
      figures: decided && it.result && !it.nomination ? voteFiguresLine(voteFigures(it.result.tally, it.kind)) : null,
      ...(it ? wholeSittingLines(state, it) : {}),
      proposals: jsonStrings(row.proposals),
      actesId: actes.id ? `${actes.id}${actes.provisional ? " (prévisionnel)" : ""}` : null,
      href: decided ? `${origin}${paths.extract(row.id)}` : null,
    };
  });
}

/** A deliberation's amendments and nomination rounds, as the PV lists them under its decision (#13). */
function wholeSittingLines(state: SittingState, it: NonNullable<SittingState["items"][string]>): Pick<PvDeliberation, "extra"> {
  const amendments = amendmentRecords(state, it).map((a) => `${a.decision} (${a.author} : « ${a.text} »)${a.figures ? ` — ${a.figures}` : ""}.`);
  const rounds = nominationRecord(it)?.rounds ?? [];
  return { extra: [...amendments, ...rounds] };
}

/** Renders the minutes; facts are rebuilt from the stored event with the same seq. */
export async function renderProcesVerbal(
  db: Db,
  room: SittingRoom,
  doc: Y.Doc,
  version: { version: number; hash: string } | null,
  opts: { origin: string; note?: VersionNote | null },
): Promise<{ html: string; footer: string; figures: PvFigures }> {
  const facts = new Map<number, Fact>();
  let opening: PvInput["opening"] = null;
  const ctx = await loadRecordContext(db, room.state.sittingId, (seq, event, before: SittingState) => {
    if (event.type === "sitting:opened") opening = { before, presentIds: event.presentIds, at: event.at };
    const fact = mayWriteFact(event) ? factFor(seq, event, before, room.header) : null;
    if (fact) facts.set(seq, fact);
  });
  const figures: PvFigures = { facts: [] };
  const s = ctx.loaded.state;
  const approved = version ? s.minutes.versions.find((v) => v.version === version.version) : undefined;
  const approvedAt = ctx.sitting.minutesApprovedBy
    ? await db.sitting.findUnique({ where: { id: ctx.sitting.minutesApprovedBy }, include: { items: true } })
    : null;
  const approvalItem = approvedAt?.items.find((it) => it.id === ctx.sitting.minutesApprovalItemId) ?? null;
  const atDate = ctx.sitting.minutesApprovedAt ?? approved?.at.slice(0, 10);
  const { html, footer } = renderPvHtml({
    state: s,
    opening,
    header: ctx.loaded.header,
    // #19: the date of dispatch is the sitting's convocation date; an urgency's reason comes from the log.
    convocation: { date: ctx.sitting.convocationDate, postedOn: ctx.sitting.postedOn, urgencyReason: s.convocation.dispatches[0]?.urgencyReason ?? null },
    details: ctx.details,
    body: renderBody(doc, facts, figures),
    approval: atDate
      ? {
          version: approved?.version ?? null,
          hash: approved?.hash ?? null,
          atDate,
          item: approvalItem ? { order: approvalItem.order, title: approvalItem.title } : null,
        }
      : null,
    deliberations: deliberationsOf(ctx, opts.origin),
    note: opts.note ?? null,
    speakingTime: speakingTimeHtml(s),
  });
  return { html, footer, figures };
}
