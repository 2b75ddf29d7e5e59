/**
 * Shortening text doctor shows (stderr lines, HTTP bodies, stdout junk) without ever showing part of a
 * secret: redact first, then cut. When the text was already cut on input (a line longer than what was
 * kept), the end of what was kept may hold the start of a secret the redactor cannot recognise (half a
 * value): that end is dropped too.
 *
 * @example
 * shorten(body, 200, (s) => redactText(s, secrets)); // "HTTP 500: token ***…"
 */

/** What replaces secrets in a text (values, `--api-key=…`, URL passwords). */
export type Redact = (text: string) => string;

export const NO_REDACT: Redact = (s) => s;

/** How much of a text is kept for the redactor to see, per character shown. */
export const WINDOW = 4;
/** Characters dropped at the end of a text cut before redaction (a secret's prefix may sit there). */
const GUARD = 200;

/** `text` redacted, then cut to at most `max` characters (`…` marks a cut); `cut`: the text is itself
 * the start of something longer. */
export function shorten(text: string, max: number, redact: Redact, cut = false): string {
  if (text.length > max * WINDOW) {
    text = text.slice(0, max * WINDOW);
    cut = true;
  }
  let r = redact(text);
  if (cut) r = r.slice(0, Math.max(0, r.length - GUARD));
  return r.length > max ? `${r.slice(0, max)}…` : cut ? `${r}…` : r;
}
