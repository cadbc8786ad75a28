// Instance settings read from the environment, in one place.

/** Self-service sign-up: on unless PARALLAX_ALLOW_SIGNUP=false (an operator then adds users with the CLI). */
export function isSignupAllowed(): boolean {
  return (process.env.PARALLAX_ALLOW_SIGNUP ?? 'true').toLowerCase() !== 'false';
}
