import { ISOM_BRANDS, MAX_MP4_BYTES, mp4Buffer, mp4Chunks, mp4HeaderBytes } from '../shared/video-bytes';

/** A 32-byte `ftyp` box plus an 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = mp4HeaderBytes(ISOM_BRANDS);
export const MAX_VIDEO_BYTES = MAX_MP4_BYTES;

/** Wan's MP4 (`ftyp` brand isom), keyed by the task id; see ../shared/video-bytes.ts. */
export function wanVideoChunks(taskId: string, totalBytes: number): AsyncGenerator<Buffer> {
  return mp4Chunks(ISOM_BRANDS, `dashscope-wan:${taskId}`, totalBytes);
}

/** The whole video in one Buffer, for hash comparisons in tests. */
export function wanVideoBuffer(taskId: string, totalBytes: number): Buffer {
  return mp4Buffer(ISOM_BRANDS, `dashscope-wan:${taskId}`, totalBytes);
}
