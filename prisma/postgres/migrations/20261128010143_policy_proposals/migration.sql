-- CreateTable
CREATE TABLE "PolicyProposal" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "proposerId" TEXT NOT NULL,
    "proposerEmail" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "policy" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "deciderEmail" TEXT,
    "decisionComment" TEXT,
    "resultingVersion" INTEGER,

    CONSTRAINT "PolicyProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyProposal_status_createdAt_idx" ON "PolicyProposal"("status", "createdAt");
