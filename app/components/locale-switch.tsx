"use client";
// Switches the interface between French (default) and English; remembered in a cookie. The screen
// then shows itself again in the new language: Next.js pages refresh their server part (the root
// layout provides that through LocaleRefresh); the public wall, served without Next.js, reloads.
import { createContext, useContext } from "react";
import { useLocale, useTranslations } from "next-intl";

export const LocaleRefresh = createContext<() => void>(() => window.location.reload());

export function LocaleSwitch({ className = "" }: { className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const refresh = useContext(LocaleRefresh);
  const next = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      lang={next}
      className={`rounded-md border border-current px-2 py-1 text-sm font-semibold ${className}`}
      onClick={() => {
        document.cookie = `NEXT_LOCALE=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        refresh();
      }}
    >
      {t("switchTo")}
    </button>
  );
}
