// The routes of the weeks before the sitting (#19): the clerk prepares and sends the convocation,
// publishes the ordre du jour, records declarations received on paper; a member reads the
// convocation, acknowledges it and declares in advance — from the device, or from the e-mail's link.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import type { AttendanceForecast } from "../convocation/forecast";
import type { DelayCheck } from "../convocation/delay";
import type { AdvanceIntent, AdvanceSource } from "../convocation/sitting-part";
import { ADVANCE_INTENTS } from "../convocation/sitting-part";
import { isIsoDate } from "../records/dates";
import type { Bilingual } from "../vocabulary";
import { route } from "./contract";
import { memberConvocationRoutes } from "./convocation-member";

export const UpdateConvocationSchema = z
  .strictObject({
    letter: z.string().max(20_000),
    urgencyReason: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export const PublishAgendaSchema = z.strictObject({ on: z.string().refine(isIsoDate, "a real date YYYY-MM-DD").optional() });

export const DeclareSchema = z.strictObject({
  intent: z.enum(ADVANCE_INTENTS),
  to: Id.nullable().optional(),
  illnessCertified: z.boolean().optional(),
});
export type Declare = z.infer<typeof DeclareSchema>;

/** A scan is at most 5 MB: PDF, PNG or JPEG. */
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;
export const PaperDeclarationSchema = DeclareSchema.extend({
  memberId: Id,
  scan: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      dataBase64: z.string().max(Math.ceil(MAX_SCAN_BYTES / 3) * 4 + 4),
    })
    .nullable(),
});
export type PaperDeclaration = z.infer<typeof PaperDeclarationSchema>;

export interface RecipientRow {
  memberId: string;
  name: string;
  email: string | null;
  paper: boolean;
  /** A device of this member is paired (the convocation waits on it). */
  device: boolean;
  emailStatus: "off" | "no-address" | "pending" | "sent" | "failed" | null;
  emailError: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedVia: string | null;
  declaration: {
    intent: AdvanceIntent;
    to: string | null;
    toName: string | null;
    source: AdvanceSource;
    at: string;
    /** A paper declaration's scan is stored. */ scanned: boolean;
  } | null;
}

export interface ClerkConvocation {
  sittingId: string;
  letter: string;
  urgencyReason: string | null;
  /** The delay if sent today (and the day the clerk planned). */
  delayToday: DelayCheck;
  delayPlanned: DelayCheck;
  today: string;
  /** Items without a note of synthesis where the law asks for one (3,500 inhabitants and more). */
  missingSynthesis: { itemId: string; order: number; title: string }[];
  withSynthesis: boolean;
  dispatches: {
    on: string;
    at: string;
    urgencyReason: string | null;
    items: number;
    recipients: number;
    clearDays: number;
    required: number;
    inTime: boolean;
  }[];
  agendaPublishedOn: string | null;
  addedAfterConvocation: string[];
  mail: { enabled: boolean; from: string | null };
  /** The council's time zone, for the times shown. */
  timeZone: string;
  recipients: RecipientRow[];
  forecast: AttendanceForecast;
  editable: boolean;
}

export interface MemberItem {
  id: string;
  order: number;
  identifier: string;
  title: string;
  kind: string;
  rapporteurs: string[];
  commission: string | null;
  expose: string;
  proposals: string[];
  synthesis: string;
  attachments: string[];
  annexes: { id: string; name: string; size: number; url: string }[];
  addedAfterConvocation: boolean;
}

/** What a member reads before the sitting: the convocation, the agenda and each item's texts. */
export interface MemberConvocation {
  sittingId: string;
  councilName: string;
  commune: string;
  date: string;
  time: string;
  place: string;
  status: string;
  secondConvocation: boolean;
  member: { id: string; name: string };
  sent: { on: string; urgencyReason: string | null } | null;
  letter: string;
  acknowledgedAt: string | null;
  /** The council's time zone, for the times shown. */
  timeZone: string;
  items: MemberItem[];
  declaration: { intent: AdvanceIntent; to: string | null; source: AdvanceSource; at: string } | null;
  /** Colleagues a proxy may go to (in office, not this member). */
  colleagues: { id: string; name: string }[];
  /** Whether declarations are still open (before the opening). */
  open: boolean;
  pdf: { convocation: string; agenda: string };
}

export interface SendOutcome {
  dispatch: number;
  on: string;
  recipients: number;
  emails: number;
  clearDays: number;
  required: number;
  inTime: boolean;
}

export const convocationRoutes = {
  clerkView: route<ClerkConvocation>()({ method: "GET", path: "/api/clerk/sittings/:sittingId/convocation", access: "clerk" }),
  update: route()({ method: "PATCH", path: "/api/clerk/sittings/:sittingId/convocation", access: "clerk", input: UpdateConvocationSchema }),
  send: route<SendOutcome>()({ method: "POST", path: "/api/clerk/sittings/:sittingId/convocation/send", access: "clerk" }),
  retryMail: route<{ emails: number }>()({ method: "POST", path: "/api/clerk/sittings/:sittingId/convocation/retry-mail", access: "clerk" }),
  publishAgenda: route()({ method: "POST", path: "/api/clerk/sittings/:sittingId/agenda/publish", access: "clerk", input: PublishAgendaSchema }),
  paperDeclaration: route()({
    method: "POST",
    path: "/api/clerk/sittings/:sittingId/declarations",
    access: "clerk",
    input: PaperDeclarationSchema,
    bodyLimit: Math.ceil(MAX_SCAN_BYTES / 3) * 4 + 16 * 1024,
  }),
  declarationDocument: route()({
    method: "GET",
    path: "/api/clerk/sittings/:sittingId/declarations/:memberId/document",
    access: "clerk",
    answer: "document",
  }),
  /** The printable documents, for the council's own users (and the ordre du jour for everyone once published). */
  convocationPdf: route()({ method: "GET", path: "/api/sittings/:sittingId/convocation.pdf", access: "public", answer: "document" }),
  agendaPdf: route()({ method: "GET", path: "/api/sittings/:sittingId/agenda.pdf", access: "public", answer: "document" }),
  // The member's side (core/api/convocation-member.ts, zod-free for the phone), with the declaration's schema the server checks.
  ...memberConvocationRoutes,
  memberDeclare: { ...memberConvocationRoutes.memberDeclare, input: DeclareSchema },
  linkDeclare: { ...memberConvocationRoutes.linkDeclare, input: DeclareSchema },
};

/** The words of a member's declaration, for the screens. */
export const INTENT_LABELS: Record<AdvanceIntent, Bilingual> = {
  attend: { fr: "sera présent", en: "will attend" },
  apologies: { fr: "excusé", en: "apologies" },
  proxy: { fr: "donne pouvoir", en: "gives a proxy" },
};
