"use client";
// The agenda's texts (exposé, proposals), fetched once per sitting from the public API.
import { useEffect, useState } from "react";
import { publicRoutes, type AgendaText } from "@/core/api/public";
import { call } from "./api";

export type { AgendaText } from "@/core/api/public";

/** `published` (the public view's agendaPublic): fetched again once the ordre du jour becomes public (#19). */
export function useAgenda(sittingId: string, published?: boolean): AgendaText[] {
  const [items, setItems] = useState<AgendaText[]>([]);
  useEffect(() => {
    void call(publicRoutes.agenda, { sittingId }).then((r) => setItems(r.ok ? r.data : []));
  }, [sittingId, published]);
  return items;
}
