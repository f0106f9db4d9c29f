-- Templates an Admin can edit (issue 19): the link email's subject and body per flow and language.
CREATE TABLE "EmailTemplate" (
    "flow" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,

    PRIMARY KEY ("flow", "language")
);
