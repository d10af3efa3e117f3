// Next.js configuration. The app is served by our own Node server (server/index.ts), which owns the
// port, the API and the websockets; Next renders the pages.
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3"],
  typescript: { ignoreBuildErrors: false },
};

module.exports = withNextIntl(nextConfig);
