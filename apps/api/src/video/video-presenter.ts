import { toPublicVideo, type JobRecord, type PublicVideo } from '@reelay/jobs';
import type { ObjectStorage } from '@reelay/storage';

/** Renders job records for clients, with a fresh presigned URL for finished videos. */
export class VideoPresenter {
  constructor(
    private readonly presigner: ObjectStorage,
    private readonly ttlSeconds: number,
  ) {}

  async present(record: JobRecord): Promise<PublicVideo> {
    if (!record.output) return toPublicVideo(record);
    const url = await this.presigner.presignGet(record.output.key, this.ttlSeconds);
    return toPublicVideo(record, { url, urlExpiresAt: Math.floor(Date.now() / 1000) + this.ttlSeconds });
  }
}
