-- Recovery targets per status, set by an Admin (issue 18).
CREATE TABLE "RecoveryTarget" (
    "status" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "RecoveryTarget_pkey" PRIMARY KEY ("status")
);
