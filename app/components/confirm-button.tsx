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
}: {
  label: ReactNode;
  question: string;
  onConfirm: () => void;
  className?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("common");
  const { ref, open, show, onClose } = useModal();
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={show}>
        {label}
      </button>
      <dialog ref={ref} onClose={onClose} className="m-auto max-w-md rounded-xl p-6 shadow-2xl backdrop:bg-black/50" aria-label={question}>
        {open ? (
          <>
            <p className="mb-6 text-xl font-semibold">{question}</p>
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
