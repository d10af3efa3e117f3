"use client";
// A real modal <dialog> (focus trapped, Esc cancels) whose content renders only while it is open:
// the state ConfirmButton and ReasonButton share.
import { useRef, useState } from "react";

export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return {
    ref,
    open,
    show: () => {
      setOpen(true);
      ref.current?.showModal();
    },
    close: () => ref.current?.close(),
    onClose: () => setOpen(false),
  };
}
