// Password strength, estimated by zxcvbn (Dropbox's estimator, maintained as @zxcvbn-ts): it finds
// the patterns an attacker's cracker tries first (common passwords, names, dictionary words, keyboard
// walks, dates, l33t substitutions) and scores 0–4 by the guesses they would need. Length rules
// alone accept "password1"; this does not. Pure, so the sign-up form's meter and the server's check
// are the same computation.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** Score 3 ("safely unguessable": about 10^8 guesses) is zxcvbn's own line for an online service. */
export const minimumPasswordScore = 3;

// The app's own words are the first an attacker of this instance would try.
const appWords = ['parallax', 'annotation', 'annotate', 'codebook', 'viewpoint'];

// Built on first use. Levenshtein matching is left off: it took about a second per check here
// (measured with zxcvbn-ts 4.2), too slow for a meter that runs as the user types.
let estimator: ZxcvbnFactory | undefined;
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, userInputs: appWords },
  });
  return estimator;
}

export type PasswordStrength = {
  score: 0 | 1 | 2 | 3 | 4;
  strongEnough: boolean;
  /** Why it is weak, in zxcvbn's words ("This is a top-10 common password."); empty when none. */
  warning: string;
  /** What to do instead. */
  suggestions: string[];
};

/**
 * How strong `password` is for a person whose own details are `userInputs` (their email, its local
 * part and their name): a password made of them is refused, since they are public.
 */
export function checkPasswordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  const inputs = userInputs.flatMap((v) => {
    const value = v.trim().toLowerCase();
    if (value === '') return [];
    const local = value.split('@')[0] ?? '';
    return [value, local, ...value.split(/[\s@._-]+/)].filter((w) => w.length >= 3);
  });
  const result = getEstimator().check(password.slice(0, 200), inputs);
  return {
    score: result.score,
    strongEnough: result.score >= minimumPasswordScore,
    warning: result.feedback.warning ?? '',
    suggestions: result.feedback.suggestions,
  };
}

/** The refusal: the reason and one hint, as one sentence pair for a field's error line. */
export function weakPasswordMessage(strength: PasswordStrength): string {
  const reason = strength.warning ? ` ${strength.warning}` : '';
  const hint = strength.suggestions[0] ?? 'Use a few unrelated words, or a longer phrase.';
  return `This password is too easy to guess.${reason} ${hint}`.replace(/\s+/g, ' ').trim();
}

