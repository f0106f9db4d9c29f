-- When a link was last sent for each credential, so "no link sent in this status" reads the
-- credential's own row: its NOT EXISTS over Link cost 350 ms at a million on PostgreSQL for the
-- count (docs/BENCHMARKS.md, worklists).
ALTER TABLE "Credential" ADD COLUMN "linkSentAt" TIMESTAMP(3);

UPDATE "Credential" SET "linkSentAt" = (SELECT max(l."lastSentAt") FROM "Link" l WHERE l."credentialId" = "Credential".id)
WHERE id IN (SELECT "credentialId" FROM "Link");

-- The credentials with a link out since they entered their status: few beside the broken ones, so the
-- no-link count is the counters less a count of these. Prisma cannot declare a partial index: a
-- migration diff proposes dropping it, and that line must be removed (like ContactSearch).
CREATE INDEX "Credential_linkSinceStatus_idx" ON "Credential"("status", "institutionId", "ownerId") WHERE "linkSentAt" >= "statusChangedAt";
