// What the clerk's records desk shows for one sitting (#14.11): each act with its dates, ACTES id,
// attestation, published versions (and whether the act as it would be rendered now differs from
// them), annexes and SCDL problems; the list and the procès-verbal with theirs; where to approve.
import { createHash } from "node:crypto";
import type { DeskRecord, RecordsDesk } from "../../core/api/records-desk";
import { recordPaths, scdlPaths } from "../../core/api/records";
import { attestation } from "../../core/records/attestation";
import { publishedVersions, type PublishedVersion, type RecordKind } from "../../core/records/publication";
import { done, refuse, type Result } from "../../core/refusal";
import type { Db } from "../db/client";
import { loadSitting } from "../store/sitting-store";
import { noteOf, renderExtractRecord, renderListRecord } from "./publication-service";
import { loadRecordContext, type RecordContext } from "./record-context";
import { actesIdFor } from "./records-service";
import { scdlRowsOf } from "./scdl-service";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function addDays(iso: string, days: number): string {
  const [y = 0, m = 1, d = 1] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A record's versions, and whether rendering it now would give another text than the latest one. */
function deskRecord(
  ctx: RecordContext,
  record: RecordKind,
  itemId: string | null,
  links: DeskRecord["links"],
  renderNow: (versions: PublishedVersion[], latest: PublishedVersion) => string | null,
): DeskRecord {
  const versions = publishedVersions(ctx.loaded.state, record, itemId);
  const latest = versions[versions.length - 1];
  const now = latest ? renderNow(versions, latest) : null;
  return { versions, differs: !!latest && now !== null && sha256(now) !== latest.htmlSha256, links };
}

async function approvalSittings(db: Db, ctx: RecordContext): Promise<RecordsDesk["minutes"]["approvalSittings"]> {
  const later = await db.sitting.findMany({
    where: { councilId: ctx.council.id, date: { gt: ctx.sitting.date }, status: { not: "convened" } },
    orderBy: { date: "asc" },
    include: { items: { orderBy: { order: "asc" } } },
  });
  const out: RecordsDesk["minutes"]["approvalSittings"] = [];
  for (const s of later) {
    const { state } = await loadSitting(db, s.id);
    out.push({
      id: s.id,
      date: s.date,
      items: s.items.map((it) => ({ id: it.id, order: it.order, title: it.title, adopted: state.items[it.id]?.result?.outcome === "adopted" })),
    });
  }
  return out;
}

export async function buildRecordsDesk(db: Db, councilId: string, sittingId: string, origin: string): Promise<Result<RecordsDesk>> {
  const owner = await db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
  if (!owner) return refuse(404, "unknown-sitting", "Séance inconnue.", `unknown sitting ${sittingId}`);
  if (owner.councilId !== councilId) return refuse(403, "wrong-sitting", "Cette séance ne relève pas de votre conseil.", "the sitting is not in your council");
  const ctx = await loadRecordContext(db, sittingId);
  const { state } = ctx.loaded;
  const paths = recordPaths(sittingId);
  const scdl = new Map(scdlRowsOf(ctx, origin).map((r) => [r.itemId, r.problems]));
  const items = ctx.sitting.items.map((row) => {
    const st = state.items[row.id];
    const decided = st?.status === "decided";
    const actes = actesIdFor(ctx.council, ctx.sitting.date, row, decided);
    const hrefOf = (v: number) => `${origin}${paths.extract(row.id)}?version=${v}`;
    return {
      id: row.id,
      order: row.order,
      identifier: row.identifier,
      title: row.title,
      status: st?.status ?? "pending",
      outcome: decided ? (st.result?.outcome ?? null) : null,
      postedOn: row.postedOn,
      publishedOn: row.publishedOn,
      prefectureReceivedOn: row.prefectureReceivedOn,
      teletransmissionId: row.teletransmissionId,
      actesId: actes.id ? { id: actes.id, provisional: actes.provisional } : null,
      attestation: decided ? attestation(row, ctx.regime.regime) : null,
      extract: decided
        ? deskRecord(
            ctx,
            "extract",
            row.id,
            { html: paths.extract(row.id), pdf: paths.extractPdf(row.id) },
            (versions, latest) => renderExtractRecord(ctx, row.id, origin, noteOf(versions, latest.version, hrefOf))?.html ?? null,
          )
        : null,
      annexes: (ctx.annexes.get(row.id) ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
        href: paths.annex(row.id, a.id),
      })),
      scdlProblems: scdl.get(row.id) ?? null,
    } satisfies RecordsDesk["items"][number];
  });
  const listHref = (v: number) => `${origin}${paths.deliberations()}?version=${v}`;
  const m = state.minutes;
  return done({
    sitting: {
      id: sittingId,
      date: ctx.sitting.date,
      time: ctx.sitting.time,
      place: ctx.sitting.place,
      status: state.status,
      councilId,
      timeZone: ctx.settings.timeZone,
    },
    council: { siren: ctx.council.siren, departement: ctx.council.departement },
    regime: ctx.regime,
    items,
    deliberations: {
      ...deskRecord(
        ctx,
        "deliberations",
        null,
        { html: paths.deliberations(), pdf: paths.deliberationsPdf() },
        (versions, latest) => renderListRecord(ctx, origin, noteOf(versions, latest.version, listHref), latest.publishedOn).html,
      ),
      // L2121-25: posted and put online within a week of the sitting.
      dueBy: addDays(ctx.sitting.date, 7),
    },
    minutes: {
      // The procès-verbal is compared at its approval (its text is frozen then), not here.
      ...deskRecord(ctx, "minutes", null, { html: paths.minutes(), pdf: paths.minutesPdf() }, () => null),
      state: m.state,
      approvedAt: ctx.sitting.minutesApprovedAt,
      publishedVersion: m.publishedVersion,
      approvalSittings: await approvalSittings(db, ctx),
    },
    scdl: scdlPaths(councilId),
  });
}
