-- Links: the idempotency key moves to the email a send writes (a resend writes an email, not a link).
DROP INDEX "Link_idempotencyKey_key";
ALTER TABLE "Link" DROP COLUMN "idempotencyKey";
ALTER TABLE "Link" ADD COLUMN "failedAt" TIMESTAMP(3);
ALTER TABLE "Link" ADD COLUMN "recoveredAt" TIMESTAMP(3);

ALTER TABLE "OutboxEmail" ADD COLUMN "idempotencyKey" TEXT;
CREATE UNIQUE INDEX "OutboxEmail_idempotencyKey_key" ON "OutboxEmail"("idempotencyKey");
CREATE INDEX "OutboxEmail_linkId_idx" ON "OutboxEmail"("linkId");

CREATE TABLE "BulkSend" (
    "id" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "total" INTEGER NOT NULL,
    CONSTRAINT "BulkSend_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "BulkSendItem" (
    "bulkSendId" TEXT NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "result" TEXT,
    "linkId" TEXT,
    "detail" TEXT,
    CONSTRAINT "BulkSendItem_pkey" PRIMARY KEY ("bulkSendId","credentialId")
);
CREATE INDEX "BulkSendItem_bulkSendId_result_idx" ON "BulkSendItem"("bulkSendId", "result");

ALTER TABLE "BulkSend" ADD CONSTRAINT "BulkSend_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BulkSendItem" ADD CONSTRAINT "BulkSendItem_bulkSendId_fkey" FOREIGN KEY ("bulkSendId") REFERENCES "BulkSend"("id") ON DELETE CASCADE ON UPDATE CASCADE;
