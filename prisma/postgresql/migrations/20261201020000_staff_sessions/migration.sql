-- Staff sessions that end (issue 16): one row per signed-in browser, checked on every request, and
-- passwords that someone else saw must be replaced at the next sign-in.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "passwordChangedAt" TIMESTAMP(3);

CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "StaffSession_userId_endedAt_idx" ON "StaffSession"("userId", "endedAt");
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Attempts are now counted per (account, address) and per address, never per account alone.
DELETE FROM "SignInAttempt" WHERE "key" LIKE 'email:%';
