-- A bulk write into a project nobody can be watching yet (an import making a new project) sets
-- parallax.quiet for its transaction; the per-row change notices are then skipped: no one listens
-- for a project that does not exist until the transaction commits, and 45,000 notices cost more
-- than the rows themselves.
CREATE OR REPLACE FUNCTION parallax_notify_annotation() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('parallax.quiet', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'annotation', 'id', NEW."id", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotatorId', NEW."annotatorId", 'layer', NEW."layer", 'version', NEW."version",
    'deleted', NEW."deletedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION parallax_notify_comment() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('parallax.quiet', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'comment', 'id', NEW."id", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotationId', NEW."annotationId", 'version', NEW."version",
    'deleted', NEW."deletedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION parallax_notify_thread() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('parallax.quiet', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM pg_notify('parallax_events', json_build_object(
    'kind', 'thread', 'id', NEW."annotationId", 'projectId', NEW."projectId", 'documentId', NEW."documentId",
    'annotationId', NEW."annotationId", 'resolved', NEW."resolvedAt" IS NOT NULL)::text);
  RETURN NULL;
END
$fn$;
