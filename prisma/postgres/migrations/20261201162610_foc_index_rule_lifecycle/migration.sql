-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "lifecycleUpdates" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Order_orderTypeKey_actualFocDate_status_idx" ON "Order"("orderTypeKey", "actualFocDate", "status");
