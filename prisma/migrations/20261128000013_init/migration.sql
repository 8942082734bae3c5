-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "httpStatus" INTEGER NOT NULL,
    "kind" TEXT,
    "contentType" TEXT,
    "headers" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "bodySize" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "bodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "notificationId" TEXT
);

-- CreateTable
CREATE TABLE "Order" (
    "orderId" TEXT NOT NULL PRIMARY KEY,
    "orderType" TEXT NOT NULL,
    "orderTypeKey" TEXT NOT NULL,
    "customerOrderId" TEXT,
    "status" TEXT,
    "statusAt" DATETIME,
    "lastModifiedDate" DATETIME,
    "actualFocDate" DATETIME,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "notificationCount" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "typeKey" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "orderId" TEXT,
    "orderType" TEXT,
    "eventType" TEXT,
    "customerOrderId" TEXT,
    "status" TEXT,
    "message" TEXT,
    "errorCode" TEXT,
    "note" TEXT,
    "numbers" TEXT NOT NULL,
    "lastModifiedDate" DATETIME,
    "actualFocDate" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "sortAt" DATETIME NOT NULL,
    "deliveryId" TEXT NOT NULL,
    CONSTRAINT "Notification_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("orderId") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Notification_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NumberRef" (
    "e164" TEXT NOT NULL,
    "asReceived" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "orderId" TEXT,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("e164", "notificationId"),
    CONSTRAINT "NumberRef_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Delivery_receivedAt_id_idx" ON "Delivery"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_outcome_receivedAt_id_idx" ON "Delivery"("outcome", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_notificationId_idx" ON "Delivery"("notificationId");

-- CreateIndex
CREATE INDEX "Order_lastSeenAt_orderId_idx" ON "Order"("lastSeenAt", "orderId");

-- CreateIndex
CREATE INDEX "Order_orderTypeKey_lastSeenAt_orderId_idx" ON "Order"("orderTypeKey", "lastSeenAt", "orderId");

-- CreateIndex
CREATE INDEX "Order_status_lastSeenAt_orderId_idx" ON "Order"("status", "lastSeenAt", "orderId");

-- CreateIndex
CREATE INDEX "Order_customerOrderId_idx" ON "Order"("customerOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupKey_key" ON "Notification"("dedupKey");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_deliveryId_key" ON "Notification"("deliveryId");

-- CreateIndex
CREATE INDEX "Notification_receivedAt_id_idx" ON "Notification"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "Notification_kind_receivedAt_id_idx" ON "Notification"("kind", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Notification_typeKey_receivedAt_id_idx" ON "Notification"("typeKey", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Notification_status_receivedAt_id_idx" ON "Notification"("status", "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Notification_orderId_sortAt_idx" ON "Notification"("orderId", "sortAt");

-- CreateIndex
CREATE INDEX "NumberRef_e164_receivedAt_idx" ON "NumberRef"("e164", "receivedAt");

-- CreateIndex
CREATE INDEX "NumberRef_orderId_idx" ON "NumberRef"("orderId");
