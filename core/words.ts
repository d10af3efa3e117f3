// Words every screen needs, as plain constants without zod (core/vocabulary.ts builds its schemas
// from them): a screen that only shows a tally does not download zod (#17, first-load JavaScript).

/** The four answers to a vote, in the order every screen and record lists them. */
export const CHOICES = ["pour", "contre", "abstention", "nppv"] as const;
