// Signing in and out: staff with a password, councillors' devices with a one-time code; one's own
// password; and, on a demo server only, the one-click demo links.
import { z } from "zod";
import type { Role } from "../vocabulary";
import { route } from "./contract";
import { PasswordSchema } from "./clerk-council";

export const SignInSchema = z.strictObject({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const PairSchema = z.strictObject({ code: z.string().min(4).max(32) });
export const ChangePasswordSchema = z.strictObject({ current: PasswordSchema, next: PasswordSchema });
export const DemoSignInQuery = z.object({ as: z.string().max(64).default(""), to: z.string().max(200).optional() });

export interface SignedIn {
  role: Role;
  home: string;
  name?: string;
  /** The account's password was reset: the owner chooses a new one before anything else. */
  mustChangePassword?: boolean;
}

export interface Me {
  userId: string;
  role: Role;
  memberId: string | null;
  councilId: string | null;
  displayName: string;
  home: string;
  mustChangePassword: boolean;
  /** Staff accounts have a password they can change; devices do not. */
  hasPassword: boolean;
}

export interface DemoLinks {
  links: { userId: string; role: string; name: string; seat: number | null; href: string }[];
  publicLinks: { sittingId: string; date: string; href: string }[];
}

export const authRoutes = {
  signIn: route<SignedIn>()({ method: "POST", path: "/api/auth/signin", access: "public", input: SignInSchema }),
  pair: route<SignedIn>()({ method: "POST", path: "/api/auth/pair", access: "public", input: PairSchema }),
  signOut: route()({ method: "POST", path: "/api/auth/signout", access: "public" }),
  me: route<Me | null>()({ method: "GET", path: "/api/auth/me", access: "public" }),
  changePassword: route()({ method: "POST", path: "/api/auth/password", access: "staff", input: ChangePasswordSchema }),
  demoLinks: route<DemoLinks>()({ method: "GET", path: "/api/demo/links", access: "demo" }),
  demoSignIn: route()({ method: "GET", path: "/demo/signin", access: "demo", input: DemoSignInQuery, answer: "document" }),
};
