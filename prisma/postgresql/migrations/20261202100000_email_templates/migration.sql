-- Templates an Admin can edit (issue 19): the link email's subject and body per flow and language.
CREATE TABLE "EmailTemplate" (
    "flow" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "EmailTemplate_pkey" PRIMARY KEY ("flow","language")
);
