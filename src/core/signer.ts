/** Who signed an artifact, as `verify` and `status` name it (src/store/trust_names.ts builds it). */

/** Who signed something, as `verify` and `status` name it. */
export interface SignerInfo {
  key_id: string;
  /** The trust name given with `trust add` (null: none, e.g. our own key before it is named). */
  name: string | null;
  /** The key is in keys/trusted/ now. */
  trusted: boolean;
  /** The key is this state folder's own signing key. */
  own: boolean;
}

/** "alice (3f2a9c1e0b7d4e21)", "3f2a9c1e0b7d4e21 (this machine's key)", "... : not trusted". */
export function signerLabel(s: SignerInfo): string {
  const notes = s.own ? [s.key_id, "this machine's key"] : [s.key_id];
  const text = s.name
    ? `${s.name} (${notes.join(", ")})`
    : s.own
    ? `${s.key_id} (this machine's key)`
    : s.key_id;
  return s.trusted ? text : `${text}: not trusted`;
}
