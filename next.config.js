// Next.js configuration. The app is served by our own Node server (server/index.ts), which owns the
// port, the API and the websockets; Next renders the pages.
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3"],
  // `npm test` typechecks the whole project first (tsc --noEmit); the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
};

module.exports = withNextIntl(nextConfig);
