import { describe, expect, it } from 'vitest';
import { imageDataUrlProblem, sniffImageType } from './image-data-url';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');

describe('input images as data URLs', () => {
  it('accepts a real image of the declared type', () => {
    expect(imageDataUrlProblem(`data:image/png;base64,${PNG}`, 1024)).toBeUndefined();
    expect(imageDataUrlProblem(`data:image/jpg;base64,${JPEG_HEAD}`, 1024)).toBeUndefined();
  });

  it.each([
    ['data:image/png;base64,!!!notbase64***', /not valid base64/],
    ['data:image/png;base64,abc', /not valid base64/],
    ['data:image/png;base64,', /holds no data/],
    [`data:image/png;base64,${Buffer.from('hello world!').toString('base64')}`, /its bytes are not a PNG, JPEG, WebP, GIF or BMP image/],
    [`data:image/webp;base64,${PNG}`, /says image\/webp, but its bytes are image\/png/],
    ['data:text/plain;base64,aGk=', /must be a data URL of the form data:image/],
  ])('refuses %s', (url, reason) => {
    expect(imageDataUrlProblem(url, 1024)).toMatch(reason);
  });

  it('refuses an image over the size limit before decoding it', () => {
    expect(imageDataUrlProblem(`data:image/png;base64,${'A'.repeat(4 * 1024)}`, 1024)).toMatch(/holds 0\.0 MB; an input image may be/);
  });

  it('sniffs the type from the bytes', () => {
    expect(sniffImageType(Buffer.from(PNG, 'base64'))).toBe('image/png');
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('plain text'))).toBeUndefined();
  });
});
