-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AlertRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kinds" TEXT NOT NULL,
    "orderTypes" TEXT NOT NULL,
    "subscriberTags" TEXT NOT NULL,
    "minSeverity" TEXT NOT NULL,
    "quietMinutes" INTEGER NOT NULL,
    "digest" BOOLEAN NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "lifecycleUpdates" BOOLEAN NOT NULL DEFAULT false,
    "channelIds" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_AlertRule" ("channelIds", "createdAt", "digest", "enabled", "id", "kinds", "minSeverity", "name", "orderTypes", "quietMinutes", "subscriberTags", "updatedAt") SELECT "channelIds", "createdAt", "digest", "enabled", "id", "kinds", "minSeverity", "name", "orderTypes", "quietMinutes", "subscriberTags", "updatedAt" FROM "AlertRule";
DROP TABLE "AlertRule";
ALTER TABLE "new_AlertRule" RENAME TO "AlertRule";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Order_orderTypeKey_actualFocDate_status_idx" ON "Order"("orderTypeKey", "actualFocDate", "status");
