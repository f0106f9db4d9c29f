-- An account manager's list needing attention first, and their aging counts, at a million
-- credentials (docs/BENCHMARKS.md, worklists): without these, SQLite sorted all of an owner's rows.
CREATE INDEX "Credential_ownerId_attentionAt_id_idx" ON "Credential"("ownerId", "attentionAt", "id");
CREATE INDEX "Credential_ownerId_status_statusChangedAt_idx" ON "Credential"("ownerId", "status", "statusChangedAt");
