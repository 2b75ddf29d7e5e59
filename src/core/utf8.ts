/**
 * The exact text of a client file's bytes. `new TextDecoder()` drops a leading byte order mark
 * (`ignoreBOM` is false by default) and replaces invalid bytes with U+FFFD, so encoding its text again
 * loses bytes. Here a BOM stays in the text as U+FEFF (the codecs set it aside and put it back) and
 * invalid UTF-8 is refused: for every accepted input, `encodeText(decodeExact(b))` is `b`, byte for byte.
 *
 * @example
 * decodeExact(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d)); // "\uFEFF{}"
 */

const exact = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const enc = new TextEncoder();

/** The text of `bytes`, a BOM kept as U+FEFF; null when they are not valid UTF-8. */
export function decodeExact(bytes: Uint8Array): string | null {
  try {
    return exact.decode(bytes);
  } catch {
    return null;
  }
}

/** The UTF-8 bytes of `text` (a U+FEFF at its start is written as the BOM it stood for). */
export function encodeText(text: string): Uint8Array {
  return enc.encode(text);
}
