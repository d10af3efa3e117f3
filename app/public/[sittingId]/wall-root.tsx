"use client";
// The wall's whole tree, its messages around the screen: the same on the server (wall-render.tsx)
// and in the browser (wall-island.tsx), so the browser takes the server's HTML over as it is.
import { IntlProvider } from "use-intl";
import type { PublicView } from "@/core/sitting/projection";
import type { Locale } from "@/i18n/request";
import { PublicWall } from "./public-wall";

export interface WallData {
  sittingId: string;
  /** The sitting's public view when the page was rendered (null: unknown here, the socket will say). */
  view: PublicView | null;
  locale: Locale;
  timeZone: string;
  /** Only the namespaces the wall's components read (WALL_NAMESPACES). */
  messages: Record<string, unknown>;
}

export function WallRoot({ sittingId, view, locale, timeZone, messages }: WallData) {
  return (
    <IntlProvider locale={locale} timeZone={timeZone} messages={messages}>
      <PublicWall sittingId={sittingId} initialView={view} />
    </IntlProvider>
  );
}
