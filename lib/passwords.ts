import 'server-only';
import argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, t=3): the OWASP-recommended family for
// password storage. Parameters live inside each hash, so they can be raised later.
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so that a wrong email and a wrong password take the
// same time and sign-in cannot be used to find out which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('parallax-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
