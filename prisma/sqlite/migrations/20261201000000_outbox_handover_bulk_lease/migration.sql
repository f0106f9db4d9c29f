-- Outbox: a claimed email is SENDING (a state, no column) until its hand-over is recorded.
-- Bulk sends: one runner at a time in any process, through a lease on the row (it was a Set in one
-- module, which Next loads twice). Each SENT or RESENT item points at its email, so the progress
-- can say whether the email has reached the mail server; existing items find it by their key.
ALTER TABLE "BulkSend" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "BulkSend" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "BulkSendItem" ADD COLUMN "emailId" INTEGER;
UPDATE "BulkSendItem" SET "emailId" = (
    SELECT e."id" FROM "OutboxEmail" e WHERE e."idempotencyKey" = 'bulk:' || "BulkSendItem"."bulkSendId" || ':' || "BulkSendItem"."credentialId"
) WHERE "result" IN ('SENT', 'RESENT');
