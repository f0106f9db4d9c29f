-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "lastPolledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "resumeFromPage" INTEGER;

-- CreateTable
CREATE TABLE "FlanksAccessToken" (
    "id" TEXT NOT NULL,
    "accessToken" TEXT,
    "expiresAt" TIMESTAMP(3),
    "mintingUntil" TIMESTAMP(3),

    CONSTRAINT "FlanksAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Credential_lastPolledAt_idx" ON "Credential"("lastPolledAt");

