/**
 * The text hash stored with every document and every annotation (docs/format.md, "The text hash").
 *
 * Why it exists: an annotation records the hash of the text it was made on, so anyone can tell
 * whether it still refers to the same text. One function, so every caller hashes the same bytes.
 * Uses Web Crypto (`globalThis.crypto.subtle`), present in browsers and in Node 20.
 */

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text` (64 characters). No normalization. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
