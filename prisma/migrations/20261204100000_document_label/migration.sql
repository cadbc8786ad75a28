-- A label for articles that state no title: the body's first eight words, spaces made single, with
-- "…" when the body goes on. PostgreSQL computes it from the text (a generated column), so every
-- writer of documents (forms, imports, corrections, the seed) gets it without code of its own, and
-- a corrected text relabels itself. It is shown marked as a label, never as a title
-- (lib/corpus/titles.ts).
ALTER TABLE "Document" ADD COLUMN "label" TEXT GENERATED ALWAYS AS (
  -- (a comma or colon the eighth word ends with is dropped before the "…")
  regexp_replace(coalesce(substring(regexp_replace(btrim(left("text", 600)), '\s+', ' ', 'g') from '^\S+(?: \S+){0,7}'), ''), '[,;:]+$', '')
  || CASE
       WHEN length(regexp_replace(btrim("text"), '\s+', ' ', 'g')) > length(coalesce(substring(regexp_replace(btrim(left("text", 600)), '\s+', ' ', 'g') from '^\S+(?: \S+){0,7}'), ''))
       THEN '…'
       ELSE ''
     END
) STORED;
