// Class names shared by the codebook editor's components.

/**
 * A quiet red button for destructive actions that open a confirmation (Delete…). A separate class
 * because the ghost button's own text colour would win over one added to it.
 */
export const dangerLinkClass =
  'inline-flex items-center justify-center rounded-md px-3.5 py-2 text-sm font-medium text-red-700 transition-colors hover:bg-red-50 disabled:cursor-not-allowed disabled:text-stone-400';
