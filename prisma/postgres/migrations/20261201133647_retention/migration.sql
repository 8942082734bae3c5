-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "bodyPurgedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PortoutRequest" ADD COLUMN     "cpniPurgedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Delivery_bodyPurgedAt_receivedAt_idx" ON "Delivery"("bodyPurgedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "PortoutRequest_cpniPurgedAt_firstReceivedAt_idx" ON "PortoutRequest"("cpniPurgedAt", "firstReceivedAt");
