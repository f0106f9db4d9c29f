-- One email per person (issue 19): an email carries one or several links; every email written so far carries its own.
CREATE TABLE "OutboxEmailLink" (
    "emailId" INTEGER NOT NULL,
    "linkId" TEXT NOT NULL,
    "reminder" INTEGER,

    CONSTRAINT "OutboxEmailLink_pkey" PRIMARY KEY ("emailId", "linkId")
);
CREATE INDEX "OutboxEmailLink_linkId_emailId_idx" ON "OutboxEmailLink"("linkId", "emailId");
ALTER TABLE "OutboxEmailLink" ADD CONSTRAINT "OutboxEmailLink_emailId_fkey" FOREIGN KEY ("emailId") REFERENCES "OutboxEmail"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "OutboxEmailLink" ADD CONSTRAINT "OutboxEmailLink_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "OutboxEmailLink" ("emailId", "linkId", "reminder")
  SELECT "id", "linkId", CASE WHEN "kind" = 'REMINDER' THEN CAST(substr("idempotencyKey", length('reminder:') + length("linkId") + 2) AS INTEGER) END
  FROM "OutboxEmail" WHERE "linkId" IS NOT NULL;
DROP INDEX "Link_nextReminderAt_idx";
CREATE INDEX "Link_nextReminderAt_recipientEmail_idx" ON "Link"("nextReminderAt", "recipientEmail");
