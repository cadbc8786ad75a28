'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/lib/auth';
import { changeEmail, changeName, changePassword, deleteAccount } from '@/lib/data/account';
import type { ActionResult } from '@/lib/errors';
import { currentSessionId } from '@/lib/session';
import { formFields, runAction } from './run';

// The account settings forms (components/settings/account-forms.tsx). Each posts FormData and
// answers an ActionResult whose fieldErrors the form shows under its fields.

export async function changeNameAction(form: FormData): Promise<ActionResult<{ name: string }>> {
  return runAction('changeNameAction', async (actor) => {
    const user = await changeName(actor, formFields(form, ['name']));
    revalidatePath('/', 'layout'); // the header shows the name
    return { name: user.name };
  });
}

export async function changeEmailAction(form: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction('changeEmailAction', async (actor) => {
    const user = await changeEmail(actor, formFields(form, ['email', 'currentPassword']));
    revalidatePath('/', 'layout');
    return { email: user.email };
  });
}

export async function changePasswordAction(form: FormData): Promise<ActionResult<{ endedSessions: number }>> {
  const sid = await currentSessionId();
  return runAction('changePasswordAction', (actor) => changePassword(actor, formFields(form, ['currentPassword', 'newPassword', 'confirmPassword']), sid));
}

export async function deleteAccountAction(form: FormData): Promise<ActionResult<null>> {
  const result = await runAction('deleteAccountAction', async (actor) => {
    await deleteAccount(actor, formFields(form, ['currentPassword', 'confirmation']));
    return null;
  });
  if (!result.ok) return result;
  // The sessions went with the account; this clears the cookie too.
  await signOut({ redirect: false });
  redirect('/login?accountDeleted=1');
}
