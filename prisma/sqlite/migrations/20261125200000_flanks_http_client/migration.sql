-- AlterTable
ALTER TABLE "Credential" ADD COLUMN "lastPolledAt" DATETIME;

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN "resumeFromPage" INTEGER;

-- CreateTable
CREATE TABLE "FlanksAccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT,
    "expiresAt" DATETIME,
    "mintingUntil" DATETIME
);

-- CreateIndex
CREATE INDEX "Credential_lastPolledAt_idx" ON "Credential"("lastPolledAt");

