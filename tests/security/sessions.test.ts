import { describe, expect, it } from 'vitest';
import { userActor } from '@/lib/data/actor';
import { countOpenSessions, endMySessions, endSession, sessionUser, startSession } from '@/lib/data/sessions';
import { setUserPassword } from '@/lib/data/users';
import { makeUser } from '../integration/helpers';

// Sessions end on the server: the cookie names a session, and only an open one signs anyone in.
// (The browser side, a copied cookie after sign-out, is in tests/e2e/foundation.spec.ts.)

describe('sessions', () => {
  it('sign in while open, and not after sign-out, whatever the cookie says', async () => {
    const user = await makeUser('session');
    const sid = await startSession(user.id);
    expect(await sessionUser(sid, user.id)).toMatchObject({ id: user.id, email: user.email });
    // A cookie that names someone else's session, or none, or junk, signs no one in.
    const other = await makeUser('other');
    expect(await sessionUser(sid, other.id)).toBeNull();
    for (const junk of [undefined, '', 'x', ['a'], 42]) expect(await sessionUser(junk, user.id)).toBeNull();
    await endSession(sid);
    expect(await sessionUser(sid, user.id)).toBeNull();
    await endSession(sid); // ending it again is no error
  });

  it('end everywhere at once, and when the password changes', async () => {
    const user = await makeUser('everywhere');
    const sessions = await Promise.all([startSession(user.id), startSession(user.id), startSession(user.id)]);
    expect(await countOpenSessions(user.actor)).toBe(3);
    expect(await endMySessions(user.actor)).toBe(3);
    for (const sid of sessions) expect(await sessionUser(sid, user.id)).toBeNull();

    const again = await startSession(user.id);
    await setUserPassword(user.email, 'a brand new passphrase');
    expect(await sessionUser(again, user.id)).toBeNull();
    expect(await countOpenSessions(userActor(user.id))).toBe(0);
  });
});
