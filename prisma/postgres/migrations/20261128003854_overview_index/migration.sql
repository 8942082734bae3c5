-- CreateIndex
CREATE INDEX "Order_orderTypeKey_status_idx" ON "Order"("orderTypeKey", "status");
