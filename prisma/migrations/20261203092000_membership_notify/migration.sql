-- A member removed from a project (or given another role) is announced on the events channel, so
-- every app instance closes or re-checks that person's open live streams at once (lib/data/live.ts),
-- whatever made the change: the app, the CLI, plain SQL, a deleted project or account.
CREATE FUNCTION parallax_notify_membership() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_events', json_build_object('kind', 'access', 'projectId', OLD."projectId", 'userId', OLD."userId")::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Membership_access" AFTER DELETE OR UPDATE OF "role" ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_membership();
