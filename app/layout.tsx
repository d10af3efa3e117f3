import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import { RouterRefresh } from "./components/router-refresh";
import "./globals.css";

export const metadata: Metadata = {
  title: "Séance",
  description: "Le conseil municipal en direct : appel, votes, résultats et procès-verbal.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#000091" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        <NextIntlClientProvider locale={locale} messages={messages}>
          <RouterRefresh>{children}</RouterRefresh>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
