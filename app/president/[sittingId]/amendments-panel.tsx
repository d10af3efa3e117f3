"use client";
// The amendments of the item under discussion (AMEND-*): proposed by a member (the chair records them),
// each put to the vote before the item, or withdrawn with a reason; their results stay listed.
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { memberName, type ViewItem } from "@/lib/client/selectors";
import { ReasonButton } from "../../components/reason-button";
import { OpenVoteForm } from "./open-vote-form";
import type { Send } from "./send";

export function AmendmentsPanel({ view, item, run, voteOpen }: { view: PublicView; item: ViewItem; run: Send; voteOpen: boolean }) {
  const t = useTranslations("amendment");
  const locale = useLocale();
  const [author, setAuthor] = useState("");
  const [text, setText] = useState("");
  const present = view.roster.filter((m) => m.attendance === "present");
  return (
    <section aria-labelledby="amendments" className="space-y-2 rounded-lg border border-slate-300 p-3" data-testid="amendments">
      <h3 id="amendments" className="font-bold">
        {t("title")} ({item.amendments.length})
      </h3>
      <ol className="space-y-2">
        {item.amendments.map((a) => (
          <li key={a.id} className="rounded-lg bg-slate-50 p-2" data-testid={`amendment-${a.number}`}>
            <p>
              <span className="font-bold">{t("numbered", { n: a.number })}</span> — {memberName(view, a.authorId)} : « {a.text} »
            </p>
            <p className="text-sm font-semibold">
              {a.result
                ? `${t(a.result.outcome)} — ${locale === "en" ? a.result.reasonEn : a.result.reasonFr}`
                : a.status === "withdrawn"
                  ? `${t("withdrawn")} : ${a.withdrawnReason ?? ""}`
                  : a.status === "voting"
                    ? t("voting")
                    : t("pending")}
            </p>
            {a.status === "pending" && !voteOpen ? (
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <OpenVoteForm item={item} run={run} amendmentId={a.id} label={t("putToVote", { n: a.number })} />
                <ReasonButton
                  label={t("withdraw")}
                  question={t("withdrawWhy", { n: a.number })}
                  onConfirm={(reason) => void run({ type: "amendment:withdraw", itemId: item.id, amendmentId: a.id, reason })}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {item.status === "called" && !voteOpen ? (
        <form
          className="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (!author || text.trim().length < 3) return;
            void run({ type: "amendment:propose", itemId: item.id, authorId: author, text: text.trim() }).then((r) => {
              if (r && typeof r === "object" && "ok" in r && r.ok) setText("");
            });
          }}
        >
          <label className="flex flex-col text-sm font-semibold">
            {t("author")}
            <select value={author} onChange={(e) => setAuthor(e.target.value)} required className="rounded border border-slate-400 p-2">
              <option value="">—</option>
              {present.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-semibold">
            {t("text")}
            <input
              value={text}
              onChange={(e) => setText(e.target.value)}
              required
              minLength={3}
              maxLength={4000}
              className="rounded border border-slate-400 p-2"
            />
          </label>
          <button type="submit" className="btn btn-secondary">
            {t("propose")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
