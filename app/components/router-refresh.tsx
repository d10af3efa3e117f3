"use client";
// Next.js pages switch language without a reload: the router refreshes the server part (the root
// layout reads the new locale and messages). See LocaleSwitch.
import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { LocaleRefresh } from "./locale-switch";

export function RouterRefresh({ children }: { children: ReactNode }) {
  const router = useRouter();
  return <LocaleRefresh value={() => router.refresh()}>{children}</LocaleRefresh>;
}
