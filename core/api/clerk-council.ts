// The clerk's council routes: the council and its settings, device pairing codes and the paired
// devices, and the staff accounts (create, disable, enable, reset a password).
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { getRuleSet, listRuleSets } from "../rules";
import type { LocalizedText } from "../rules/types";
import { COUNCIL_SETTING_FIELDS, StaffRoleSchema, type CouncilSettings, type StaffRole } from "../vocabulary";
import { route } from "./contract";

export const UpdateSettingsSchema = z
  .strictObject({
    ruleSet: z.string().refine((id) => getRuleSet(id) !== undefined, {
      message: `must be one of ${listRuleSets()
        .map((rs) => rs.id)
        .join(", ")}`,
    }),
    ...COUNCIL_SETTING_FIELDS,
    /** records (#14.1): inhabitants, which decide the publication regime (null: not known). */
    population: z.number().int().min(0).max(10_000_000).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;

export interface CouncilSetup {
  council: { id: string; name: string; commune: string; siren: string; departement: string; population: number | null };
  ruleSet: string;
  settings: CouncilSettings;
  ruleSets: { id: string; label: LocalizedText; description: LocalizedText }[];
}

export const IssuePairingSchema = z.strictObject({ memberId: Id });
export interface IssuedPairing {
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
  member: string;
  memberId: string;
}

export interface PairedDevice {
  sessionId: string;
  memberId: string | null;
  member: string;
  label: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A login: letters, digits, dot, dash and underscore, as typed on a tablet. */
export const LoginSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, dot, dash and underscore only");
export const PasswordSchema = z.string().min(1).max(200);

export const CreateAccountSchema = z.strictObject({
  login: LoginSchema,
  displayName: z.string().trim().min(1).max(120),
  role: StaffRoleSchema,
  memberId: Id.nullable().optional(),
  password: PasswordSchema,
});
export type CreateAccount = z.infer<typeof CreateAccountSchema>;
export const ResetPasswordSchema = z.strictObject({ password: PasswordSchema });

export interface StaffAccount {
  id: string;
  login: string;
  displayName: string;
  role: StaffRole;
  memberId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  liveSessions: number;
}

export const councilRoutes = {
  council: route<CouncilSetup>()({ method: "GET", path: "/api/clerk/council", access: "clerk" }),
  updateSettings: route<CouncilSetup>()({ method: "PATCH", path: "/api/clerk/council/settings", access: "clerk", input: UpdateSettingsSchema }),
  issuePairing: route<IssuedPairing>()({ method: "POST", path: "/api/clerk/pairings", access: "clerk", input: IssuePairingSchema }),
  devices: route<PairedDevice[]>()({ method: "GET", path: "/api/clerk/devices", access: "clerk" }),
  revokeDevice: route()({ method: "POST", path: "/api/clerk/devices/:sessionId/revoke", access: "clerk" }),
  accounts: route<StaffAccount[]>()({ method: "GET", path: "/api/clerk/accounts", access: "clerk" }),
  createAccount: route<StaffAccount>()({ method: "POST", path: "/api/clerk/accounts", access: "clerk", input: CreateAccountSchema }),
  disableAccount: route<StaffAccount>()({ method: "POST", path: "/api/clerk/accounts/:userId/disable", access: "clerk" }),
  enableAccount: route<StaffAccount>()({ method: "POST", path: "/api/clerk/accounts/:userId/enable", access: "clerk" }),
  resetPassword: route<StaffAccount>()({ method: "POST", path: "/api/clerk/accounts/:userId/reset-password", access: "clerk", input: ResetPasswordSchema }),
};
