"use client";
// The agenda's texts (exposé, proposals), fetched once per sitting from the public API.
import { useEffect, useState } from "react";

export interface AgendaText {
  id: string;
  order: number;
  identifier: string;
  title: string;
  rapporteurs: string[];
  commission: string | null;
  service: string | null;
  expose: string;
  proposals: string[];
  attachments: string[];
}

export function useAgenda(sittingId: string): AgendaText[] {
  const [items, setItems] = useState<AgendaText[]>([]);
  useEffect(() => {
    fetch(`/api/public/sittings/${encodeURIComponent(sittingId)}/agenda`)
      .then((r) => r.json() as Promise<{ ok: boolean; data: AgendaText[] }>)
      .then((j) => setItems(j.ok ? j.data : []))
      .catch(() => setItems([]));
  }, [sittingId]);
  return items;
}
