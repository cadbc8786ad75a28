-- A session that ends (sign-out, "sign out everywhere", a password change) is announced on the
-- events channel, so every app instance closes the live streams that session opened (lib/data/live.ts).
CREATE FUNCTION parallax_notify_session() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_events', json_build_object('kind', 'session', 'sessionId', NEW."id", 'userId', NEW."userId")::text);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "UserSession_ended" AFTER UPDATE OF "revokedAt" ON "UserSession"
  FOR EACH ROW WHEN (NEW."revokedAt" IS NOT NULL AND OLD."revokedAt" IS NULL)
  EXECUTE FUNCTION parallax_notify_session();
