"use client";
// The proxies panel of the mayor's console: give a proxy (an absent member to a present one, checked
// by the rules engine on the server) and revoke one.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { memberName } from "@/lib/client/selectors";
import type { Send } from "./send";

export function Proxies({ view, send }: { view: PublicView; send: Send }) {
  const t = useTranslations("president");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const name = (id: string) => memberName(view, id);
  return (
    <section aria-labelledby="proxies" className="space-y-3">
      <h2 id="proxies" className="text-lg font-bold">
        {t("proxies")}
      </h2>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (from && to) void send({ type: "proxy:give", from, to }).then(() => setFrom(""));
        }}
      >
        <label className="flex flex-col text-sm">
          {t("mandant")}
          <select value={from} onChange={(e) => setFrom(e.target.value)} className="rounded border border-slate-400 p-2" required>
            <option value="">—</option>
            {view.roster
              .filter((m) => m.attendance !== "present")
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.seat} {m.name}
                </option>
              ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("mandataire")}
          <select value={to} onChange={(e) => setTo(e.target.value)} className="rounded border border-slate-400 p-2" required>
            <option value="">—</option>
            {view.roster
              .filter((m) => m.attendance === "present")
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.seat} {m.name}
                </option>
              ))}
          </select>
        </label>
        <button className="btn btn-primary" type="submit">
          {t("giveProxy")}
        </button>
      </form>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th className="py-1">{t("mandant")}</th>
            <th>{t("mandataire")}</th>
            <th>
              <span className="sr-only">{t("revoke")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.proxies.map((p) => (
            <tr key={p.from} className="border-t border-slate-200">
              <td className="py-1">{name(p.from)}</td>
              <td>{name(p.to)}</td>
              <td className="text-right">
                <button type="button" className="btn btn-secondary px-2 py-1 text-xs" onClick={() => void send({ type: "proxy:revoke", from: p.from })}>
                  {t("revoke")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
