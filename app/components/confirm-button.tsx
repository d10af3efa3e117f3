"use client";
// A button for what cannot be undone: it asks first, in a real modal dialog (focus trapped, Esc cancels).
import { type ReactNode } from "react";
import { useModal } from "./use-modal";
import { useTranslations } from "next-intl";

export function ConfirmButton({
  label,
  question,
  onConfirm,
  className = "btn btn-primary",
  disabled,
  title,
  details = [],
}: {
  label: ReactNode;
  question: string;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
  /** Said on the button (why it is disabled, for example). */
  title?: string;
  /** What the person should know before confirming, one sentence a line, under the question. */
  details?: string[];
}) {
  const t = useTranslations("common");
  const { ref, open, show, onClose } = useModal();
  return (
    <>
      <button type="button" className={className} disabled={disabled} title={title} onClick={show}>
        {label}
      </button>
      <dialog ref={ref} onClose={onClose} className="m-auto max-w-md rounded-xl p-6 shadow-2xl backdrop:bg-black/50" aria-label={question}>
        {open ? (
          <>
            <p className={`${details.length ? "mb-3" : "mb-6"} text-xl font-semibold`}>{question}</p>
            {details.length ? (
              <ul className="mb-6 space-y-2" data-testid="confirm-details">
                {details.map((d) => (
                  <li key={d} className="rounded-md border-l-4 border-abst bg-amber-50 px-3 py-2 text-amber-950">
                    ⚠ {d}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="flex justify-end gap-3">
              <button type="button" className="btn btn-secondary" onClick={() => ref.current?.close()}>
                {t("cancel")}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  ref.current?.close();
                  onConfirm();
                }}
              >
                {t("confirm")}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}
