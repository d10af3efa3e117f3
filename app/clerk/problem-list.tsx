"use client";
// Problems found in a file the clerk sent, each saying in words whether it blocks (never by colour
// alone), with its line when it has one.
import { useTranslations } from "next-intl";
import type { Bilingual, FileProblem } from "./clerk-api";

export function ProblemList({ problems, pick, showLine = false }: { problems: FileProblem[]; pick: (text: Bilingual) => string; showLine?: boolean }) {
  const t = useTranslations("clerk.problems");
  if (problems.length === 0) return <span className="text-slate-700">{t("none")}</span>;
  return (
    <ul className="space-y-1">
      {problems.map((p, i) => (
        <li key={i} className={`border-l-4 pl-2 ${p.blocking ? "border-contre" : "border-abst"}`}>
          <span className="font-semibold">{p.blocking ? t("blocking") : t("warning")}</span>
          {showLine && p.line ? <span className="font-mono"> {t("line", { line: p.line })}</span> : null} — {pick(p)}
        </li>
      ))}
    </ul>
  );
}
