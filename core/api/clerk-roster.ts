// The clerk's roster routes: the members, their CSV export and import with a preview.
import { z } from "zod";
import { route } from "./contract";
import type { TextEncodingName } from "../records/text-encoding";
import type { Bilingual, Civility, MemberRole } from "../vocabulary";

export const ROSTER_COLUMNS = [
  "id",
  "civility",
  "firstName",
  "lastName",
  "role",
  "rank",
  "group",
  "seat",
  "birthDate",
  "mandateStart",
  "mandateEnd",
  "email",
  "paperConvocation",
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** The headers the export writes, in French (#19.6); the import reads these or the English names. */
export const ROSTER_HEADERS_FR: Record<RosterColumn, string> = {
  id: "identifiant",
  civility: "civilité",
  firstName: "prénom",
  lastName: "nom",
  role: "fonction",
  rank: "rang",
  group: "groupe",
  seat: "siège",
  birthDate: "date de naissance",
  mandateStart: "début de mandat",
  mandateEnd: "fin de mandat",
  email: "courriel",
  paperConvocation: "convocation papier",
};

/** The file as text, or as its bytes (base64) for the server to read as UTF-8 or Windows-1252 (#14.12). */
export const RosterImportSchema = z
  .strictObject({
    csv: z.string().min(1, "the file is empty").max(1_000_000).optional(),
    csvBase64: z.string().min(4, "the file is empty").max(1_400_000).optional(),
    dryRun: z.boolean(),
  })
  .refine((v) => (v.csv === undefined) !== (v.csvBase64 === undefined), "send the file as csv (text) or as csvBase64 (bytes), not both");
export const ROSTER_BODY_LIMIT = 2_200_000;

/** A problem found in a file the clerk sent: where it is, whether it blocks, what it is. */
export interface FileProblem extends Bilingual {
  /** 1-based line for a CSV row (0: the file as a whole); absent for a draft deliberation. */
  line?: number;
  /** The field concerned ("input": the file as a whole). */
  field: string;
  /** A blocking problem stops the import; the others are shown to be checked. */
  blocking: boolean;
}

export interface RosterMember {
  civility: Civility;
  firstName: string;
  lastName: string;
  role: MemberRole;
  rank: number;
  group: string | null;
  seat: number | null;
  birthDate: string | null;
  mandateStart: string;
  mandateEnd: string | null;
  /** Where the convocation is e-mailed (#19). */
  email: string | null;
  /** Asked in writing for a paper convocation (L2121-10). */
  paperConvocation: boolean;
}

export interface ClerkMember extends RosterMember {
  id: string;
}

export interface RosterRow {
  line: number;
  action: "create" | "update" | "unchanged";
  /** The member updated, or the id the new member will get. */
  memberId: string;
  member: RosterMember;
  /** For an update: the columns whose value changes. */
  changes: string[];
}

export interface RosterImportOutcome {
  applied: boolean;
  /** How the file's bytes were read (what the preview says). */
  encoding: TextEncodingName;
  rows: RosterRow[];
  problems: FileProblem[];
  counts: { create: number; update: number; unchanged: number; /** members not in the file, kept */ untouched: number };
}

export const rosterRoutes = {
  members: route<ClerkMember[]>()({ method: "GET", path: "/api/clerk/members", access: "clerk" }),
  membersCsv: route()({ method: "GET", path: "/api/clerk/members.csv", access: "clerk", answer: "document" }),
  importMembers: route<RosterImportOutcome>()({
    method: "POST",
    path: "/api/clerk/members/import",
    access: "clerk",
    input: RosterImportSchema,
    bodyLimit: ROSTER_BODY_LIMIT,
  }),
};
