"use client";
// The clerk's sittings: convene a new one, pick one, edit its details and its agenda (edit dialog,
// up/down reordering, removal) and import draft deliberations into it. All of it is frozen once
// the president opens the sitting.
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { AgendaTable } from "./agenda-table";
import { api, useErrorText, useShortDate, type ClerkItem, type ClerkMember, type ClerkSitting, type SittingSummary } from "./clerk-api";
import { ImportDraftsPanel } from "./import-drafts-panel";
import { ItemDialog, type ItemTarget } from "./item-dialog";
import { NewSittingForm } from "./new-sitting-form";
import { ConvocationPanel } from "./convocation-panel";
import { SittingDetailsForm } from "./sitting-details-form";

const field = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";
const label = "block text-sm font-semibold";

export function SittingsSection({ sittings, members, onChanged }: { sittings: SittingSummary[]; members: ClerkMember[]; onChanged: () => void }) {
  const t = useTranslations("clerk");
  const ts = useTranslations("status");
  const short = useShortDate();
  const errorText = useErrorText();
  // The next sitting to prepare: the earliest one not yet closed, else the latest.
  const upcoming = [...sittings].filter((s) => s.status !== "closed").sort((a, b) => a.date.localeCompare(b.date))[0] ?? sittings[0];
  const [selected, setSelected] = useState<string | null>(upcoming?.id ?? null);
  const [sitting, setSitting] = useState<ClerkSitting | null>(null);
  const [target, setTarget] = useState<ItemTarget | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Bumped at every change, so the convocation panel reads the agenda's new state.
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (id: string) => {
    const r = await api<ClerkSitting>("GET", `/api/clerk/sittings/${id}`);
    if (r.ok) setSitting(r.data);
  }, []);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after the fetch resolves, not during the effect
    if (selected) void load(selected);
  }, [selected, load]);

  const changed = async (text: string) => {
    setError(null);
    setMessage(text);
    setVersion((v) => v + 1);
    if (selected) await load(selected);
    onChanged();
  };
  const failed = (text: string) => {
    setMessage(null);
    setError(text);
  };

  const move = async (index: number, by: -1 | 1) => {
    if (!sitting) return;
    const ids = sitting.items.map((it) => it.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    const r = await api("POST", `/api/clerk/sittings/${sitting.id}/items/reorder`, { itemIds: ids });
    if (!r.ok) return failed(errorText(r.error));
    const it = sitting.items[index]!;
    await changed(t("agenda.moved", { title: it.title, order: sitting.items[index + by]!.order }));
    // Keep the keyboard where the item went, so pressing again moves it further.
    requestAnimationFrame(() => document.getElementById(`move-${by < 0 ? "up" : "down"}-${it.id}`)?.focus());
  };

  const remove = async (it: ClerkItem) => {
    const r = await api("DELETE", `/api/clerk/items/${it.id}`);
    if (!r.ok) return failed(errorText(r.error));
    await changed(t("agenda.removed", { title: it.title }));
  };

  return (
    <section id="seances" aria-labelledby="sittings-title" className="card p-5 print:hidden">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <h2 id="sittings-title" className="text-2xl font-semibold">
          {t("sittings")}
        </h2>
        {sittings.length ? (
          <label className={label}>
            {t("sitting.pick")}
            <select value={selected ?? ""} onChange={(e) => setSelected(e.target.value)} className={`${field} min-w-80`}>
              {sittings.map((s) => (
                <option key={s.id} value={s.id}>
                  {short(s.date)} {s.time} — {s.place} ({ts(s.status)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      <NewSittingForm
        sittings={sittings}
        members={members}
        open={sittings.length === 0}
        onCreated={(id, text) => {
          setSelected(id);
          void changed(text);
        }}
        onError={failed}
      />
      <div aria-live="polite">{message ? <p className="mb-3 rounded-md border-l-4 border-pour bg-green-50 px-3 py-2">{message}</p> : null}</div>
      {error ? (
        <p role="alert" className="mb-3 rounded-md border-l-4 border-contre bg-red-50 px-3 py-2">
          {error}
        </p>
      ) : null}

      {sitting ? (
        <>
          <SittingLinks sitting={sitting} />
          <SittingDetailsForm key={`${sitting.id}-${sitting.date}-${sitting.place}`} sitting={sitting} members={members} onSaved={changed} onError={failed} />
          <h3 className="mt-6 mb-2 text-xl font-semibold">{t("agenda.title", { count: sitting.items.length })}</h3>
          {sitting.items.length === 0 ? <p className="text-slate-700">{t("agenda.empty")}</p> : null}
          <AgendaTable
            sitting={sitting}
            onMove={(i, by) => void move(i, by)}
            onEdit={(it) => setTarget({ mode: "edit", item: it })}
            onRemove={(it) => void remove(it)}
          />
          <button
            type="button"
            className="btn btn-secondary mt-3"
            disabled={!sitting.editable}
            onClick={() => setTarget({ mode: "create", sittingId: sitting.id })}
          >
            {t("agenda.add")}
          </button>
          <ImportDraftsPanel sittingId={sitting.id} disabled={!sitting.editable} onImported={(m) => void changed(m)} />
          <ConvocationPanel key={sitting.id} version={version} sittingId={sitting.id} members={members} onDone={(m) => void changed(m)} onError={failed} />
        </>
      ) : null}

      <ItemDialog
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(m) => {
          setTarget(null);
          void changed(m);
        }}
      />
    </section>
  );
}

/** Where the sitting is run, shown and minuted; and why its form is frozen once it began. */
function SittingLinks({ sitting }: { sitting: ClerkSitting }) {
  const t = useTranslations("clerk");
  const ts = useTranslations("status");
  return (
    <>
      <p className="mb-3 space-x-4 text-sm">
        <a className="underline" href={`/president/${sitting.id}`}>
          {t("links.president")}
        </a>
        <a className="underline" href={`/public/${sitting.id}`}>
          {t("links.public")}
        </a>
        <a className="underline" href={`/minutes/${sitting.id}`}>
          {t("links.minutes")}
        </a>
      </p>
      {!sitting.editable ? (
        <p className="mb-4 rounded-md border-l-4 border-abst bg-amber-50 px-3 py-2" data-testid="frozen">
          {t("sitting.frozen", { status: ts(sitting.status) })}
        </p>
      ) : null}
    </>
  );
}
