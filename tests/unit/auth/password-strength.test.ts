import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, weakPasswordMessage } from '@/lib/auth/password-strength';
import { changePasswordSchema, createUserSchema, signUpSchema } from '@/lib/validations/auth';
import { fieldErrorsOf } from '@/lib/validations/parse';

describe('checkPasswordStrength (zxcvbn)', () => {
  it.each([
    ['password', []],
    ['parallax123', []], // the app's own name is in the dictionary
    ['qwertyuiop', []], // a keyboard walk
    ['12345678', []],
    ['iloveyou2', []],
    ['Lovelace1815', ['ada.lovelace@example.org', 'Ada Lovelace']], // the person's own name
  ])('refuses %s', (password, inputs) => {
    const strength = checkPasswordStrength(password, inputs);
    expect(strength.score).toBeLessThan(3);
    expect(strength.strongEnough).toBe(false);
    expect(weakPasswordMessage(strength)).toMatch(/^This password is too easy to guess\. .+/);
  });

  it.each(['correct horse battery', 'Plum harbour quietly 42', 'long enough pass'])('accepts %s', (password) => {
    expect(checkPasswordStrength(password).strongEnough).toBe(true);
  });

  it('names the reason and gives a hint from zxcvbn’s feedback', () => {
    expect(weakPasswordMessage(checkPasswordStrength('password'))).toBe(
      'This password is too easy to guess. This is a heavily used password. Add more words that are less common.',
    );
  });
});

describe('the schemas that use it', () => {
  it('sign-up refuses a weak password under its field; the operator’s createUser keeps the length rule only', () => {
    const input = { name: 'Ida', email: 'ida@example.org', password: 'password1' };
    const result = signUpSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error?.issues ?? [])).toEqual({ password: expect.stringMatching(/too easy to guess/) });
    expect(createUserSchema.safeParse(input).success).toBe(true);
  });

  it('a password change checks the repeat, sameness and strength against the account’s own details', () => {
    const parse = (newPassword: string, confirmPassword = newPassword) =>
      fieldErrorsOf(
        changePasswordSchema.safeParse({ currentPassword: 'Old one here 11', newPassword, confirmPassword, userInputs: ['ida@example.org', 'Ida Pfeiffer'] }).error
          ?.issues ?? [],
      );
    expect(parse('Plum harbour quietly 42')).toBeUndefined();
    expect(parse('Plum harbour quietly 42', 'Plum harbour quietly 43')).toEqual({ confirmPassword: expect.stringMatching(/differ/) });
    expect(parse('Old one here 11')).toEqual({ newPassword: expect.stringMatching(/same as the current/) });
    expect(parse('IdaPfeiffer')).toEqual({ newPassword: expect.stringMatching(/too easy to guess/) });
    expect(parse('short')).toEqual({ newPassword: 'Password must be at least 8 characters.' });
  });
});
