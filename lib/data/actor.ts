// Who is acting. Every data function takes one, so a missing permission check is a type error
// rather than a silent leak. Only the CLI and the seed construct the system actor: they run with
// the database's own credentials, so they are the instance operator by definition.
export type Actor = { kind: 'user'; userId: string } | { kind: 'system' };

export const systemActor: Actor = { kind: 'system' };

export function userActor(userId: string): Actor {
  return { kind: 'user', userId };
}
