// Any address that leads to no page: said in the reader's language (French by default), with the way home.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 text-lg">{t("text")}</p>
      <p className="mt-6">
        <Link href="/" className="btn btn-primary">
          {t("home")}
        </Link>
      </p>
    </main>
  );
}
