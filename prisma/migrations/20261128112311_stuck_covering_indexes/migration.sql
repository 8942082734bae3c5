-- DropIndex
DROP INDEX "Order_orderTypeKey_lastSeenAt_orderId_idx";

-- DropIndex
DROP INDEX "Order_lastSeenAt_orderId_idx";

-- CreateIndex
CREATE INDEX "Order_lastSeenAt_orderId_orderTypeKey_status_idx" ON "Order"("lastSeenAt", "orderId", "orderTypeKey", "status");

-- CreateIndex
CREATE INDEX "Order_orderTypeKey_lastSeenAt_orderId_status_idx" ON "Order"("orderTypeKey", "lastSeenAt", "orderId", "status");
