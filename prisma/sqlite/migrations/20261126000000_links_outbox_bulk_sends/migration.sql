-- Links: the idempotency key moves to the email a send writes (a resend writes an email, not a link).
DROP INDEX "Link_idempotencyKey_key";
ALTER TABLE "Link" DROP COLUMN "idempotencyKey";
ALTER TABLE "Link" ADD COLUMN "failedAt" DATETIME;
ALTER TABLE "Link" ADD COLUMN "recoveredAt" DATETIME;

ALTER TABLE "OutboxEmail" ADD COLUMN "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "OutboxEmail_idempotencyKey_key" ON "OutboxEmail"("idempotencyKey");
CREATE INDEX "OutboxEmail_linkId_idx" ON "OutboxEmail"("linkId");

CREATE TABLE "BulkSend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "flow" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "total" INTEGER NOT NULL,
    CONSTRAINT "BulkSend_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "BulkSendItem" (
    "bulkSendId" TEXT NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "result" TEXT,
    "linkId" TEXT,
    "detail" TEXT,

    PRIMARY KEY ("bulkSendId", "credentialId"),
    CONSTRAINT "BulkSendItem_bulkSendId_fkey" FOREIGN KEY ("bulkSendId") REFERENCES "BulkSend" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "BulkSendItem_bulkSendId_result_idx" ON "BulkSendItem"("bulkSendId", "result");
