// The clerk's sitting routes: convene a sitting, edit its details and agenda, import draft
// deliberations into it. Input schemas and answer types shared by the server and the clerk's screen.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { ACTES_NATURES, isActesMatterCode, normaliseActesNumber } from "../records/actes";
import { isIsoDate } from "../records/dates";
import type { ParsedDeliberation } from "../records/deliberation-parser";
import { ItemKindSchema } from "../vocabulary";
import { route } from "./contract";
import type { TextEncodingName } from "../records/text-encoding";
import type { FileProblem } from "./clerk-roster";

const isoDate = z.string().refine(isIsoDate, "must be a real date YYYY-MM-DD");
const line = (max: number) => z.string().trim().max(max);
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === "" ? null : v));
const list = (maxItems: number, maxLength: number) => z.array(z.string().trim().min(1).max(maxLength)).max(maxItems);

/**
 * A code of the ACTES matter nomenclature: levels 1–2 are checked against the national list, deeper
 * levels (a préfecture's own "9.1.2") only for their form.
 */
export function isKnownActesCode(code: string): boolean {
  if (!/^\d(?:\.\d{1,2}){0,4}$/.test(code)) return false;
  return isActesMatterCode(code.split(".").slice(0, 2).join("."));
}

/** An identifier must become the NUMERO of an ACTES identifier later, so it is checked now. */
export function identifierProblem(identifier: string): string | null {
  try {
    normaliseActesNumber(identifier);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : "invalid act number";
  }
}

export const ItemFieldsSchema = z.strictObject({
  identifier: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .superRefine((v, ctx) => {
      const problem = identifierProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  title: line(1000).min(1),
  kind: ItemKindSchema,
  rapporteurs: list(20, 200),
  commission: optionalLine(300),
  service: optionalLine(300),
  expose: z.string().max(200_000),
  /** The note explicative de synthèse sent with the convocation (L2121-12; #19). */
  synthesis: z.string().max(200_000),
  proposals: list(50, 10_000),
  attachments: list(50, 500),
  observations: optionalLine(5000),
  actesCode: optionalLine(14).refine((v) => v === null || isKnownActesCode(v), "must be an ACTES matter code such as 9.1"),
  actesLabel: optionalLine(300),
  actesNature: z.enum(Object.keys(ACTES_NATURES) as [keyof typeof ACTES_NATURES, ...(keyof typeof ACTES_NATURES)[]]),
  budgetArticle: optionalLine(20),
  budgetName: optionalLine(200),
  budgetYear: optionalLine(9).refine((v) => v === null || /^\d{4}(\/\d{4})?$/.test(v), "must be a year YYYY or YYYY/YYYY"),
  amounts: z.array(z.number().finite().nonnegative().max(1e12)).max(50),
});
export type ItemFields = z.infer<typeof ItemFieldsSchema>;

/** A new item needs an identifier and a title; the rest has the defaults of an empty draft. */
export const CreateItemSchema = ItemFieldsSchema.partial().required({ identifier: true, title: true });
export const UpdateItemSchema = ItemFieldsSchema.partial().refine((v) => Object.keys(v).length > 0, "nothing to change");
export const ReorderSchema = z.strictObject({ itemIds: z.array(z.string().min(1).max(64)).min(1).max(500) });

export const UpdateSittingSchema = z
  .strictObject({
    date: isoDate,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM"),
    place: line(200).min(1),
    convocationDate: isoDate,
    presidentMemberId: Id.nullable(),
    secretaryIds: z.array(Id).max(5),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateSitting = z.infer<typeof UpdateSittingSchema>;

export const CreateSittingSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  place: z.string().min(1).max(200),
  convocationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  presidentMemberId: Id.optional(),
  secretaryIds: z.array(Id).max(5).optional(),
  copyAgendaFrom: Id.optional(),
  /** Re-convene after a failed quorum: only the deferred items, and no quorum needed (L2121-17). */
  secondConvocationOf: Id.optional(),
  deferredItemIds: z.array(Id).max(200).optional(),
});
export type CreateSitting = z.infer<typeof CreateSittingSchema>;

export const MAX_FILES = 20;
export const MAX_FILE_BYTES = 500_000;
const utf8Length = (t: string) => new TextEncoder().encode(t).length;

export const ImportDraftsSchema = z.strictObject({
  files: z
    .array(
      z
        .strictObject({
          name: z.string().min(1).max(255),
          /** The file as text (already decoded)… */
          text: z
            .string()
            .refine((t) => utf8Length(t) <= MAX_FILE_BYTES, `a file may hold at most ${MAX_FILE_BYTES / 1000} kB`)
            .optional(),
          /** …or its bytes, read by the server as UTF-8 or Windows-1252 (records #14.12). */
          base64: z
            .string()
            .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, `a file may hold at most ${MAX_FILE_BYTES / 1000} kB`)
            .optional(),
          /** The budget year the clerk gives when the draft names a budget (it is never guessed). */
          budgetYear: z
            .string()
            .regex(/^\d{4}(\/\d{4})?$/, "must be a year YYYY or YYYY/YYYY")
            .optional(),
        })
        .refine((f) => (f.text === undefined) !== (f.base64 === undefined), "send the file as text or as base64, not both"),
    )
    .min(1, "send at least one file")
    .max(MAX_FILES, `at most ${MAX_FILES} files at once`),
  dryRun: z.boolean(),
});
export type ImportDrafts = z.infer<typeof ImportDraftsSchema>;
/** The JSON body holds every file, escaped: room for the worst case of doubled characters. */
export const IMPORT_BODY_LIMIT = MAX_FILES * MAX_FILE_BYTES * 2 + 64 * 1024;

/** The item as the clerk's screen edits it: JSON columns parsed. */
export interface ClerkItem extends ItemFields {
  id: string;
  order: number;
  /** True once the log shows the item was called: it is then part of the record and frozen. */
  called: boolean;
}

export interface ClerkSitting {
  id: string;
  date: string;
  time: string;
  place: string;
  convocationDate: string;
  presidentMemberId: string | null;
  secretaryIds: string[];
  status: string;
  secondConvocation: boolean;
  /** Whether the agenda and details may still change (convened, not yet opened). */
  editable: boolean;
  items: ClerkItem[];
}

export interface SittingSummary {
  id: string;
  date: string;
  time: string;
  place: string;
  status: string;
  items: { id: string; order: number; identifier: string; title: string }[];
}

export interface DraftPreview {
  name: string;
  /** How the file's bytes were read ("utf-8" for a file sent as text). */
  encoding: TextEncodingName;
  /** The budget year the clerk gave for this file, when its draft names a budget. */
  budgetYear: string | null;
  /** True when no problem blocks this file. */
  importable: boolean;
  /** The number the item gets on this agenda (null when the file cannot be imported). */
  order: number | null;
  deliberation: Omit<ParsedDeliberation, "issues" | "problems">;
  problems: FileProblem[];
}

export interface ImportOutcome {
  /** True only when every file is importable (and, without dryRun, the items were created). */
  importable: boolean;
  created: { itemId: string; order: number; identifier: string }[];
  files: DraftPreview[];
}

export const agendaRoutes = {
  overview: route<{ sittings: SittingSummary[] }>()({ method: "GET", path: "/api/clerk/overview", access: "clerk" }),
  createSitting: route<{ sittingId: string; itemIds: string[] }>()({
    method: "POST",
    path: "/api/clerk/sittings",
    access: "clerk",
    input: CreateSittingSchema,
  }),
  sitting: route<ClerkSitting>()({ method: "GET", path: "/api/clerk/sittings/:sittingId", access: "clerk" }),
  updateSitting: route()({ method: "PATCH", path: "/api/clerk/sittings/:sittingId", access: "clerk", input: UpdateSittingSchema }),
  createItem: route<{ itemId: string; order: number }>()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/items",
    access: "clerk",
    input: CreateItemSchema,
  }),
  reorderItems: route<{ orders: Record<string, number> }>()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/items/reorder",
    access: "clerk",
    input: ReorderSchema,
  }),
  importDrafts: route<ImportOutcome>()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/import",
    access: "clerk",
    input: ImportDraftsSchema,
    bodyLimit: IMPORT_BODY_LIMIT,
  }),
  updateItem: route()({ method: "PATCH", path: "/api/clerk/items/:itemId", access: "clerk", input: UpdateItemSchema }),
  deleteItem: route()({ method: "DELETE", path: "/api/clerk/items/:itemId", access: "clerk" }),
};
