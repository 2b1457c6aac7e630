/**
 * @reelay/storage: S3-compatible object storage for finished media.
 * Uploads stream through a multipart upload (bounded memory) and report bytes + sha256.
 */
export {
  createObjectStorage,
  videoObjectKey,
  type ObjectStorage,
  type OpenedObject,
  type StorageConfig,
  type StoredObject,
} from './object-storage';
export { storageConfigFromEnv, type StorageEnv } from './storage-env';
