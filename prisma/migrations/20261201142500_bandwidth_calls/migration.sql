-- CreateTable
CREATE TABLE "BandwidthCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "reason" TEXT
);

-- CreateIndex
CREATE INDEX "BandwidthCall_at_id_idx" ON "BandwidthCall"("at", "id");

-- CreateIndex
CREATE INDEX "BandwidthCall_trigger_at_idx" ON "BandwidthCall"("trigger", "at");
