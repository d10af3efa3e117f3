// Chooses the interface language: French by default, English when the reader picked it.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export default getRequestConfig(async () => {
  const store = await cookies();
  const locale: Locale = store.get("NEXT_LOCALE")?.value === "en" ? "en" : "fr";
  const messages = ((await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> }).default;
  return { locale, messages, timeZone: "Europe/Paris" };
});
