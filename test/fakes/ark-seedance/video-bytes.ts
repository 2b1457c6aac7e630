import { MAX_MP4_BYTES, MP42_BRANDS, mp4Buffer, mp4Chunks, mp4HeaderBytes } from '../shared/video-bytes';

/** A 24-byte `ftyp` box plus the 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = mp4HeaderBytes(MP42_BRANDS);
export const MAX_VIDEO_BYTES = MAX_MP4_BYTES;

/** Seedance's MP4 (`ftyp` brand mp42), keyed by the task id; see ../shared/video-bytes.ts. */
export function seedanceVideoChunks(taskId: string, totalBytes: number): AsyncGenerator<Buffer> {
  return mp4Chunks(MP42_BRANDS, `seedance:${taskId}`, totalBytes);
}

/** The whole file at once, for tests that compare hashes. */
export function seedanceVideoBuffer(taskId: string, totalBytes: number): Buffer {
  return mp4Buffer(MP42_BRANDS, `seedance:${taskId}`, totalBytes);
}
