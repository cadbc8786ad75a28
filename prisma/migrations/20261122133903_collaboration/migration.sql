-- CreateTable
CREATE TABLE "Comment" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "annotationId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "mentions" UUID[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentThread" (
    "annotationId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommentThread_pkey" PRIMARY KEY ("annotationId")
);

-- CreateTable
CREATE TABLE "CommentRead" (
    "userId" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommentRead_pkey" PRIMARY KEY ("userId","documentId")
);

-- CreateTable
CREATE TABLE "ActivityEvent" (
    "id" BIGSERIAL NOT NULL,
    "projectId" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "documentId" UUID,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Presence" (
    "connectionId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "documentId" UUID,
    "userId" UUID NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("connectionId")
);

-- CreateIndex
CREATE INDEX "Comment_annotationId_createdAt_idx" ON "Comment"("annotationId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_documentId_createdAt_idx" ON "Comment"("documentId", "createdAt");

-- CreateIndex
CREATE INDEX "CommentThread_documentId_idx" ON "CommentThread"("documentId");

-- CreateIndex
CREATE INDEX "CommentRead_projectId_userId_idx" ON "CommentRead"("projectId", "userId");

-- CreateIndex
CREATE INDEX "ActivityEvent_projectId_createdAt_idx" ON "ActivityEvent"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "ActivityEvent_projectId_action_createdAt_idx" ON "ActivityEvent"("projectId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "ActivityEvent_projectId_actorId_createdAt_idx" ON "ActivityEvent"("projectId", "actorId", "createdAt");

-- CreateIndex
CREATE INDEX "Presence_projectId_seenAt_idx" ON "Presence"("projectId", "seenAt");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentThread" ADD CONSTRAINT "CommentThread_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentRead" ADD CONSTRAINT "CommentRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityEvent" ADD CONSTRAINT "ActivityEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityEvent" ADD CONSTRAINT "ActivityEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Presence" ADD CONSTRAINT "Presence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Live updates (hand-written; Prisma does not model triggers). After a row of Annotation, Comment
-- or CommentThread is written, send a small JSON message on the channel "parallax_events". It is
-- delivered when the transaction commits, to every app instance that LISTENs; each forwards it
-- only to the viewers allowed to see the row. Messages carry ids, never text, so a message
-- itself leaks nothing and stays far below NOTIFY's 8,000-byte limit.
CREATE FUNCTION parallax_notify_annotation() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'annotation', 'id', NEW."id", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotatorId', NEW."annotatorId", 'layer', NEW."layer", 'version', NEW."version",
    'deleted', NEW."deletedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Annotation_notify" AFTER INSERT OR UPDATE ON "Annotation"
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_annotation();

CREATE FUNCTION parallax_notify_comment() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'comment', 'id', NEW."id", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotationId', NEW."annotationId", 'version', NEW."version",
    'deleted', NEW."deletedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Comment_notify" AFTER INSERT OR UPDATE ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_comment();

CREATE FUNCTION parallax_notify_thread() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'thread', 'id', NEW."annotationId", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotationId', NEW."annotationId", 'resolved', NEW."resolvedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "CommentThread_notify" AFTER INSERT OR UPDATE ON "CommentThread"
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_thread();
