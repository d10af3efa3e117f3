-- The weeks before the sitting (#19): the convocation, its recipients, declarations received on paper.
-- CreateTable
CREATE TABLE "Convocation" (
    "sittingId" TEXT NOT NULL PRIMARY KEY,
    "letter" TEXT NOT NULL DEFAULT '',
    "urgencyReason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Convocation_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConvocationRecipient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "dispatch" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT,
    "emailStatus" TEXT NOT NULL,
    "emailError" TEXT,
    "emailSentAt" DATETIME,
    "paper" BOOLEAN NOT NULL DEFAULT false,
    "deliveredAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "openedVia" TEXT,
    "acknowledgedAt" DATETIME,
    "acknowledgedVia" TEXT
);

-- CreateTable
CREATE TABLE "AdvanceDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- New columns (#19): a member's e-mail and paper choice, an item's note of synthesis and where it was postponed from.
ALTER TABLE "Member" ADD COLUMN "email" TEXT;
ALTER TABLE "Member" ADD COLUMN "paperConvocation" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "AgendaItem" ADD COLUMN "synthesis" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AgendaItem" ADD COLUMN "postponedFrom" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ConvocationRecipient_tokenHash_key" ON "ConvocationRecipient"("tokenHash");

-- CreateIndex
CREATE INDEX "ConvocationRecipient_sittingId_idx" ON "ConvocationRecipient"("sittingId");

-- CreateIndex
CREATE UNIQUE INDEX "ConvocationRecipient_sittingId_memberId_dispatch_key" ON "ConvocationRecipient"("sittingId", "memberId", "dispatch");

-- CreateIndex
CREATE INDEX "AdvanceDocument_sittingId_memberId_idx" ON "AdvanceDocument"("sittingId", "memberId");

