-- AlterTable
ALTER TABLE "NumberRef" ADD COLUMN     "reversedDigits" TEXT NOT NULL DEFAULT '';

-- Backfill: the digits backwards, spelled with substr so the same text runs on both providers
UPDATE "NumberRef" SET "reversedDigits" = substr(replace("e164", '+', ''), 20, 1) || substr(replace("e164", '+', ''), 19, 1) || substr(replace("e164", '+', ''), 18, 1) || substr(replace("e164", '+', ''), 17, 1) || substr(replace("e164", '+', ''), 16, 1) || substr(replace("e164", '+', ''), 15, 1) || substr(replace("e164", '+', ''), 14, 1) || substr(replace("e164", '+', ''), 13, 1) || substr(replace("e164", '+', ''), 12, 1) || substr(replace("e164", '+', ''), 11, 1) || substr(replace("e164", '+', ''), 10, 1) || substr(replace("e164", '+', ''), 9, 1) || substr(replace("e164", '+', ''), 8, 1) || substr(replace("e164", '+', ''), 7, 1) || substr(replace("e164", '+', ''), 6, 1) || substr(replace("e164", '+', ''), 5, 1) || substr(replace("e164", '+', ''), 4, 1) || substr(replace("e164", '+', ''), 3, 1) || substr(replace("e164", '+', ''), 2, 1) || substr(replace("e164", '+', ''), 1, 1);

-- CreateIndex
CREATE INDEX "NumberRef_reversedDigits_idx" ON "NumberRef"("reversedDigits");

-- CreateIndex
CREATE INDEX "Delivery_bodySha256_idx" ON "Delivery"("bodySha256");

-- CreateIndex
CREATE INDEX "PortoutRequest_deliveryId_idx" ON "PortoutRequest"("deliveryId");
