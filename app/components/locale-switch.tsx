"use client";
// Switches the interface between French (default) and English; remembered in a cookie.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";

export function LocaleSwitch({ className = "" }: { className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const next = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      lang={next}
      className={`rounded-md border border-current px-2 py-1 text-sm font-semibold ${className}`}
      onClick={() => {
        document.cookie = `NEXT_LOCALE=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        router.refresh();
      }}
    >
      {t("switchTo")}
    </button>
  );
}
