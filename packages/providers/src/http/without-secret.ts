/**
 * `text` with every occurrence of a key or secret masked, for messages and stored bodies that
 * quote what a vendor sent back (some echo the key). Too short a secret would mask ordinary words.
 */
export function withoutSecret(text: string, secret: string | undefined, mask = '***'): string {
  return secret && secret.length >= 4 ? text.split(secret).join(mask) : text;
}
