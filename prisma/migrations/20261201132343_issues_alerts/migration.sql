-- CreateTable
CREATE TABLE "Issue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "orderType" TEXT,
    "state" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "conditionAt" DATETIME NOT NULL,
    "lastDetail" TEXT,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    "snoozedUntil" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IssueEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issueId" TEXT NOT NULL,
    "sourceKey" TEXT,
    "at" DATETIME NOT NULL,
    "event" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "WebhookAuthFailure" (
    "windowStart" DATETIME NOT NULL,
    "address" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAt" DATETIME NOT NULL,

    PRIMARY KEY ("windowStart", "address", "username")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "sealedSecrets" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "lastSuccessAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kinds" TEXT NOT NULL,
    "orderTypes" TEXT NOT NULL,
    "subscriberTags" TEXT NOT NULL,
    "minSeverity" TEXT NOT NULL,
    "quietMinutes" INTEGER NOT NULL,
    "digest" BOOLEAN NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "channelIds" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ruleId" TEXT,
    "issueId" TEXT,
    "subjectKey" TEXT,
    "event" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "Issue_state_lastSeenAt_idx" ON "Issue"("state", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Issue_lastSeenAt_id_idx" ON "Issue"("lastSeenAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Issue_kind_subjectKey_key" ON "Issue"("kind", "subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "IssueEvent_sourceKey_key" ON "IssueEvent"("sourceKey");

-- CreateIndex
CREATE INDEX "IssueEvent_issueId_at_idx" ON "IssueEvent"("issueId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_key_key" ON "AlertDelivery"("key");

-- CreateIndex
CREATE INDEX "AlertDelivery_channelId_createdAt_idx" ON "AlertDelivery"("channelId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_ruleId_subjectKey_sentAt_idx" ON "AlertDelivery"("ruleId", "subjectKey", "sentAt");
