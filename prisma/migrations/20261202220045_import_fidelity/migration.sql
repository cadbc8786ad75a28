-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('ANALYSING', 'READY', 'IMPORTING', 'DONE', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "externalCodingId" TEXT,
ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "AttributeDefinition" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "AttributeOption" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Memo" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "externalId" TEXT;

-- CreateTable
CREATE TABLE "DocumentGroup" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentGroupMember" (
    "groupId" UUID NOT NULL,
    "documentId" UUID NOT NULL,

    CONSTRAINT "DocumentGroupMember_pkey" PRIMARY KEY ("groupId","documentId")
);

-- CreateTable
CREATE TABLE "CategoryGroup" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CategoryGroupMember" (
    "groupId" UUID NOT NULL,
    "categoryId" UUID NOT NULL,

    CONSTRAINT "CategoryGroupMember_pkey" PRIMARY KEY ("groupId","categoryId")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "projectId" UUID,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'ANALYSING',
    "stage" TEXT NOT NULL DEFAULT '',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "options" JSONB,
    "summary" JSONB,
    "error" TEXT,
    "resultSlug" TEXT,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DocumentGroup_projectId_position_idx" ON "DocumentGroup"("projectId", "position");

-- CreateIndex
CREATE INDEX "DocumentGroupMember_documentId_idx" ON "DocumentGroupMember"("documentId");

-- CreateIndex
CREATE INDEX "CategoryGroup_projectId_position_idx" ON "CategoryGroup"("projectId", "position");

-- CreateIndex
CREATE INDEX "CategoryGroupMember_categoryId_idx" ON "CategoryGroupMember"("categoryId");

-- CreateIndex
CREATE INDEX "ImportJob_userId_createdAt_idx" ON "ImportJob"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportJob_expiresAt_idx" ON "ImportJob"("expiresAt");

-- AddForeignKey
ALTER TABLE "DocumentGroup" ADD CONSTRAINT "DocumentGroup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentGroupMember" ADD CONSTRAINT "DocumentGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DocumentGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentGroupMember" ADD CONSTRAINT "DocumentGroupMember_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryGroup" ADD CONSTRAINT "CategoryGroup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryGroupMember" ADD CONSTRAINT "CategoryGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "CategoryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryGroupMember" ADD CONSTRAINT "CategoryGroupMember_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
