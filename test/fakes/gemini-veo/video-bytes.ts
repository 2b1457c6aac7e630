import { ISOM_BRANDS, mp4Buffer, mp4Chunks } from '../shared/video-bytes';

/** The MP4 (`ftyp` brand isom), keyed by the video id; see ../shared/video-bytes.ts. */
export function videoChunks(id: string, totalBytes: number): AsyncGenerator<Buffer> {
  return mp4Chunks(ISOM_BRANDS, `video:${id}`, totalBytes);
}

/** The whole video in one Buffer, for tests that compare hashes. */
export function videoBuffer(id: string, totalBytes: number): Buffer {
  return mp4Buffer(ISOM_BRANDS, `video:${id}`, totalBytes);
}

