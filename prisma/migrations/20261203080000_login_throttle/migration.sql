-- Sign-in throttling per account and address pair, with exponential backoff (lib/auth/throttle.ts).
ALTER TABLE "LoginAttempt" ADD COLUMN "throttled" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "inflight" INTEGER NOT NULL DEFAULT 0,
    "reservedAt" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);
