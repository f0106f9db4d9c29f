-- The stale-only list: credentials that should refresh daily (Pending, Active), oldest data first.
-- The full (dataAsOf, id) index made both databases step over every older Blocked and Pending SCA
-- credential first (46 ms SQLite, 86 ms PostgreSQL at a million). Prisma cannot declare a partial
-- index: a migration diff proposes dropping it, and that line must be removed (like ContactSearch).
CREATE INDEX "Credential_stale_dataAsOf_idx" ON "Credential"("dataAsOf", "id") WHERE "status" IN ('PENDING', 'ACTIVE');
