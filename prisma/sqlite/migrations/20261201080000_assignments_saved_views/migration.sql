-- Bulk assignments and saved views (issue 18).
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT,
    "filter" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "total" INTEGER NOT NULL,
    CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "AssignmentItem" (
    "assignmentId" TEXT NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "result" TEXT,
    "fromOwnerId" TEXT,

    PRIMARY KEY ("assignmentId", "credentialId"),
    CONSTRAINT "AssignmentItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AssignmentItem_assignmentId_result_idx" ON "AssignmentItem"("assignmentId", "result");

CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SavedView_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "SavedView_createdById_name_key" ON "SavedView"("createdById", "name");
CREATE INDEX "SavedView_shared_name_idx" ON "SavedView"("shared", "name");
