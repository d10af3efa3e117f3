// The official records: each decided item's extract (and its annexes), the list of deliberations, the
// SCDL open-data file (and the rows it refused), the procès-verbal; and the clerk's publication and
// minutes actions. The records desk's own routes are in records-desk.ts.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { isIsoDate } from "../records/dates";
import { parseActesId } from "../records/actes";
import { buildPath, route } from "./contract";

const PublicationDate = z.string().refine(isIsoDate, { message: "must be a date YYYY-MM-DD" }).nullable().optional();

export const PublicationSchema = z
  .strictObject({
    postedOn: PublicationDate,
    publishedOn: PublicationDate,
    prefectureReceivedOn: PublicationDate,
    teletransmissionId: z
      .string()
      .max(64)
      .refine((v) => parseActesId(v) !== null, { message: "is not an ACTES identifier DDD-SIREN-YYYYMMDD-NUMERO-NN" })
      .nullable()
      .optional(),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), { message: "nothing to update" });
export type Publication = z.infer<typeof PublicationSchema>;

export interface PublicationDates {
  id: string;
  postedOn: string | null;
  publishedOn: string | null;
  prefectureReceivedOn: string | null;
  teletransmissionId: string | null;
}

/** Approval at a later sitting that was held; `atItemId` names the item of that sitting that approved it. */
export const ApproveMinutesSchema = z.strictObject({ atSittingId: Id, atItemId: Id.optional() });
export const ReopenMinutesSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export interface MinutesVersionInfo {
  version: number;
  hash: string;
  approvedAt: string;
  atSittingId: string;
}

/** `?version=2`: a published record's earlier version (records are frozen once published; REC-10). */
export const RecordVersionQuery = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,2}$/, "a version number")
    .optional(),
});

const doc = <P extends string>(path: P) => route()({ method: "GET", path, access: "public", answer: "document" });
const versioned = <P extends string>(path: P) => route()({ method: "GET", path, access: "public", answer: "document", input: RecordVersionQuery });

/** A record once published: where it is, since when, which version is the latest. */
export interface PublishedLink {
  href: string;
  pdf: string;
  publishedOn: string;
  version: number;
}

/** What a sitting has published: the acts' extracts, the list of deliberations, the procès-verbal. */
export interface PublishedRecords {
  sittingId: string;
  council: string;
  date: string;
  deliberations: PublishedLink | null;
  minutes: PublishedLink | null;
  extracts: (PublishedLink & { itemId: string; order: number; identifier: string; title: string })[];
}

export const recordsRoutes = {
  /** Every sitting with a published record, latest sitting first (the home page and the public screen). */
  published: route<PublishedRecords[]>()({ method: "GET", path: "/api/public/records", access: "public" }),
  publishedOfSitting: route<PublishedRecords>()({ method: "GET", path: "/api/public/sittings/:sittingId/records", access: "public" }),
  extract: versioned("/records/sittings/:sittingId/items/:itemId/extract"),
  extractPdf: versioned("/records/sittings/:sittingId/items/:itemId/extract.pdf"),
  annex: doc("/records/sittings/:sittingId/items/:itemId/annexes/:annexId"),
  deliberations: versioned("/records/sittings/:sittingId/deliberations"),
  deliberationsPdf: versioned("/records/sittings/:sittingId/deliberations.pdf"),
  scdl: doc("/records/councils/:councilId/scdl.csv"),
  scdlRefused: doc("/records/councils/:councilId/scdl-refused.csv"),
  minutes: versioned("/records/sittings/:sittingId/minutes"),
  minutesPdf: versioned("/records/sittings/:sittingId/minutes.pdf"),
  publication: route<PublicationDates>()({ method: "POST", path: "/api/clerk/items/:itemId/publication", access: "clerk", input: PublicationSchema }),
  approveMinutes: route<MinutesVersionInfo>()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/minutes/approve",
    access: "clerk",
    input: ApproveMinutesSchema,
  }),
  reopenMinutes: route()({ method: "POST", path: "/api/clerk/sittings/:sittingId/minutes/reopen", access: "clerk", input: ReopenMinutesSchema }),
  publishMinutes: route()({ method: "POST", path: "/api/clerk/sittings/:sittingId/minutes/publish", access: "clerk" }),
};

/** The public address of each of a sitting's records (the routes above, filled in). */
export function recordPaths(sittingId: string) {
  return {
    extract: (itemId: string) => buildPath(recordsRoutes.extract.path, { sittingId, itemId }),
    extractPdf: (itemId: string) => buildPath(recordsRoutes.extractPdf.path, { sittingId, itemId }),
    annex: (itemId: string, annexId: string) => buildPath(recordsRoutes.annex.path, { sittingId, itemId, annexId }),
    deliberations: () => buildPath(recordsRoutes.deliberations.path, { sittingId }),
    deliberationsPdf: () => buildPath(recordsRoutes.deliberationsPdf.path, { sittingId }),
    minutes: () => buildPath(recordsRoutes.minutes.path, { sittingId }),
    minutesPdf: () => buildPath(recordsRoutes.minutesPdf.path, { sittingId }),
  };
}

export function scdlPaths(councilId: string) {
  return { csv: buildPath(recordsRoutes.scdl.path, { councilId }), refused: buildPath(recordsRoutes.scdlRefused.path, { councilId }) };
}
