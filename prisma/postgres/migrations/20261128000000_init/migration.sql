-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Council" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "siren" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "population" INTEGER,
    "ruleSet" TEXT NOT NULL DEFAULT 'fr-cgct',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Council_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "councilId" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "memberId" TEXT,
    "disabledAt" TIMESTAMP(3),
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "pairingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevicePairing" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevicePairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sitting" (
    "id" TEXT NOT NULL,
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
    "minutesApprovalItemId" TEXT,
    "minutesPublishedAt" TIMESTAMP(3),
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sitting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SittingEvent" (
    "id" SERIAL NOT NULL,
    "sittingId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "SittingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "sittingId" TEXT NOT NULL,
    "commandId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "reply" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommandReceipt_pkey" PRIMARY KEY ("sittingId","commandId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "voteId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "onBehalfOf" TEXT NOT NULL DEFAULT '',
    "choice" TEXT NOT NULL,
    "castAt" TEXT NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("voteId","memberId","onBehalfOf")
);

-- CreateTable
CREATE TABLE "SecretUrn" (
    "voteId" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "SecretUrn_pkey" PRIMARY KEY ("voteId")
);

-- CreateTable
CREATE TABLE "SecretSignature" (
    "voteId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "onBehalfOf" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "SecretSignature_pkey" PRIMARY KEY ("voteId","memberId","onBehalfOf")
);

-- CreateTable
CREATE TABLE "YDocUpdate" (
    "id" SERIAL NOT NULL,
    "docName" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YDocUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinutesVersion" (
    "sittingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" BYTEA NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinutesVersion_pkey" PRIMARY KEY ("sittingId","version")
);

-- CreateTable
CREATE TABLE "Annex" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Annex_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedRecord" (
    "sittingId" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "itemId" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL,
    "html" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "htmlSha256" TEXT NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishedRecord_pkey" PRIMARY KEY ("sittingId","record","itemId","version")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Member_councilId_idx" ON "Member"("councilId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_councilId_seat_key" ON "Member"("councilId", "seat");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

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

-- CreateIndex
CREATE INDEX "Annex_itemId_idx" ON "Annex"("itemId");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DevicePairing" ADD CONSTRAINT "DevicePairing_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sitting" ADD CONSTRAINT "Sitting_councilId_fkey" FOREIGN KEY ("councilId") REFERENCES "Council"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SittingEvent" ADD CONSTRAINT "SittingEvent_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annex" ADD CONSTRAINT "Annex_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedRecord" ADD CONSTRAINT "PublishedRecord_sittingId_fkey" FOREIGN KEY ("sittingId") REFERENCES "Sitting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

