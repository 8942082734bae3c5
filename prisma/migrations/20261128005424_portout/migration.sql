-- CreateTable
CREATE TABLE "SubscriberRecord" (
    "e164" TEXT NOT NULL PRIMARY KEY,
    "accountNumber" TEXT NOT NULL,
    "pinHash" TEXT,
    "zipCode" TEXT,
    "subscriberName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "lockedAt" DATETIME,
    "lockedUntil" DATETIME,
    "lockReason" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL,
    "policy" TEXT NOT NULL,
    "proposalId" TEXT,
    "approvedBy" TEXT
);

-- CreateTable
CREATE TABLE "PortoutRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestKey" TEXT NOT NULL,
    "firstReceivedAt" DATETIME NOT NULL,
    "lastReceivedAt" DATETIME NOT NULL,
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
    "deliveryId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "PortoutNumberRef" (
    "e164" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("e164", "requestId")
);

-- CreateIndex
CREATE INDEX "SubscriberRecord_accountNumber_idx" ON "SubscriberRecord"("accountNumber");

-- CreateIndex
CREATE INDEX "PortoutRequest_requestKey_firstReceivedAt_idx" ON "PortoutRequest"("requestKey", "firstReceivedAt");

-- CreateIndex
CREATE INDEX "PortoutRequest_firstReceivedAt_id_idx" ON "PortoutRequest"("firstReceivedAt", "id");

-- CreateIndex
CREATE INDEX "PortoutNumberRef_e164_receivedAt_idx" ON "PortoutNumberRef"("e164", "receivedAt");
