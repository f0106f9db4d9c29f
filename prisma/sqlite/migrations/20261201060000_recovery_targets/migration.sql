-- Recovery targets per status, set by an Admin (issue 18).
CREATE TABLE "RecoveryTarget" (
    "status" TEXT NOT NULL PRIMARY KEY,
    "days" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);
