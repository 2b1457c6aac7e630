import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface StorageConfig {
  /** Omit for AWS itself; set for MinIO, R2, s3rver and other S3-compatible servers. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `true` for most self-hosted servers (bucket in the path, not the host name). */
  forcePathStyle: boolean;
  /** Multipart part size in bytes; memory held per upload is about partSize × queueSize. Default 8 MiB. */
  partSize?: number;
}

export interface StoredObject {
  key: string;
  bytes: number;
  sha256: string;
  contentType: string;
}

export interface OpenedObject {
  body: Readable;
  contentLength?: number;
  contentType?: string;
}

export interface ObjectStorage {
  readonly bucket: string;
  /** Streams `body` into `key` with a multipart upload; never buffers the whole file. */
  uploadStream(key: string, body: Readable | ReadableStream<Uint8Array>, contentType: string): Promise<StoredObject>;
  presignGet(key: string, ttlSeconds: number): Promise<string>;
  openObject(key: string): Promise<OpenedObject>;
  deleteObject(key: string): Promise<void>;
  /** Creates the bucket when it does not exist yet (compose starts with an empty MinIO). */
  ensureBucket(): Promise<void>;
  close(): void;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  const clientConfig: S3ClientConfig = {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Newer SDKs send CRC checksums and aws-chunked bodies by default, which many
    // S3-compatible servers reject or store with the framing left in.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
  const client = new S3Client(clientConfig);
  const { bucket } = config;

  return {
    bucket,

    async uploadStream(key, body, contentType) {
      const source = body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
      const hash = createHash('sha256');
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      const uploadBody = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: uploadBody, ContentType: contentType },
        partSize: config.partSize ?? DEFAULT_PART_SIZE,
        queueSize: 2,
        leavePartsOnError: false,
      });
      // Run both sides together: if either fails the other is torn down with it (an S3 that
      // is down must not leave the vendor's download hanging open).
      const uploaded = upload.done().catch((error: unknown) => {
        source.destroy(error as Error);
        throw error;
      });
      await Promise.all([pipeline(source, meter, uploadBody), uploaded]);
      return { key, bytes, sha256: hash.digest('hex'), contentType };
    },

    presignGet(key, ttlSeconds) {
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: ttlSeconds });
    },

    async openObject(key) {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!result.Body) throw new Error(`object ${key} has no body`);
      return {
        body: result.Body as Readable,
        contentLength: result.ContentLength,
        contentType: result.ContentType,
      };
    },

    async deleteObject(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status !== 404) throw error;
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
    },

    close() {
      client.destroy();
    },
  };
}

/** Deterministic key so a retried upload overwrites instead of leaving orphans. */
export function videoObjectKey(jobId: string): string {
  return `videos/${jobId}.mp4`;
}
