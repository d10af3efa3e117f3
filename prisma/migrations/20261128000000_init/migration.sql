-- CreateTable
CREATE TABLE "Council" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "siren" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "ruleSet" TEXT NOT NULL DEFAULT 'fr-cgct',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "councilId" TEXT NOT NULL,
    "civility" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "group" TEXT,
    "seat" INTEGER,
    "birthDate" TEXT,
    "mandateStart" TEXT NOT NULL,
    "mandateEnd" TEXT,
    CONSTRAINT "Member_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "councilId" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "memberId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "User_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DevicePairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DevicePairing_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sitting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "councilId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "convocationDate" TEXT NOT NULL,
    "postedOn" TEXT,
    "presidentMemberId" TEXT,
    "secretaryIds" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'convened',
    "secondConvocation" BOOLEAN NOT NULL DEFAULT false,
    "previousSittingId" TEXT,
    "minutesApprovedAt" TEXT,
    "minutesApprovedBy" TEXT,
    "minutesPublishedAt" DATETIME,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Sitting_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sittingId" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "identifier" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'ordinary',
    "title" TEXT NOT NULL,
    "rapporteurs" TEXT NOT NULL DEFAULT '[]',
    "commission" TEXT,
    "service" TEXT,
    "expose" TEXT NOT NULL DEFAULT '',
    "proposals" TEXT NOT NULL DEFAULT '[]',
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "observations" TEXT,
    "actesCode" TEXT,
    "actesLabel" TEXT,
    "actesNature" TEXT NOT NULL DEFAULT 'DE',
    "budgetArticle" TEXT,
    "budgetName" TEXT,
    "budgetYear" TEXT,
    "amounts" TEXT NOT NULL DEFAULT '[]',
    "postedOn" TEXT,
    "publishedOn" TEXT,
    "prefectureReceivedOn" TEXT,
    "teletransmissionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SittingEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sittingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "SittingEvent_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "sittingId" TEXT NOT NULL,
    "commandId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reply" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sittingId", "commandId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "voteId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "onBehalfOf" TEXT NOT NULL DEFAULT '',
    "choice" TEXT NOT NULL,
    "castAt" TEXT NOT NULL,

    PRIMARY KEY ("voteId", "memberId", "onBehalfOf")
);

-- CreateTable
CREATE TABLE "SecretUrn" (
    "voteId" TEXT NOT NULL PRIMARY KEY,
    "pour" INTEGER NOT NULL DEFAULT 0,
    "contre" INTEGER NOT NULL DEFAULT 0,
    "abstention" INTEGER NOT NULL DEFAULT 0,
    "nppv" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SecretSignature" (
    "voteId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "onBehalfOf" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("voteId", "memberId", "onBehalfOf")
);

-- CreateTable
CREATE TABLE "YDocUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "docName" TEXT NOT NULL,
    "update" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Member_councilId_idx" ON "Member"("councilId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_councilId_seat_key" ON "Member"("councilId", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- CreateIndex
CREATE UNIQUE INDEX "DevicePairing_codeHash_key" ON "DevicePairing"("codeHash");

-- CreateIndex
CREATE INDEX "Sitting_councilId_date_idx" ON "Sitting"("councilId", "date");

-- CreateIndex
CREATE INDEX "AgendaItem_sittingId_idx" ON "AgendaItem"("sittingId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_sittingId_order_key" ON "AgendaItem"("sittingId", "order");

-- CreateIndex
CREATE UNIQUE INDEX "SittingEvent_sittingId_seq_key" ON "SittingEvent"("sittingId", "seq");

-- CreateIndex
CREATE INDEX "YDocUpdate_docName_id_idx" ON "YDocUpdate"("docName", "id");

