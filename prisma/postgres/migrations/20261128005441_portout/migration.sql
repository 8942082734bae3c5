-- CreateTable
CREATE TABLE "SubscriberRecord" (
    "e164" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "pinHash" TEXT,
    "zipCode" TEXT,
    "subscriberName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "lockedAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lockReason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SubscriberRecord_pkey" PRIMARY KEY ("e164")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "policy" TEXT NOT NULL,
    "proposalId" TEXT,
    "approvedBy" TEXT,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "PortoutRequest" (
    "id" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "firstReceivedAt" TIMESTAMP(3) NOT NULL,
    "lastReceivedAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "pon" TEXT,
    "numbers" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "portable" BOOLEAN NOT NULL,
    "errorCodes" TEXT NOT NULL,
    "responseXml" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "policyVersion" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "fallbackReason" TEXT,
    "deliveryId" TEXT NOT NULL,

    CONSTRAINT "PortoutRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortoutNumberRef" (
    "e164" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortoutNumberRef_pkey" PRIMARY KEY ("e164","requestId")
);

-- CreateIndex
CREATE INDEX "SubscriberRecord_accountNumber_idx" ON "SubscriberRecord"("accountNumber");

-- CreateIndex
CREATE INDEX "PortoutRequest_requestKey_firstReceivedAt_idx" ON "PortoutRequest"("requestKey", "firstReceivedAt");

-- CreateIndex
CREATE INDEX "PortoutRequest_firstReceivedAt_id_idx" ON "PortoutRequest"("firstReceivedAt", "id");

-- CreateIndex
CREATE INDEX "PortoutNumberRef_e164_receivedAt_idx" ON "PortoutNumberRef"("e164", "receivedAt");
