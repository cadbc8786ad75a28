-- A project's own research question: the Compare tab, memos' placeholders and reports ask it,
-- instead of copy written for the demo study. Empty until an owner sets it.
ALTER TABLE "Project" ADD COLUMN "question" TEXT NOT NULL DEFAULT '';
