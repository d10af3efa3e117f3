// The public wall's page, rendered on the server (server/http/wall-page.ts): the document around
// the screen as the browser first sees it (the sitting as it is now, read before any script runs),
// the data the browser's island starts from, and the island's own script and style.
// No Next.js runtime and no inline script: the page's policy can be `script-src 'self'`.
import { renderToString } from "react-dom/server";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { escapeHtml } from "@/core/html";
import { DEFAULT_TIME_ZONE } from "@/core/time";
import type { PublicView } from "@/core/sitting/projection";
import type { Locale } from "@/i18n/request";
import { WallRoot, type WallData } from "./wall-root";

/** The message namespaces the wall's components read (tests/http/wall-messages.test.ts checks the code against it). */
export const WALL_NAMESPACES = [
  "attendance",
  "choice",
  "common",
  "convocation",
  "debate",
  "huisClos",
  "itemStatus",
  "mode",
  "nomination",
  "outcome",
  "public",
  "status",
  "vote",
] as const;

/** Each language's messages for the wall, sliced once. */
const WALL_MESSAGES: Record<Locale, Record<string, unknown>> = {
  fr: Object.fromEntries(WALL_NAMESPACES.map((ns) => [ns, (fr as Record<string, unknown>)[ns]])),
  en: Object.fromEntries(WALL_NAMESPACES.map((ns) => [ns, (en as Record<string, unknown>)[ns]])),
};

export interface WallAssets {
  /** The island's script and the wall's style sheet, as URLs of this server. */
  script: string;
  style: string;
}

/** The page, with the sitting's public view as it is now (null: the screen's "loading" state). */
export function renderWallPage(sittingId: string, locale: Locale, assets: WallAssets, view: PublicView | null = null): string {
  const data: WallData = { sittingId, view, locale, timeZone: DEFAULT_TIME_ZONE, messages: WALL_MESSAGES[locale] };
  const body = renderToString(<WallRoot {...data} />);
  const title = locale === "fr" ? "Séance — écran public" : "Séance — public screen";
  const description =
    locale === "fr" ? "Le conseil municipal en direct : appel, votes et résultats." : "The council sitting, live: roll call, votes and results.";
  // In a JSON script element, "<" is escaped so that no text can close the element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="theme-color" content="#000091">',
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    '<link rel="icon" href="/icon.svg" type="image/svg+xml">',
    `<link rel="stylesheet" href="${escapeHtml(assets.style)}">`,
    `<script type="module" src="${escapeHtml(assets.script)}"></script>`,
    "</head>",
    '<body class="min-h-screen font-sans antialiased">',
    `<div id="wall">${body}</div>`,
    `<script type="application/json" id="wall-data">${json}</script>`,
    "</body>",
    "</html>",
  ].join("");
}
