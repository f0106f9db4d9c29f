-- The list filtered by institution or owner alone, in data-age order, reads these indexes instead of
-- sorting every matching row (docs/BENCHMARKS.md).
CREATE INDEX "Credential_institutionId_dataAsOf_id_idx" ON "Credential"("institutionId", "dataAsOf", "id");

CREATE INDEX "Credential_ownerId_dataAsOf_id_idx" ON "Credential"("ownerId", "dataAsOf", "id");
