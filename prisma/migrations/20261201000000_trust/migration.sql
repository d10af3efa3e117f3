
-- AlterTable
ALTER TABLE "Council" ADD COLUMN "population" INTEGER;

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "pairingId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MinutesVersion" (
    "sittingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" BLOB NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sittingId", "version")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "councilId" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "memberId" TEXT,
    "disabledAt" DATETIME,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("councilId", "createdAt", "displayName", "id", "login", "memberId", "passwordHash", "role") SELECT "councilId", "createdAt", "displayName", "id", "login", "memberId", "passwordHash", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");
CREATE TABLE "new_CommandReceipt" (
    "sittingId" TEXT NOT NULL,
    "commandId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "reply" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sittingId", "commandId")
);
INSERT INTO "new_CommandReceipt" ("commandId", "createdAt", "reply", "sittingId", "userId") SELECT "commandId", "createdAt", "reply", "sittingId", "userId" FROM "CommandReceipt";
DROP TABLE "CommandReceipt";
ALTER TABLE "new_CommandReceipt" RENAME TO "CommandReceipt";
-- The urn is now sealed with a key the database does not hold: the old plaintext totals are dropped
-- (a closed vote's final tally is in its vote:closed event; do not upgrade during an open secret vote).
DROP TABLE "SecretUrn";
CREATE TABLE "SecretUrn" (
    "voteId" TEXT NOT NULL PRIMARY KEY,
    "sealed" BLOB NOT NULL
);
-- Who voted, stored in key order (WITHOUT ROWID): no row id follows the order of deposits.
CREATE TABLE "new_SecretSignature" (
    "voteId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "onBehalfOf" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("voteId", "memberId", "onBehalfOf")
) WITHOUT ROWID;
INSERT INTO "new_SecretSignature" ("voteId", "memberId", "onBehalfOf") SELECT "voteId", "memberId", "onBehalfOf" FROM "SecretSignature" ORDER BY "voteId", "memberId", "onBehalfOf";
DROP TABLE "SecretSignature";
ALTER TABLE "new_SecretSignature" RENAME TO "SecretSignature";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");


-- The cookie key no longer lives in the database (see server/auth/server-key.ts): forget the old one.
DELETE FROM "AppSetting" WHERE "key" = 'auth-secret';
-- Unused pairing codes were plain SHA-256 of the code: they cannot be checked any more.
DELETE FROM "DevicePairing" WHERE "usedAt" IS NULL;
