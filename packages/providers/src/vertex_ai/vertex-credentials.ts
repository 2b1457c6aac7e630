import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Where Google's service-account keys send their JWT grant when the file names none. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** The parts of a service-account key file that signing in needs. */
export interface ServiceAccount {
  clientEmail: string;
  /** Parsed once: signing with a KeyObject skips the PEM parse on every grant. */
  privateKey: KeyObject;
  /** The PEM as written, for telling two keys of one account apart (never shown). */
  privateKeyPem: string;
  tokenUri: string;
  /** The project the key was made in; Vertex calls go to `vertex_project`, which may differ. */
  projectId?: string;
}

/** vertex_credentials cannot be used; the message names the field and the fix, never the key. */
export class VertexCredentialsError extends Error {
  override readonly name = 'VertexCredentialsError';
}

// Lenient on purpose: key files carry more fields (auth_uri, client_x509_cert_url, …) than reelay reads.
const keyFileSchema = z.looseObject({
  type: z.string().nullish(),
  client_email: z.string().nullish(),
  private_key: z.string().nullish(),
  token_uri: z.string().nullish(),
  project_id: z.string().nullish(),
});

const NEW_KEY = 'create one under IAM & Admin → Service accounts → (the account) → Keys → Add key → JSON';

/**
 * A service-account key from `vertex_credentials`, as LiteLLM takes it: the JSON text itself
 * (an env var holding the file's content) or the path of the .json file. `label` is how the
 * setting is named in messages (`vertex_credentials (os.environ/VERTEX_CREDENTIALS)`).
 */
export function readServiceAccount(value: string, label = 'vertex_credentials'): ServiceAccount {
  const text = value.trim();
  if (text === '') throw new VertexCredentialsError(`${label} is empty: give the service-account key's JSON text or the path of its .json file.`);
  const { json, from } = text.startsWith('{') ? { json: text, from: label } : { json: readKeyFile(text, label), from: `the file ${text} (${label})` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // The parser's own message quotes the text around the fault, which may be the key itself.
    throw new VertexCredentialsError(`${from} is not valid JSON: use the key file exactly as Google gave it (${NEW_KEY}).`);
  }
  const file = keyFileSchema.safeParse(parsed);
  if (!file.success) throw new VertexCredentialsError(`${from} is not a JSON object: it must be a service-account key file (${NEW_KEY}).`);
  return fromKeyFile(file.data, from);
}

function readKeyFile(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    throw new VertexCredentialsError(
      `${label} names the file ${path}, which ${why}: give the path of the service-account key (.json) as the reelay process sees it (in a container, a mounted path), or the key's JSON text itself.`,
    );
  }
}

function fromKeyFile(file: z.infer<typeof keyFileSchema>, from: string): ServiceAccount {
  if (file.type && file.type !== 'service_account') {
    // authorized_user is what `gcloud auth application-default login` writes; external_account is workload identity federation.
    throw new VertexCredentialsError(`${from} is a "${file.type}" credential; reelay signs in with a service-account key (type "service_account"): ${NEW_KEY}.`);
  }
  if (!file.client_email) throw new VertexCredentialsError(`${from} has no client_email: it is not a service-account key; ${NEW_KEY}.`);
  if (!file.private_key) throw new VertexCredentialsError(`${from} has no private_key: it is not a service-account key (or it was cut); ${NEW_KEY}.`);
  // A key pasted into an env var sometimes keeps its line breaks as the two characters `\n`.
  const privateKeyPem = file.private_key.includes('\\n') ? file.private_key.replace(/\\n/g, '\n') : file.private_key;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new VertexCredentialsError(`${from}: private_key is not a readable PEM private key (it starts with -----BEGIN PRIVATE KEY----- and keeps its line breaks); ${NEW_KEY}.`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new VertexCredentialsError(`${from}: private_key is a ${privateKey.asymmetricKeyType ?? 'non-RSA'} key; Google's service-account keys are RSA (RS256); ${NEW_KEY}.`);
  const tokenUri = file.token_uri || GOOGLE_TOKEN_URI;
  if (!URL.canParse(tokenUri) || !/^https?:$/.test(new URL(tokenUri).protocol)) {
    throw new VertexCredentialsError(`${from}: token_uri "${tokenUri}" is not an http(s) URL; Google's is ${GOOGLE_TOKEN_URI}.`);
  }
  const account: ServiceAccount = { clientEmail: file.client_email, privateKey, privateKeyPem, tokenUri };
  if (file.project_id) account.projectId = file.project_id;
  return account;
}
