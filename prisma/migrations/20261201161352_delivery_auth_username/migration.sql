-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "authUsername" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_endpoint_authUsername_receivedAt_idx" ON "Delivery"("endpoint", "authUsername", "receivedAt");
