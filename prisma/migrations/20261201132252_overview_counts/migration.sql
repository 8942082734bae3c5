-- DropIndex
DROP INDEX "Order_orderTypeKey_lastSeenAt_orderId_status_idx";

-- DropIndex
DROP INDEX "Order_orderTypeKey_status_idx";

-- CreateTable
CREATE TABLE "OrderCount" (
    "orderTypeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("orderTypeKey", "status", "shard")
);

-- CreateTable
CREATE TABLE "NotificationDay" (
    "day" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "shard")
);

-- CreateIndex
CREATE INDEX "Order_orderTypeKey_status_lastSeenAt_orderId_idx" ON "Order"("orderTypeKey", "status", "lastSeenAt", "orderId");

-- Backfill the summaries from the rows already stored (shard 0). From here on the ingest keeps them.
INSERT INTO "OrderCount" ("orderTypeKey", "status", "shard", "count")
SELECT "orderTypeKey", COALESCE("status", ''), 0, COUNT(*) FROM "Order" GROUP BY "orderTypeKey", COALESCE("status", '');

INSERT INTO "NotificationDay" ("day", "shard", "count")
SELECT strftime('%Y-%m-%d', "receivedAt"), 0, COUNT(*) FROM "Notification" GROUP BY strftime('%Y-%m-%d', "receivedAt");
