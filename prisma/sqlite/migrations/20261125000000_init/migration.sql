-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" TEXT,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Institution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "country" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusChangedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastUpdatedAt" DATETIME,
    "dataAsOf" DATETIME NOT NULL,
    "lastAttemptAt" DATETIME,
    "lastAttemptOutcome" TEXT,
    "partialData" BOOLEAN NOT NULL DEFAULT false,
    "externalReference" TEXT,
    "ownerId" TEXT,
    "notes" TEXT,
    "firstObservedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Credential_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Credential_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CredentialContact" (
    "credentialId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("credentialId", "contactId"),
    CONSTRAINT "CredentialContact_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CredentialContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "credentialId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "observedAt" DATETIME NOT NULL,
    "flanksUpdatedAt" DATETIME,
    CONSTRAINT "StatusChange_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RefreshRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "credentialId" INTEGER NOT NULL,
    "attemptKey" TEXT NOT NULL,
    "trigger" TEXT,
    "outcome" TEXT NOT NULL,
    "observedAt" DATETIME NOT NULL,
    "flanksUpdatedAt" DATETIME,
    "errored" TEXT,
    CONSTRAINT "RefreshRecord_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusCounter" (
    "institutionId" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("institutionId", "ownerKey", "status")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "credentialId" INTEGER NOT NULL,
    "flow" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "contactId" INTEGER,
    "senderId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "failureCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" DATETIME,
    "completedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "Link_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Link_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "linkId" TEXT,
    CONSTRAINT "OutboxEmail_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

    PRIMARY KEY ("day", "institutionId"),
    CONSTRAINT "DailyInstitutionRollup_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "institutionId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "failureRate" REAL NOT NULL,
    "baselineRate" REAL NOT NULL,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "closedAt" DATETIME,
    CONSTRAINT "Incident_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lastStartedAt" DATETIME,
    "lastCompletedAt" DATETIME,
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SimCredential" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "institutionId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password" TEXT NOT NULL,
    "bankPassword" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "loadAt" DATETIME NOT NULL,
    "lastUpdateAt" DATETIME,
    "lastScaAt" DATETIME NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT true,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "scaToken" TEXT,
    "resetToken" TEXT,
    "errored" TEXT
);

-- CreateTable
CREATE TABLE "SimState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lastDailyRun" DATETIME NOT NULL,
    "outages" TEXT NOT NULL DEFAULT '[]'
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

