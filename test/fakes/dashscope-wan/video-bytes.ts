import { createCipheriv, createHash } from 'node:crypto';

const CHUNK_BYTES = 64 * 1024;
/** A 32-byte `ftyp` box plus an 8-byte `mdat` header. */
export const MIN_VIDEO_BYTES = 40;
/** `mdat` has a 32-bit size field; stay well inside it. */
export const MAX_VIDEO_BYTES = 2 ** 31;

/**
 * A small MP4-shaped file: `ftyp` (brand isom) and one `mdat` whose payload is an AES-CTR
 * keystream keyed by the task id. Deterministic per task, cheap at any size, produced in
 * chunks so a large video never sits in memory.
 */
export async function* wanVideoChunks(taskId: string, totalBytes: number): AsyncGenerator<Buffer> {
  const header = boxHeaders(totalBytes);
  yield header;
  const keystream = keystreamFor(taskId);
  for (let remaining = totalBytes - header.length; remaining > 0; remaining -= CHUNK_BYTES) {
    yield keystream.update(Buffer.alloc(Math.min(CHUNK_BYTES, remaining)));
  }
}

/** The whole video in one Buffer, for hash comparisons in tests. */
export function wanVideoBuffer(taskId: string, totalBytes: number): Buffer {
  const header = boxHeaders(totalBytes);
  return Buffer.concat([header, keystreamFor(taskId).update(Buffer.alloc(totalBytes - header.length))]);
}

function boxHeaders(totalBytes: number): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2avc1mp41', 16, 'latin1');
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(totalBytes - ftyp.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

function keystreamFor(taskId: string) {
  const digest = createHash('sha256').update(`dashscope-wan:${taskId}`).digest();
  return createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
}
