"use client";
// The hemicycle of a named vote on the wall screen, read from the back of the room: each seat with the
// member's surname and their choice in a word and a symbol (never colour alone, never cut), a proxy
// ballot marked; an open nomination shows the candidate chosen.
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { memberShortName } from "@/lib/client/selectors";
import { CHOICE_STYLE } from "../../components/format";

/** Short enough for a seat, whole words: "Abst." rather than "Abstenti…". */
const SHORT = { pour: "pour", contre: "contre", abstention: "abstShort", nppv: "nppvShort" } as const;

export function SeatMap({ view, compact = false }: { view: PublicView; compact?: boolean }) {
  const tc = useTranslations("choice");
  const ta = useTranslations("attendance");
  const t = useTranslations("public");
  const byMember = new Map<string, string>();
  const proxyChoice = new Map<string, string>();
  for (const n of view.vote?.names ?? []) {
    if (n.onBehalfOf) proxyChoice.set(n.onBehalfOf, n.choice);
    else byMember.set(n.memberId, n.choice);
  }
  const candidateOf = new Map((view.vote?.nomination?.candidates ?? []).map((c) => [c.id, c.label]));
  const picks = new Map(
    (view.vote?.picks ?? []).map((p) => [p.onBehalfOf || p.memberId, p.candidateId === null ? t("blank") : (candidateOf.get(p.candidateId) ?? "")]),
  );
  return (
    <section aria-label={t("seatMap")} className={compact ? "" : "mt-6"} data-testid="seat-map">
      <h2 className="mb-2 text-2xl font-bold">{t("seatMap")}</h2>
      <ol className={compact ? "grid grid-cols-6 gap-1" : "grid grid-cols-3 gap-1.5 sm:grid-cols-6"}>
        {view.roster.map((m) => {
          const choice = (byMember.get(m.id) ?? proxyChoice.get(m.id)) as keyof typeof CHOICE_STYLE | undefined;
          const style = choice ? CHOICE_STYLE[choice] : null;
          const pick = picks.get(m.id);
          const label = style
            ? `${style.symbol} ${compact ? tc(SHORT[choice!]) : tc(choice!)}${proxyChoice.has(m.id) ? " ✉" : ""}`
            : pick !== undefined
              ? `☐ ${pick}`
              : ta(`${m.attendance === "unknown" ? "unknown" : m.attendance + "One"}` as "presentOne");
          return (
            <li
              key={m.id}
              title={m.name}
              className={`rounded-md leading-tight ${compact ? "px-1.5 py-1 text-[0.8rem]" : "px-2 py-1 text-sm"} ${style ? `${style.bg} text-white` : pick !== undefined ? "bg-marianne text-white" : m.attendance === "present" ? "bg-slate-700 text-white" : "bg-slate-900 text-slate-300"}`}
              data-member={m.id}
              data-choice={choice ?? ""}
            >
              {/* The surname whole on its own line; the seat number beside the choice. */}
              <span className="block truncate tracking-tight" data-seat-label>
                {compact ? m.lastName : memberShortName(m)}
              </span>
              <span className="block truncate font-bold" data-seat-label>
                <span className="font-mono font-normal">{m.seat}</span> {label}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
