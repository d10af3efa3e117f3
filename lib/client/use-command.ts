"use client";
// The screens' one path from a command to what the person sees: send it, and turn a refusal into a
// notice in the screen's language (never "French / English").
import { useCallback, useState } from "react";
import { useLocale } from "next-intl";
import { errorText } from "@/core/refusal";
import type { CommandBody } from "@/core/sitting/protocol";
import type { SendReply, SittingConnection } from "./sitting-client";

export interface CommandRunner {
  /** Sends a command; a refusal becomes the notice. Resolves with the reply. */
  run: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
  notice: string | null;
  setNotice: (text: string | null) => void;
}

export function useCommand(send: SittingConnection["send"]): CommandRunner {
  const locale = useLocale();
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(
    async <C extends CommandBody>(command: C): Promise<SendReply<C>> => {
      const r = await send(command);
      setNotice(r.ok ? null : errorText(r.error, locale));
      return r;
    },
    [send, locale],
  );
  return { run, notice, setNotice };
}

/** A refusal as the person reads it, for components that show their own error. */
export function useRefusalText(): (error: Parameters<typeof errorText>[0]) => string {
  const locale = useLocale();
  return useCallback((error) => errorText(error, locale), [locale]);
}
