-- Processes remember verified API tokens for a while (lib/data/tokens.ts) and LISTEN here to
-- forget one the moment it is revoked or deleted, whatever does it (the app, the CLI, plain SQL,
-- a user's deletion cascading). The payload is the token's hash, never the token.
CREATE FUNCTION parallax_notify_token() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('parallax_tokens', OLD."tokenHash");
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ApiToken_revoked" AFTER UPDATE OF "revokedAt", "tokenHash", "userId" ON "ApiToken"
  FOR EACH ROW WHEN (NEW."revokedAt" IS DISTINCT FROM OLD."revokedAt" OR NEW."tokenHash" IS DISTINCT FROM OLD."tokenHash" OR NEW."userId" IS DISTINCT FROM OLD."userId")
  EXECUTE FUNCTION parallax_notify_token();

CREATE TRIGGER "ApiToken_deleted" AFTER DELETE ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION parallax_notify_token();
