-- Bulk assignments and saved views (issue 18).
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT,
    "filter" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "total" INTEGER NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AssignmentItem" (
    "assignmentId" TEXT NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "result" TEXT,
    "fromOwnerId" TEXT,

    CONSTRAINT "AssignmentItem_pkey" PRIMARY KEY ("assignmentId","credentialId")
);
CREATE INDEX "AssignmentItem_assignmentId_result_idx" ON "AssignmentItem"("assignmentId", "result");

CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SavedView_createdById_name_key" ON "SavedView"("createdById", "name");
CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");

ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AssignmentItem" ADD CONSTRAINT "AssignmentItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
