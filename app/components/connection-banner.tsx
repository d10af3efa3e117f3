"use client";
// Tells the user, in words and not only colour, that the live connection dropped.
import { useTranslations } from "next-intl";

export function ConnectionBanner({ connected }: { connected: boolean }) {
  const t = useTranslations("common");
  if (connected) return null;
  return (
    <div role="alert" className="sticky top-0 z-50 bg-amber-300 px-4 py-2 text-center font-semibold text-black">
      ⚠ {t("offline")}
    </div>
  );
}
