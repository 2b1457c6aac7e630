import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createObjectStorage } from '@reelay/storage';

const s3 = inject('s3');
const storage = createObjectStorage({ ...s3, forcePathStyle: true, partSize: 5 * 1024 * 1024 });

afterAll(() => storage.close());

/** A stream of unknown length, delivered in uneven chunks like a provider download. */
function chunkedStream(data: Buffer): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) return this.push(null);
      const size = 1000 + Math.floor(Math.random() * 70_000);
      this.push(data.subarray(offset, offset + size));
      offset += size;
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('object storage on a real S3-compatible server', () => {
  it.each([
    ['small (single part)', 13_085],
    ['large (multipart)', 12 * 1024 * 1024 + 17],
  ])('stores the exact bytes of a %s stream and reports size and sha256', async (_label, size) => {
    const data = randomBytes(size);
    const key = `test/${size}.mp4`;
    const stored = await storage.uploadStream(key, chunkedStream(data), 'video/mp4');

    const expectedSha = createHash('sha256').update(data).digest('hex');
    expect(stored).toEqual({ key, bytes: size, sha256: expectedSha, contentType: 'video/mp4' });

    const opened = await storage.openObject(key);
    const back = await readAll(opened.body);
    expect(back.length).toBe(size);
    expect(createHash('sha256').update(back).digest('hex')).toBe(expectedSha);
  });

  it('accepts a web ReadableStream (what fetch returns) and a presigned URL serves it', async () => {
    const data = randomBytes(40_000);
    const web = Readable.toWeb(Readable.from([data])) as ReadableStream<Uint8Array>;
    await storage.uploadStream('test/web.mp4', web, 'video/mp4');
    const url = await storage.presignGet('test/web.mp4', 60);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
  });

  it('an upload overwrites the same key, and a deleted key is gone', async () => {
    await storage.uploadStream('test/same.mp4', Readable.from([Buffer.from('first')]), 'video/mp4');
    const second = await storage.uploadStream('test/same.mp4', Readable.from([Buffer.from('second!')]), 'video/mp4');
    expect(second.bytes).toBe(7);
    expect((await readAll((await storage.openObject('test/same.mp4')).body)).toString()).toBe('second!');
    await storage.deleteObject('test/same.mp4');
    await expect(storage.openObject('test/same.mp4')).rejects.toThrow();
  });

  it('a failing source stream rejects the upload instead of storing a partial object', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('provider connection reset'));
      },
    });
    await expect(storage.uploadStream('test/broken.mp4', broken, 'video/mp4')).rejects.toThrow(/reset/);
  });
});
