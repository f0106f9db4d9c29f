-- Staff digests (issue 19): each staff user's clock for the 08:00 digest, and their opt-out; the Blocked growth alert's threshold; the webhook log's retention index.
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;
ALTER TABLE "User" ADD COLUMN "digestEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "NotificationSettings" ADD COLUMN "blockedPerHourAlert" INTEGER NOT NULL DEFAULT 100;
CREATE INDEX "WebhookDelivery_createdAt_idx" ON "WebhookDelivery"("createdAt");
