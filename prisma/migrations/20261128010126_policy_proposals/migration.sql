-- CreateTable
CREATE TABLE "PolicyProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL,
    "proposerId" TEXT NOT NULL,
    "proposerEmail" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "policy" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedAt" DATETIME,
    "deciderEmail" TEXT,
    "decisionComment" TEXT,
    "resultingVersion" INTEGER
);

-- CreateIndex
CREATE INDEX "PolicyProposal_status_createdAt_idx" ON "PolicyProposal"("status", "createdAt");
