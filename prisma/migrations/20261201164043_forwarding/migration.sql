-- CreateTable
CREATE TABLE "ForwardDestination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT NOT NULL,
    "orderTypes" TEXT NOT NULL,
    "statuses" TEXT NOT NULL,
    "includeRaw" BOOLEAN NOT NULL DEFAULT false,
    "sealedSecrets" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "disabledReason" TEXT,
    "failingSince" DATETIME,
    "lastSuccessAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ForwardEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "orderId" TEXT,
    "orderType" TEXT,
    "status" TEXT,
    "deliveryId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ForwardDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "firstAttemptAt" DATETIME,
    "jobToken" TEXT NOT NULL,
    "lockedUntil" DATETIME,
    "nextAttemptAt" DATETIME,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ForwardAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "responseBody" TEXT,
    "error" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "ForwardEvent_sourceKey_key" ON "ForwardEvent"("sourceKey");

-- CreateIndex
CREATE INDEX "ForwardEvent_occurredAt_idx" ON "ForwardEvent"("occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ForwardDelivery_key_key" ON "ForwardDelivery"("key");

-- CreateIndex
CREATE INDEX "ForwardDelivery_destinationId_state_idx" ON "ForwardDelivery"("destinationId", "state");

-- CreateIndex
CREATE INDEX "ForwardDelivery_eventId_idx" ON "ForwardDelivery"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ForwardDelivery_destinationId_orderKey_seq_key" ON "ForwardDelivery"("destinationId", "orderKey", "seq");

-- CreateIndex
CREATE INDEX "ForwardAttempt_destinationId_startedAt_idx" ON "ForwardAttempt"("destinationId", "startedAt");

-- CreateIndex
CREATE INDEX "ForwardAttempt_deliveryId_idx" ON "ForwardAttempt"("deliveryId");

-- CreateIndex
CREATE INDEX "ForwardAttempt_startedAt_idx" ON "ForwardAttempt"("startedAt");
