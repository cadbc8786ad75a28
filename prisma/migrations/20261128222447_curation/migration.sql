-- CreateEnum
CREATE TYPE "CurationStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "CurationDecisionKind" AS ENUM ('MERGED', 'ACCEPTED', 'EDITED', 'REJECTED', 'REMOVED');

-- CreateTable
CREATE TABLE "DocumentCuration" (
    "documentId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "status" "CurationStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentCuration_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "CurationDecision" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "curatorId" UUID,
    "kind" "CurationDecisionKind" NOT NULL,
    "rule" TEXT,
    "categoryId" UUID NOT NULL,
    "categoryName" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "consensusId" UUID,
    "sourceIds" UUID[],
    "sourceVersions" INTEGER[],
    "sourceAnnotatorIds" UUID[],
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurationDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentCuration_projectId_idx" ON "DocumentCuration"("projectId");

-- CreateIndex
CREATE INDEX "CurationDecision_documentId_createdAt_idx" ON "CurationDecision"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "CurationDecision_projectId_createdAt_idx" ON "CurationDecision"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "DocumentCuration" ADD CONSTRAINT "DocumentCuration_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentCuration" ADD CONSTRAINT "DocumentCuration_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationDecision" ADD CONSTRAINT "CurationDecision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationDecision" ADD CONSTRAINT "CurationDecision_curatorId_fkey" FOREIGN KEY ("curatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
