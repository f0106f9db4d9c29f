-- Staff sessions that end (issue 16): one row per signed-in browser, checked on every request, and
-- passwords that someone else saw must be replaced at the next sign-in.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "passwordChangedAt" DATETIME;

CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endReason" TEXT,
    CONSTRAINT "StaffSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "StaffSession_userId_endedAt_idx" ON "StaffSession"("userId", "endedAt");

-- Attempts are now counted per (account, address) and per address, never per account alone.
DELETE FROM "SignInAttempt" WHERE "key" LIKE 'email:%';
