-- AlterTable
ALTER TABLE "Sitting" ADD COLUMN "minutesApprovalItemId" TEXT;

-- CreateTable
CREATE TABLE "Annex" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Annex_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublishedRecord" (
    "sittingId" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "itemId" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "html" TEXT NOT NULL,
    "pdf" BLOB NOT NULL,
    "htmlSha256" TEXT NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sittingId", "record", "itemId", "version"),
    CONSTRAINT "PublishedRecord_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Annex_itemId_idx" ON "Annex"("itemId");

