-- "Needs attention first" (issue 18). Broken credentials start ranked by how long they have waited;
-- the other factors join as they next change.
ALTER TABLE "Credential" ADD COLUMN "attentionAt" DATETIME NOT NULL DEFAULT '9999-01-01T00:00:00.000+00:00';
UPDATE "Credential" SET "attentionAt" = "statusChangedAt" WHERE status IN ('BLOCKED', 'PENDING_SCA');
CREATE INDEX "Credential_attentionAt_id_idx" ON "Credential"("attentionAt", "id");
