-- No backfill: the key only counts port-out requests of the last hour (the burst issue), and older rows never need it.
-- AlterTable
ALTER TABLE "PortoutRequest" ADD COLUMN "accountKey" TEXT;

-- CreateIndex
CREATE INDEX "PortoutRequest_accountKey_firstReceivedAt_idx" ON "PortoutRequest"("accountKey", "firstReceivedAt");
