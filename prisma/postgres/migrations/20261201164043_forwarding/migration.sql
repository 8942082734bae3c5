-- CreateTable
CREATE TABLE "ForwardDestination" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT NOT NULL,
    "orderTypes" TEXT NOT NULL,
    "statuses" TEXT NOT NULL,
    "includeRaw" BOOLEAN NOT NULL DEFAULT false,
    "sealedSecrets" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "disabledReason" TEXT,
    "failingSince" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ForwardDestination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForwardEvent" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "orderId" TEXT,
    "orderType" TEXT,
    "status" TEXT,
    "deliveryId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ForwardEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForwardDelivery" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "seq" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "firstAttemptAt" TIMESTAMP(3),
    "jobToken" TEXT NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ForwardDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForwardAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "destinationId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,

    CONSTRAINT "ForwardAttempt_pkey" PRIMARY KEY ("id")
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
