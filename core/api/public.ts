// The public, open-data routes: the sittings, one sitting's live view (JSON and server-sent events),
// its agenda's texts, the health check, and who may open a sitting's minutes.
import type { PublicView } from "../sitting/projection";
import { route } from "./contract";

export interface PublicSittingSummary {
  id: string;
  council: string;
  date: string;
  time: string;
  place: string;
  status: string;
  secondConvocation: boolean;
  url: string;
}

/** An agenda item's texts as the public and the members read them. */
export interface AgendaText {
  id: string;
  order: number;
  identifier: string;
  title: string;
  kind: string;
  rapporteurs: string[];
  commission: string | null;
  service: string | null;
  expose: string;
  proposals: string[];
  attachments: string[];
  actesCode: string | null;
  actesLabel: string | null;
  /** Discussed in the closed session under way: its texts are withheld until it ends (HUISCLOS-2). */
  inCamera?: true;
}

export type MinutesAccess = "write" | "read" | "none";

export const publicRoutes = {
  health: route<{ durability: { journalMode: string; synchronous: number } }>()({ method: "GET", path: "/api/health", access: "public" }),
  sittings: route<PublicSittingSummary[]>()({ method: "GET", path: "/api/public/sittings", access: "public" }),
  sitting: route<PublicView>()({ method: "GET", path: "/api/public/sittings/:sittingId", access: "public" }),
  events: route()({ method: "GET", path: "/api/public/sittings/:sittingId/events", access: "public", answer: "document" }),
  agenda: route<AgendaText[]>()({ method: "GET", path: "/api/public/sittings/:sittingId/agenda", access: "public" }),
  minutesAccess: route<{ access: MinutesAccess; name: string; signedIn: boolean }>()({
    method: "GET",
    path: "/api/sittings/:sittingId/minutes-access",
    access: "public",
  }),
};
