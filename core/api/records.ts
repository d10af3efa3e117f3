// The official records: each decided item's extract, the list of deliberations, the SCDL open-data
// file (and the rows it refused), the procès-verbal; and the clerk's publication and minutes actions.
import { z } from "zod";
import { isIsoDate } from "../records/dates";
import { parseActesId } from "../records/actes";
import { route } from "./contract";

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "identifier: letters, digits, - and _ only");

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

export const ApproveMinutesSchema = z.strictObject({ atSittingId: Id });
export const ReopenMinutesSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export interface MinutesVersionInfo {
  version: number;
  hash: string;
  approvedAt: string;
  atSittingId: string;
}

const doc = (path: string) => route()({ method: "GET", path, access: "public", answer: "document" });

export const recordsRoutes = {
  extract: doc("/records/sittings/:sittingId/items/:itemId/extract"),
  extractPdf: doc("/records/sittings/:sittingId/items/:itemId/extract.pdf"),
  deliberations: doc("/records/sittings/:sittingId/deliberations"),
  deliberationsPdf: doc("/records/sittings/:sittingId/deliberations.pdf"),
  scdl: doc("/records/councils/:councilId/scdl.csv"),
  scdlRefused: doc("/records/councils/:councilId/scdl-refused.csv"),
  minutes: doc("/records/sittings/:sittingId/minutes"),
  minutesPdf: doc("/records/sittings/:sittingId/minutes.pdf"),
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
