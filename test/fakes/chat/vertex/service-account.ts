import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

/** A service-account key file as Google writes it, made up for one fake (nothing here is a real secret). */
export interface ServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export interface TestServiceAccount {
  keyFile: ServiceAccountKeyFile;
  /** What the fake's token endpoint checks the JWT's signature with. */
  publicKey: KeyObject;
}

/** A fresh RSA key and the key file around it, with `token_uri` pointing at the fake itself. */
export function makeServiceAccount(project: string, tokenUri: string, name = 'reelay-fake'): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = `${name}@${project}.iam.gserviceaccount.com`;
  return {
    publicKey,
    keyFile: {
      type: 'service_account',
      project_id: project,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      client_id: String(100_000_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE())),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUri,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
      universe_domain: 'googleapis.com',
    },
  };
}

/** The same account's key file with another private key: what a deleted or replaced key looks like to Google. */
export function withForeignKey(keyFile: ServiceAccountKeyFile): ServiceAccountKeyFile {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...keyFile, private_key_id: randomBytes(20).toString('hex'), private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
