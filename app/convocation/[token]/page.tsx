"use client";
// The convocation's link, as e-mailed to a member (#19): read the convocation and the items' texts,
// acknowledge receipt, declare in advance — without signing in; the token opens this copy only.
import { use } from "react";
import { useTranslations } from "next-intl";
import { ConvocationReader } from "../../components/convocation-reader";
import { LocaleSwitch } from "../../components/locale-switch";

export default function ConvocationLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = use(params);
  const t = useTranslations("convocation.member");
  return (
    <main className="mx-auto min-h-screen max-w-2xl pb-10">
      <header className="flex items-center justify-between bg-marianne px-4 py-3 text-white">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocaleSwitch className="text-white" />
      </header>
      <div className="p-4">
        <ConvocationReader source={{ kind: "link", token }} />
      </div>
    </main>
  );
}
