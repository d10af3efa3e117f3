// The clerk's records desk (#14.11): per sitting, every record with its state and links, the
// publication that freezes it, the annexes deposited with each act.
import { z } from "zod";
import type { Attestation, PublicationRegime } from "../records/attestation";
import type { PublishedVersion } from "../records/publication";
import { isIsoDate } from "../records/dates";
import { MAX_ANNEX_BYTES } from "../records/annexes";
import type { Bilingual } from "../vocabulary";
import { route } from "./contract";

export const PublishSchema = z.strictObject({
  /** The day the record is put online (YYYY-MM-DD, not after today on the council's clock). */
  publishedOn: z.string().refine(isIsoDate, { message: "must be a date YYYY-MM-DD" }),
  /** Required to publish again a record already published (a rectification). */
  reason: z.string().trim().min(3).max(500).nullable().optional(),
});
export type PublishRequest = z.infer<typeof PublishSchema>;

/** A file as the browser read it: its name and its bytes in base64. */
export const AnnexUploadSchema = z.strictObject({
  name: z.string().trim().min(1).max(255),
  dataBase64: z
    .string()
    .min(4)
    .max(Math.ceil(MAX_ANNEX_BYTES / 3) * 4, `a file may hold at most ${MAX_ANNEX_BYTES / 1024 / 1024} MB`),
});
export type AnnexUpload = z.infer<typeof AnnexUploadSchema>;
/** The body of an upload: the largest file in base64 and its name. */
export const ANNEX_BODY_LIMIT = Math.ceil(MAX_ANNEX_BYTES / 3) * 4 + 4096;

export interface AnnexInfo {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  href: string;
}

export interface DeskLinks {
  html: string;
  pdf: string;
}

export interface DeskRecord {
  versions: PublishedVersion[];
  /** True when what would be published now differs from the published version (a name, a date, an annex changed). */
  differs: boolean;
  links: DeskLinks;
}

export interface DeskItem {
  id: string;
  order: number;
  identifier: string;
  title: string;
  status: "pending" | "called" | "voting" | "decided" | "deferred" | "withdrawn";
  outcome: "adopted" | "rejected" | null;
  postedOn: string | null;
  publishedOn: string | null;
  prefectureReceivedOn: string | null;
  teletransmissionId: string | null;
  /** The id the act gets (computed until the préfecture acknowledges it: provisional). */
  actesId: { id: string; provisional: boolean } | null;
  attestation: Attestation | null;
  extract: DeskRecord | null;
  annexes: AnnexInfo[];
  /** Adopted items: what the SCDL schema refuses in this item's row (empty: the row is exported). */
  scdlProblems: string[] | null;
}

export interface RecordsDesk {
  sitting: { id: string; date: string; time: string; place: string; status: string; councilId: string; timeZone: string };
  council: { siren: string; departement: string };
  regime: { regime: PublicationRegime; basis: Bilingual };
  items: DeskItem[];
  deliberations: DeskRecord & { dueBy: string };
  minutes: DeskRecord & {
    state: "draft" | "approved";
    approvedAt: string | null;
    publishedVersion: number | null;
    /** Later sittings of the council that were held: where the minutes may be approved. */
    approvalSittings: { id: string; date: string; items: { id: string; order: number; title: string; adopted: boolean }[] }[];
  };
  scdl: { csv: string; refused: string };
}

export const recordsDeskRoutes = {
  desk: route<RecordsDesk>()({ method: "GET", path: "/api/clerk/sittings/:sittingId/records", access: "clerk" }),
  publishExtract: route<{ version: number }>()({ method: "POST", path: "/api/clerk/items/:itemId/publish", access: "clerk", input: PublishSchema }),
  publishDeliberations: route<{ version: number }>()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/deliberations/publish",
    access: "clerk",
    input: PublishSchema,
  }),
  uploadAnnex: route<AnnexInfo>()({
    method: "POST",
    path: "/api/clerk/items/:itemId/annexes",
    access: "clerk",
    input: AnnexUploadSchema,
    bodyLimit: ANNEX_BODY_LIMIT,
  }),
  deleteAnnex: route()({ method: "DELETE", path: "/api/clerk/annexes/:annexId", access: "clerk" }),
};
