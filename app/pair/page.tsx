// The QR code on a councillor's pairing sheet points here: the sign-in page with the code filled in.
import { redirect } from "next/navigation";

export default async function PairPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  redirect(`/signin?code=${encodeURIComponent((code ?? "").replace(/[^A-Za-z0-9]/g, ""))}`);
}
