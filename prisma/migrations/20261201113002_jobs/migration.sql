-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "runAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "lockedBy" TEXT,
    "lockedAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "jobName" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "workerId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "detail" TEXT
);

-- CreateTable
CREATE TABLE "JobWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastSlotAt" DATETIME NOT NULL
);

-- AlterTable (written by hand instead of the generated copy of the whole table: on a large history a
-- rebuild would rewrite every raw body; a constant default makes ADD COLUMN instant in SQLite)
ALTER TABLE "Delivery" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'webhook';

-- CreateIndex
CREATE INDEX "Job_runAt_idx" ON "Job"("runAt");

-- CreateIndex
CREATE INDEX "JobAttempt_jobId_attempt_idx" ON "JobAttempt"("jobId", "attempt");

-- CreateIndex
CREATE INDEX "JobAttempt_startedAt_id_idx" ON "JobAttempt"("startedAt", "id");

-- CreateIndex
CREATE INDEX "JobAttempt_workerId_outcome_idx" ON "JobAttempt"("workerId", "outcome");

-- CreateIndex
CREATE INDEX "JobWorker_heartbeatAt_idx" ON "JobWorker"("heartbeatAt");
