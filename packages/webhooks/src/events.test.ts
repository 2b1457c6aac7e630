import { describe, expect, it } from 'vitest';
import { buildWebhookBody, webhookEventId, type WebhookEventType } from './events';

describe('webhook events', () => {
  const types: WebhookEventType[] = ['video.in_progress', 'video.completed', 'video.failed', 'video.cancelled'];

  it('gives each job event a stable id without "." or ":"', () => {
    expect(webhookEventId('video_abc123', 'video.completed')).toBe('evt_video_abc123_video_completed');
    expect(webhookEventId('video_abc123', 'video.completed')).toBe(webhookEventId('video_abc123', 'video.completed'));
    const ids = new Set(types.map((type) => webhookEventId('video_abc123', type)));
    expect(ids.size).toBe(types.length);
    expect(webhookEventId('job:1.2', 'video.failed')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('builds the {type, timestamp, data} body', () => {
    const body = buildWebhookBody('video.completed', { id: 'video_1', status: 'completed' }, new Date('2025-01-02T03:04:05.000Z'));
    expect(JSON.parse(body)).toEqual({
      type: 'video.completed',
      timestamp: '2025-01-02T03:04:05.000Z',
      data: { id: 'video_1', status: 'completed' },
    });
  });
});
