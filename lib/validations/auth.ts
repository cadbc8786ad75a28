import { z } from 'zod';
import { checkPasswordStrength, weakPasswordMessage } from '@/lib/auth/password-strength';

export const emailSchema = z
  .string({ error: 'Email is required.' })
  .trim()
  .toLowerCase()
  .min(1, 'Email is required.')
  .max(254, 'Email is too long (254 characters at most).')
  .email('That is not a valid email address.');

export const passwordSchema = z
  .string({ error: 'Password is required.' })
  .min(8, 'Password must be at least 8 characters.')
  .max(200, 'Password is too long (200 characters at most).');

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.').max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const nameSchema = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is too long (100 characters at most).');

/**
 * An account made by the operator (CLI, seed, tests): the length rule only, since the operator
 * chooses it knowingly. Self-service sign-up and a password change use `signUpSchema` and
 * `changePasswordSchema`, which also refuse a guessable password.
 */
export const createUserSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type SignUpInput = z.input<typeof createUserSchema>;

/** Refuses a password zxcvbn scores below 3, or one built from the person's own email or name. */
function refineStrength(password: string, userInputs: readonly string[], ctx: z.RefinementCtx, path: string) {
  if (password.length < 8 || password.length > 200) return; // the length rule has spoken
  const strength = checkPasswordStrength(password, userInputs);
  if (!strength.strongEnough) ctx.addIssue({ code: 'custom', path: [path], message: weakPasswordMessage(strength) });
}

export const signUpSchema = createUserSchema.superRefine((v, ctx) => refineStrength(v.password, [v.email, v.name], ctx, 'password'));

const currentPasswordSchema = z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200);

/** The account settings forms. `userInputs` (the account's email and name) are added by the data layer. */
export const changeNameSchema = z.object({ name: nameSchema }).strict();
export const changeEmailSchema = z.object({ email: emailSchema, currentPassword: currentPasswordSchema }).strict();
export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'Repeat the new password.' }).max(200),
    userInputs: z.array(z.string().max(254)).max(4).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ; type the same one twice.' });
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'The new password is the same as the current one; choose another.' });
    else refineStrength(v.newPassword, v.userInputs, ctx, 'newPassword');
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
export const deleteAccountSchema = z.object({ currentPassword: currentPasswordSchema, confirmation: z.string().max(300) }).strict();
