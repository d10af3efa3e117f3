"use client";
// The roll call grid of the mayor's console: tap a mark (present, absent, excused, left) then the
// members; "all present" fills in only those not tapped yet.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import type { CommandBody } from "@/core/sitting/protocol";
import { memberShortName } from "@/lib/client/selectors";
import type { Send } from "./send";

type Mark = "present" | "absent" | "excused" | "depart";

export function RollCall({ view, send }: { view: PublicView; send: Send }) {
  const t = useTranslations();
  const [mark, setMark] = useState<Mark>("present");
  // Members the chair has tapped: "all present" fills in only the others, even before the
  // screen has caught up with those taps.
  const tapped = useRef(new Set<string>());
  const tap = (memberId: string, command: CommandBody) => {
    tapped.current.add(memberId);
    void send(command);
  };
  const marks: Mark[] = ["present", "absent", "excused", "depart"];
  // A closed sitting's attendance is the register's: shown, no longer marked.
  const closed = view.status === "closed";
  const label = (m: Mark) => (m === "depart" ? t("president.depart") : t(`attendance.${m}One`));
  return (
    <section aria-labelledby="rollcall">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="rollcall" className="mr-auto text-lg font-bold">
          {t("president.rollCall")}
        </h2>
        <div role="radiogroup" aria-label={t("president.tapToMark")} className="flex flex-wrap gap-1">
          {marks.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mark === m}
              disabled={closed}
              onClick={() => setMark(m)}
              className={`rounded-md border px-2 py-1 text-sm font-semibold ${mark === m ? "border-marianne bg-marianne text-white" : "border-slate-400 bg-white"}`}
            >
              {label(m)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-secondary py-1 text-sm"
          disabled={closed}
          onClick={() => {
            // Sent together: the room commits them in one batch (one by one took seconds on a busy server).
            const ids = view.roster.filter((m) => m.attendance === "unknown" && !tapped.current.has(m.id)).map((m) => m.id);
            void Promise.all(ids.map((memberId) => send({ type: "rollcall:mark", memberId, status: "present" })));
          }}
        >
          {t("president.markAll")}
        </button>
      </div>
      <ol className="grid grid-cols-3 gap-1 lg:grid-cols-4">
        {view.roster.map((m) => {
          const st = m.attendance;
          const cls =
            st === "present"
              ? "bg-green-100 border-pour"
              : st === "absent"
                ? "bg-red-50 border-contre"
                : st === "excused"
                  ? "bg-amber-50 border-abst"
                  : st === "left"
                    ? "bg-slate-200 border-slate-500"
                    : "bg-white border-slate-300";
          return (
            <li key={m.id}>
              <button
                type="button"
                data-member={m.id}
                disabled={closed}
                className={`w-full overflow-hidden rounded-md border-2 px-1.5 py-1 text-left text-xs leading-tight break-words ${cls}`}
                onClick={() =>
                  tap(m.id, mark === "depart" ? { type: "rollcall:depart", memberId: m.id } : { type: "rollcall:mark", memberId: m.id, status: mark })
                }
              >
                <span className="font-mono">{m.seat}</span> <span className="font-semibold">{memberShortName(m)}</span>
                <span className="block">{st === "unknown" ? t("attendance.unknown") : t(`attendance.${st}One`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
