import type { JobRecord } from '@reelay/jobs';
import { terminalEventType } from '../notify/webhook-notifier';
import type { VideoJobContext } from './video-job-context';
import { countedCall } from './counted-call';

/**
 * Side effects of a terminal job, run until they have all happened once: the upstream
 * cancel (for a cancelled job) and the terminal webhook. `step: done` is written last,
 * so a crash in between repeats them; the webhook's event id makes the repeat harmless.
 */
export async function settleTerminal(ctx: VideoJobContext, record: JobRecord): Promise<void> {
  if (record.step === 'done') return;
  if (record.status === 'cancelled' && record.upstreamId && record.deploymentId) {
    await cancelUpstream(ctx, record);
  }
  // The upstream task is over (or never existed): its in-flight slot goes back.
  if (record.deploymentId) await ctx.limiter.releaseLease(record.deploymentId, record.id);
  await ctx.store.forgetUploadWaiting(record.id);
  const type = terminalEventType(record.status);
  if (type) await ctx.notifier.announce(record, type);
  await ctx.store.writeInternal(record.id, { step: 'done' });
}

async function cancelUpstream(ctx: VideoJobContext, record: JobRecord): Promise<void> {
  const deployment = ctx.models.deploymentById(record.deploymentId!);
  const model = deployment ? ctx.models.modelFor(deployment) : undefined;
  if (!model?.cancel) return; // the vendor cannot cancel: polling simply stops
  try {
    await countedCall(ctx, record.deploymentId!, 'cancel', () => model.cancel!(record.upstreamId!));
  } catch (error) {
    ctx.logger.warn({ jobId: record.id, err: (error as Error).message }, 'upstream cancel failed; the job stays cancelled');
  }
}
