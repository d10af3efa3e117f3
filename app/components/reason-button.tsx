"use client";
// A button for what the chair must explain (withdraw, defer, cancel a vote): it asks for the reason in
// a real modal dialog, said aloud and written in the log and the records.
import { useState } from "react";
import { useModal } from "./use-modal";
import { useTranslations } from "next-intl";

export function ReasonButton({
  label,
  question,
  onConfirm,
  className = "btn btn-secondary",
  disabled,
}: {
  label: string;
  question: string;
  onConfirm: (reason: string) => void;
  className?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("common");
  const { ref, open, show, onClose } = useModal();
  const [reason, setReason] = useState("");
  const ok = reason.trim().length >= 3;
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={show}>
        {label}
      </button>
      <dialog ref={ref} onClose={onClose} className="m-auto w-full max-w-lg rounded-xl p-6 shadow-2xl backdrop:bg-black/50" aria-label={question}>
        {open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!ok) return;
              ref.current?.close();
              onConfirm(reason.trim());
              setReason("");
            }}
          >
            <label className="mb-4 block">
              <span className="mb-2 block text-xl font-semibold">{question}</span>
              <textarea
                required
                minLength={3}
                maxLength={500}
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="w-full rounded-lg border border-slate-400 p-2 text-lg"
              />
            </label>
            <div className="flex justify-end gap-3">
              <button type="button" className="btn btn-secondary" onClick={() => ref.current?.close()}>
                {t("cancel")}
              </button>
              <button type="submit" className="btn btn-primary" disabled={!ok}>
                {t("confirm")}
              </button>
            </div>
          </form>
        ) : null}
      </dialog>
    </>
  );
}
