"use client";
// The top of every live screen: the council, the sitting's date and time (and "second convocation"),
// then whatever the screen adds (its status, its controls) and the language switch.
import type { ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { formatDate } from "../format";
import { LocaleSwitch } from "../locale-switch";

export function SittingHeader({ view, title, variant, children }: { view: PublicView; title?: string; variant: "console" | "wall"; children?: ReactNode }) {
  const t = useTranslations();
  const locale = useLocale();
  const when = `${t("common.sittingOf", { date: formatDate(view.header.date, locale), time: view.header.time })}${view.secondConvocation ? ` — ${t("common.secondConvocation")}` : ""}`;
  if (variant === "wall")
    return (
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-white/20 px-8 py-4">
        <div>
          <h1 className="text-3xl font-black xl:text-4xl">{view.header.councilName}</h1>
          <p className="text-xl text-slate-200 xl:text-2xl">{when}</p>
        </div>
        <div className="flex items-center gap-4">
          {children}
          <LocaleSwitch className="text-white" />
        </div>
      </header>
    );
  return (
    <header className="flex flex-wrap items-center gap-3 bg-marianne px-4 py-2 text-white">
      <div className="mr-auto">
        <h1 className="text-lg font-bold">
          {title ? `${title} — ` : ""}
          {view.header.councilName}
        </h1>
        <p className="text-sm">{when}</p>
      </div>
      {children}
      <LocaleSwitch className="text-white" />
    </header>
  );
}
