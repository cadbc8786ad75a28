import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { emailSchema } from '@/lib/validations/auth';
import { parseOrThrow } from '@/lib/validations/parse';
import { createApiTokenSchema, type CreateApiTokenInput } from '@/lib/validations/token';
import { requireUserId } from './access';
import { userActor, type Actor } from './actor';
import { PgListener } from './pg-listener';
import { query, sql } from './sql';
import type { PublicUser } from './users';

export type ApiTokenSummary = {
  id: string;
  name: string;
  /** The 8 characters after "plx_": enough to tell tokens apart, useless for signing in. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

// "plx_" marks the string as a Parallax token (secret scanners and people recognise it); 32 random
// bytes make it unguessable, so a fast unsalted SHA-256 is enough to store it: there is no
// dictionary to attack, unlike a password.
const tokenPrefix = 'plx_';
const tokenPattern = /^plx_[A-Za-z0-9_-]{43}$/;
// lastUsedAt is for the user's information; writing it on every request would put a write on
// every API read.
const lastUsedResolutionMs = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const summarySelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toSummary(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a token for the actor. The token itself is returned this once and never stored. */
export async function createApiToken(
  actor: Actor,
  input: CreateApiTokenInput,
): Promise<{ id: string; name: string; prefix: string; token: string }> {
  const userId = requireUserId(actor);
  const { name } = parseOrThrow(createApiTokenSchema, input);
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  const prefix = token.slice(tokenPrefix.length, tokenPrefix.length + 8);
  const row = await getDb().apiToken.create({
    data: { userId, name, prefix, tokenHash: hashToken(token) },
    select: { id: true, name: true, prefix: true },
  });
  return { ...row, token };
}

/** The CLI's path: the operator (system actor) creates a token for a named account. */
export async function createApiTokenForEmail(
  actor: Actor,
  email: string,
  name = 'CLI',
): Promise<{ id: string; name: string; prefix: string; token: string; email: string }> {
  if (actor.kind !== 'system') throw new AppError('FORBIDDEN', 'Only the operator (the CLI) can create tokens for another account.');
  const address = parseOrThrow(emailSchema, email);
  const user = await getDb().user.findUnique({ where: { email: address }, select: { id: true, email: true } });
  if (!user) throw new AppError('NOT_FOUND', `No account for ${address}; create it first with \`users add\`.`);
  return { ...(await createApiToken(userActor(user.id), { name })), email: user.email };
}

/** The actor's tokens, newest first, revoked ones included (marked) so the list explains itself. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  const userId = requireUserId(actor);
  const rows = await getDb().apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: summarySelect });
  return rows.map(toSummary);
}

/** Revokes one of the actor's own tokens; someone else's token is NOT_FOUND. Revoking twice is harmless. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<ApiTokenSummary> {
  const userId = requireUserId(actor);
  const notFound = new AppError('NOT_FOUND', 'No such API token of yours.');
  if (!isUuid(tokenId)) throw notFound;
  const db = getDb();
  await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  // The trigger tells every process; this one need not wait for its own notification.
  forget();
  const row = await db.apiToken.findFirst({ where: { id: tokenId, userId }, select: summarySelect });
  if (!row) throw notFound;
  return toSummary(row);
}

// ─── Verified tokens, remembered ───────────────────────────────────────────────────────────────
//
// Every API request checks its token; under the live-collaboration load that database round trip
// was about a tenth of a write's cost. So a process remembers a token it has verified for up to
// a minute, but only while it LISTENs on the channel a trigger on "ApiToken" notifies when a
// token is revoked or deleted (migration "token_revocations"), however that happens. A revocation
// therefore takes effect everywhere as soon as its notification arrives (milliseconds); the code
// that revokes also forgets at once. Without the LISTEN connection nothing is remembered.

const TOKEN_CHANNEL = 'parallax_tokens';
const rememberMs = 60_000;
const rememberAtMost = 10_000;
const verified = new Map<string, { user: PublicUser; until: number }>();
/**
 * Bumped by every revocation and by every drop of the LISTEN connection: a check whose answer
 * arrives after a bump may have raced the revocation, so it is used but not remembered.
 */
let generation = 0;
let nextListenAttempt = 0;
const listenRetryMs = 30_000;

function forget(hash?: string): void {
  generation++;
  if (hash === undefined) verified.clear();
  else verified.delete(hash);
}

const revocations = new PgListener({
  name: 'API tokens',
  channels: [TOKEN_CHANNEL],
  onNotification: (_channel, payload) => forget(payload),
  onLost: () => forget(),
  onReconnected: () => forget(),
  unref: true,
});

/**
 * The user a bearer token belongs to, or null for an unknown, malformed or revoked token. The
 * lookup is by hash, so there is no secret comparison whose timing could leak anything.
 */
export async function authenticateApiToken(token: string): Promise<PublicUser | null> {
  if (!tokenPattern.test(token)) return null;
  const hash = hashToken(token);
  const now = Date.now();
  const known = verified.get(hash);
  if (known && known.until > now && revocations.listening) return known.user;
  if (!revocations.listening && now >= nextListenAttempt) {
    // Started in the background; until it is up, every request checks the database. A database
    // that refuses LISTEN (a pooler in transaction mode) is asked again only every half minute.
    nextListenAttempt = now + listenRetryMs;
    revocations.ensure().catch((error: unknown) => {
      console.warn('[parallax] API tokens: cannot LISTEN for revocations; tokens are checked on every request', error instanceof Error ? error.message : error);
    });
  }
  const before = generation;
  const wasListening = revocations.listening;
  const user = await lookUpToken(hash, now);
  if (user && wasListening && revocations.listening && generation === before) {
    if (verified.size >= rememberAtMost) verified.clear();
    verified.set(hash, { user, until: now + rememberMs });
  }
  return user;
}

/** Tests: what this process remembers about a token, and whether it hears revocations. */
export const tokenCache = {
  remembers: (token: string): boolean => verified.has(hashToken(token)),
  listening: (): boolean => revocations.listening,
  listen: (): Promise<void> => revocations.ensure(),
};

async function lookUpToken(hash: string, now: number): Promise<PublicUser | null> {
  // One joined statement, straight to pg (lib/data/sql.ts). The lastUsedAt stamp is written in
  // the same statement, at most once a minute per token (the condition makes concurrent requests
  // with one token write it once); with the memory above it is at most a minute or two behind.
  const staleBefore = new Date(now - lastUsedResolutionMs).toISOString();
  const [row] = await query<{ revoked: boolean; userId: string; email: string; name: string }>(sql`
    WITH t AS (
      SELECT t."id", t."revokedAt" IS NOT NULL AS revoked, t."lastUsedAt", t."userId"
      FROM "ApiToken" t WHERE t."tokenHash" = ${hash}
    ), touch AS (
      UPDATE "ApiToken" SET "lastUsedAt" = (${new Date(now).toISOString()}::timestamptz AT TIME ZONE 'UTC')
      FROM t WHERE "ApiToken"."id" = t."id" AND NOT t.revoked
        AND ("ApiToken"."lastUsedAt" IS NULL OR "ApiToken"."lastUsedAt" < (${staleBefore}::timestamptz AT TIME ZONE 'UTC'))
    )
    SELECT t.revoked, u."id"::text AS "userId", u."email", u."name" FROM t JOIN "User" u ON u."id" = t."userId"`);
  if (!row || row.revoked) return null;
  return { id: row.userId, email: row.email, name: row.name };
}
