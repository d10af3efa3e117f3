-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "email" TEXT,
ADD COLUMN     "paperConvocation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "postponedFrom" TEXT,
ADD COLUMN     "synthesis" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Convocation" (
    "sittingId" TEXT NOT NULL,
    "letter" TEXT NOT NULL DEFAULT '',
    "urgencyReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Convocation_pkey" PRIMARY KEY ("sittingId")
);

-- CreateTable
CREATE TABLE "ConvocationRecipient" (
    "id" TEXT NOT NULL,
    "sittingId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "dispatch" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT,
    "emailStatus" TEXT NOT NULL,
    "emailError" TEXT,
    "emailSentAt" TIMESTAMP(3),
    "paper" BOOLEAN NOT NULL DEFAULT false,
    "deliveredAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "openedVia" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedVia" TEXT,

    CONSTRAINT "ConvocationRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvanceDocument" (
    "id" TEXT NOT NULL,
    "sittingId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdvanceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConvocationRecipient_tokenHash_key" ON "ConvocationRecipient"("tokenHash");

-- CreateIndex
CREATE INDEX "ConvocationRecipient_sittingId_idx" ON "ConvocationRecipient"("sittingId");

-- CreateIndex
CREATE UNIQUE INDEX "ConvocationRecipient_sittingId_memberId_dispatch_key" ON "ConvocationRecipient"("sittingId", "memberId", "dispatch");

-- CreateIndex
CREATE INDEX "AdvanceDocument_sittingId_memberId_idx" ON "AdvanceDocument"("sittingId", "memberId");

-- AddForeignKey
ALTER TABLE "Convocation" ADD CONSTRAINT "Convocation_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

