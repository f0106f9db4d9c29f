-- Follow-ups (issue 19): the client's language and time zone, reminders, notification settings, webhooks.
ALTER TABLE "Contact" ADD COLUMN "language" TEXT;
ALTER TABLE "Contact" ADD COLUMN "timeZone" TEXT;
ALTER TABLE "Link" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "Link" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE "Link" ADD COLUMN "tokenSealed" TEXT;
ALTER TABLE "Link" ADD COLUMN "remindersEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Link" ADD COLUMN "remindersSent" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Link" ADD COLUMN "nextReminderAt" DATETIME;
CREATE INDEX "Link_nextReminderAt_idx" ON "Link"("nextReminderAt");
ALTER TABLE "OutboxEmail" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'LINK';

CREATE TABLE "NotificationSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reminderDays" TEXT NOT NULL,
    "quietHoursStart" TEXT NOT NULL,
    "quietHoursEnd" TEXT NOT NULL,
    "syncAlertMinutes" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "deletedAt" DATETIME
);
CREATE INDEX "Webhook_deletedAt_idx" ON "Webhook"("deletedAt");

CREATE TABLE "WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "webhookId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_eventKey_key" ON "WebhookDelivery"("webhookId", "eventKey");
CREATE INDEX "WebhookDelivery_state_nextAttemptAt_idx" ON "WebhookDelivery"("state", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");
