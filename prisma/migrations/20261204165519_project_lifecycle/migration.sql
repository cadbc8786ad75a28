-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeletedProject" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deletedById" UUID,
    "details" JSONB NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedProject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeletedProject_deletedById_deletedAt_idx" ON "DeletedProject"("deletedById", "deletedAt");

-- AddForeignKey
ALTER TABLE "DeletedProject" ADD CONSTRAINT "DeletedProject_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
