"use client";
// The agenda of the sitting the clerk prepares: one row per item with its actions (move up, move
// down, edit, remove), all frozen once the sitting is opened or the item called.
import { useTranslations } from "next-intl";
import { ConfirmButton } from "../components/confirm-button";
import { DataTable } from "../components/data-table";
import { useShortDate, type ClerkItem, type ClerkSitting } from "./clerk-api";

interface Handlers {
  onMove: (index: number, by: -1 | 1) => void;
  onEdit: (item: ClerkItem) => void;
  onRemove: (item: ClerkItem) => void;
}

export function AgendaTable({ sitting, ...handlers }: { sitting: ClerkSitting } & Handlers) {
  const t = useTranslations("clerk");
  const short = useShortDate();
  if (sitting.items.length === 0) return null;
  return (
    <DataTable
      caption={t("agenda.caption", { date: short(sitting.date) })}
      testId="agenda"
      rows={sitting.items}
      rowKey={(it) => it.id}
      rowProps={(it) => ({ "data-item": it.identifier })}
      columns={[
        { key: "order", header: t("agenda.order"), cell: (it) => it.order, className: "font-mono font-semibold" },
        { key: "identifier", header: t("agenda.identifier"), cell: (it) => it.identifier, className: "font-mono" },
        {
          key: "subject",
          header: t("agenda.subject"),
          rowHeader: true,
          cell: (it) => (
            <>
              <span className="font-semibold">{it.title}</span>
              {it.commission ? <span className="block text-slate-700">{it.commission}</span> : null}
              {it.called ? <span className="block font-semibold">{t("agenda.called")}</span> : null}
            </>
          ),
        },
        { key: "rapporteurs", header: t("agenda.rapporteurs"), cell: (it) => it.rapporteurs.join(", ") },
        { key: "actes", header: t("agenda.actes"), cell: (it) => it.actesCode ?? "—", className: "font-mono" },
        {
          key: "actions",
          header: <span className="sr-only">{t("agenda.actions")}</span>,
          cell: (it, i) => <ItemActions sitting={sitting} it={it} i={i} {...handlers} />,
        },
      ]}
    />
  );
}

/** Move up, move down, edit, remove: frozen once the sitting is opened or the item called. */
function ItemActions({ sitting, it, i, onMove, onEdit, onRemove }: { sitting: ClerkSitting; it: ClerkItem; i: number } & Handlers) {
  const t = useTranslations("clerk");
  const locked = !sitting.editable || it.called;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      <button
        id={`move-up-${it.id}`}
        type="button"
        className="btn btn-secondary px-2 py-1"
        disabled={locked || i === 0}
        onClick={() => onMove(i, -1)}
        aria-label={t("agenda.up", { order: it.order })}
        title={t("agenda.up", { order: it.order })}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        id={`move-down-${it.id}`}
        type="button"
        className="btn btn-secondary px-2 py-1"
        disabled={locked || i === sitting.items.length - 1}
        onClick={() => onMove(i, 1)}
        aria-label={t("agenda.down", { order: it.order })}
        title={t("agenda.down", { order: it.order })}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="btn btn-secondary px-2 py-1"
        disabled={locked}
        onClick={() => onEdit(it)}
        aria-label={t("agenda.edit", { order: it.order })}
      >
        {t("agenda.editShort")}
      </button>
      <ConfirmButton
        className="btn btn-secondary px-2 py-1"
        disabled={locked}
        label={
          <>
            {t("agenda.removeShort")}
            <span className="sr-only"> {t("agenda.itemSuffix", { order: it.order })}</span>
          </>
        }
        question={t("agenda.removeQuestion", { order: it.order, title: it.title })}
        onConfirm={() => onRemove(it)}
      />
    </div>
  );
}
