-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" TEXT,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" SERIAL NOT NULL,
    "token" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusChangedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastUpdatedAt" TIMESTAMP(3),
    "dataAsOf" TIMESTAMP(3) NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "lastAttemptOutcome" TEXT,
    "partialData" BOOLEAN NOT NULL DEFAULT false,
    "externalReference" TEXT,
    "ownerId" TEXT,
    "notes" TEXT,
    "firstObservedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialContact" (
    "credentialId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CredentialContact_pkey" PRIMARY KEY ("credentialId","contactId")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" SERIAL NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "flanksUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshRecord" (
    "id" SERIAL NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "attemptKey" TEXT NOT NULL,
    "trigger" TEXT,
    "outcome" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "flanksUpdatedAt" TIMESTAMP(3),
    "errored" TEXT,

    CONSTRAINT "RefreshRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusCounter" (
    "institutionId" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatusCounter_pkey" PRIMARY KEY ("institutionId","ownerKey","status")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL,
    "credentialId" INTEGER NOT NULL,
    "flow" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "contactId" INTEGER,
    "senderId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "failureCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" SERIAL NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "linkId" TEXT,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyInstitutionRollup" (
    "day" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "success" INTEGER NOT NULL DEFAULT 0,
    "scaRequired" INTEGER NOT NULL DEFAULT 0,
    "invalidCredentials" INTEGER NOT NULL DEFAULT 0,
    "institutionError" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "active" INTEGER NOT NULL DEFAULT 0,
    "pendingSca" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyInstitutionRollup_pkey" PRIMARY KEY ("day","institutionId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "institutionId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "failureRate" DOUBLE PRECISION NOT NULL,
    "baselineRate" DOUBLE PRECISION NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "id" TEXT NOT NULL,
    "lastStartedAt" TIMESTAMP(3),
    "lastCompletedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimCredential" (
    "token" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password" TEXT NOT NULL,
    "bankPassword" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "loadAt" TIMESTAMP(3) NOT NULL,
    "lastUpdateAt" TIMESTAMP(3),
    "lastScaAt" TIMESTAMP(3) NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT true,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "scaToken" TEXT,
    "resetToken" TEXT,
    "errored" TEXT,

    CONSTRAINT "SimCredential_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "SimState" (
    "id" TEXT NOT NULL,
    "lastDailyRun" TIMESTAMP(3) NOT NULL,
    "outages" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "SimState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_createdAt_idx" ON "AuditEvent"("targetType", "targetId", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_key_createdAt_idx" ON "SignInAttempt"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_token_key" ON "Credential"("token");

-- CreateIndex
CREATE INDEX "Credential_dataAsOf_id_idx" ON "Credential"("dataAsOf", "id");

-- CreateIndex
CREATE INDEX "Credential_statusChangedAt_id_idx" ON "Credential"("statusChangedAt", "id");

-- CreateIndex
CREATE INDEX "Credential_createdAt_id_idx" ON "Credential"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Credential_status_dataAsOf_id_idx" ON "Credential"("status", "dataAsOf", "id");

-- CreateIndex
CREATE INDEX "Credential_status_statusChangedAt_id_idx" ON "Credential"("status", "statusChangedAt", "id");

-- CreateIndex
CREATE INDEX "Credential_status_createdAt_id_idx" ON "Credential"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Credential_institutionId_status_dataAsOf_id_idx" ON "Credential"("institutionId", "status", "dataAsOf", "id");

-- CreateIndex
CREATE INDEX "Credential_ownerId_status_dataAsOf_id_idx" ON "Credential"("ownerId", "status", "dataAsOf", "id");

-- CreateIndex
CREATE INDEX "Credential_externalReference_idx" ON "Credential"("externalReference");

-- CreateIndex
CREATE INDEX "Contact_email_idx" ON "Contact"("email");

-- CreateIndex
CREATE INDEX "CredentialContact_contactId_idx" ON "CredentialContact"("contactId");

-- CreateIndex
CREATE INDEX "StatusChange_credentialId_observedAt_idx" ON "StatusChange"("credentialId", "observedAt");

-- CreateIndex
CREATE INDEX "StatusChange_observedAt_idx" ON "StatusChange"("observedAt");

-- CreateIndex
CREATE INDEX "RefreshRecord_credentialId_observedAt_idx" ON "RefreshRecord"("credentialId", "observedAt");

-- CreateIndex
CREATE INDEX "RefreshRecord_observedAt_idx" ON "RefreshRecord"("observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshRecord_credentialId_attemptKey_key" ON "RefreshRecord"("credentialId", "attemptKey");

-- CreateIndex
CREATE UNIQUE INDEX "Link_tokenHash_key" ON "Link"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Link_idempotencyKey_key" ON "Link"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Link_credentialId_flow_state_idx" ON "Link"("credentialId", "flow", "state");

-- CreateIndex
CREATE INDEX "Link_createdAt_idx" ON "Link"("createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_state_nextAttemptAt_idx" ON "OutboxEmail"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_sentAt_idx" ON "OutboxEmail"("sentAt");

-- CreateIndex
CREATE INDEX "DailyInstitutionRollup_institutionId_day_idx" ON "DailyInstitutionRollup"("institutionId", "day");

-- CreateIndex
CREATE INDEX "Incident_closedAt_idx" ON "Incident"("closedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_institutionId_day_key" ON "Incident"("institutionId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "SimCredential_scaToken_key" ON "SimCredential"("scaToken");

-- CreateIndex
CREATE UNIQUE INDEX "SimCredential_resetToken_key" ON "SimCredential"("resetToken");

-- CreateIndex
CREATE UNIQUE INDEX "SimCredential_institutionId_username_key" ON "SimCredential"("institutionId", "username");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialContact" ADD CONSTRAINT "CredentialContact_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CredentialContact" ADD CONSTRAINT "CredentialContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshRecord" ADD CONSTRAINT "RefreshRecord_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyInstitutionRollup" ADD CONSTRAINT "DailyInstitutionRollup_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

