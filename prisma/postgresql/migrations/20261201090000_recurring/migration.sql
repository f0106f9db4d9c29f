-- Recurring credentials (issue 18): flagged by the ingestion from the next breakage on.
ALTER TABLE "Credential" ADD COLUMN "recurring" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "Credential_recurring_status_idx" ON "Credential"("recurring", "status");
