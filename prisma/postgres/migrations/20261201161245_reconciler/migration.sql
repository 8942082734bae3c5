-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "stateKey" TEXT;

-- CreateTable
CREATE TABLE "ReconcileRun" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "status" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "cursor" TEXT,
    "listed" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "behind" INTEGER NOT NULL DEFAULT 0,
    "recovered" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "drifted" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReconcileRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconcileFinding" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderType" TEXT NOT NULL,
    "status" TEXT,
    "happenedAt" TIMESTAMP(3),
    "learnedAt" TIMESTAMP(3) NOT NULL,
    "lateSeconds" INTEGER,
    "notificationId" TEXT,
    "subscriptionId" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconcileFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconcileLease" (
    "accountId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconcileLease_pkey" PRIMARY KEY ("accountId")
);

-- CreateIndex
CREATE INDEX "ReconcileRun_startedAt_id_idx" ON "ReconcileRun"("startedAt", "id");

-- CreateIndex
CREATE INDEX "ReconcileRun_accountId_status_idx" ON "ReconcileRun"("accountId", "status");

-- CreateIndex
CREATE INDEX "ReconcileFinding_runId_createdAt_idx" ON "ReconcileFinding"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "ReconcileFinding_notificationId_idx" ON "ReconcileFinding"("notificationId");

-- CreateIndex
CREATE INDEX "ReconcileFinding_kind_happenedAt_idx" ON "ReconcileFinding"("kind", "happenedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconcileFinding_runId_kind_orderId_status_key" ON "ReconcileFinding"("runId", "kind", "orderId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_stateKey_key" ON "Notification"("stateKey");
