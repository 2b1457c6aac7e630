import { invalidParameter, missingParameter } from './ark-error';
import type { FakeSeedanceModel } from './seedance-models';

const IMAGE_ROLES = ['first_frame', 'last_frame', 'reference_image'];
const IMAGE_DATA_URL = /^data:image\/(jpeg|jpg|png|webp|bmp|tiff|gif);base64,[A-Za-z0-9+/=]+$/i;

/** What the `content` array carried. */
export interface ReceivedContent {
  /** The text item as sent ('' when there is none), legacy `--flags` included. */
  prompt: string;
  /** The first-frame image URL (or data URL) exactly as sent. */
  image?: string;
  lastFrame?: string;
  referenceImages: number;
  referenceMedia: number;
  draftTaskId?: string;
}

/**
 * The `content` items of a create: one text, images in the roles first_frame / last_frame /
 * reference_image (an image without a role is a first frame), reference video/audio on 2.0,
 * and a draft_task on 1.5-pro. Image pixels are not checked (Ark wants 300–6000 px a side),
 * so tests can send a 1×1 PNG.
 */
export function readContent(content: unknown, model: FakeSeedanceModel): ReceivedContent {
  if (content === undefined || content === null) throw missingParameter('content');
  if (!Array.isArray(content) || content.length === 0) throw invalidParameter('content', 'it must be a non-empty array');
  const received: ReceivedContent = { prompt: '', referenceImages: 0, referenceMedia: 0 };
  let texts = 0;
  for (const [index, raw] of content.entries()) {
    const item = (raw ?? {}) as Record<string, unknown>;
    const where = `content[${index}]`;
    switch (item.type) {
      case 'text':
        if (typeof item.text !== 'string') throw invalidParameter(`${where}.text`, 'it must be a string');
        if (++texts > 1) throw invalidParameter(where, 'only one text item is allowed');
        received.prompt = item.text;
        break;
      case 'image_url':
        readImage(item, where, received);
        break;
      case 'video_url':
      case 'audio_url': {
        if (!model.referenceMedia) throw invalidParameter(`${where}.type`, `${model.id} does not support ${item.type}`);
        const url = (item[item.type] as { url?: unknown } | undefined)?.url;
        if (typeof url !== 'string' || url === '') throw invalidParameter(`${where}.${item.type}.url`, 'it must be a URL');
        received.referenceMedia += 1;
        break;
      }
      case 'draft_task': {
        if (!model.draft) throw invalidParameter(`${where}.type`, `${model.id} does not support draft_task`);
        const id = (item.draft_task as { id?: unknown } | undefined)?.id;
        if (typeof id !== 'string' || id === '') throw invalidParameter(`${where}.draft_task.id`, 'it must be a task id');
        received.draftTaskId = id;
        break;
      }
      default:
        throw invalidParameter(`${where}.type`, `supported types are text, image_url, video_url, audio_url, draft_task, got ${JSON.stringify(item.type)}`);
    }
  }
  checkImagesForModel(received, model);
  if (received.prompt.trim() === '' && received.image === undefined && received.referenceImages === 0 && !received.draftTaskId) {
    throw missingParameter('content.text');
  }
  return received;
}

function readImage(item: Record<string, unknown>, where: string, received: ReceivedContent): void {
  const url = (item.image_url as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || !(IMAGE_DATA_URL.test(url) || /^https?:\/\/\S+$/i.test(url))) {
    throw invalidParameter(`${where}.image_url.url`, 'it must be an http(s) URL or a data:image/<jpeg|png|webp|bmp|tiff|gif>;base64 URL');
  }
  const role = item.role ?? 'first_frame';
  if (typeof role !== 'string' || !IMAGE_ROLES.includes(role)) throw invalidParameter(`${where}.role`, `supported roles are ${IMAGE_ROLES.join(', ')}`);
  if (role === 'first_frame') {
    if (received.image !== undefined) throw invalidParameter(`${where}.role`, 'only one first_frame image is allowed');
    received.image = url;
  } else if (role === 'last_frame') {
    if (received.lastFrame !== undefined) throw invalidParameter(`${where}.role`, 'only one last_frame image is allowed');
    received.lastFrame = url;
  } else {
    received.referenceImages += 1;
  }
}

function checkImagesForModel(received: ReceivedContent, model: FakeSeedanceModel): void {
  const frames = received.image !== undefined || received.lastFrame !== undefined;
  const anyImage = frames || received.referenceImages > 0;
  if (model.image === 'none' && anyImage) {
    throw invalidParameter('content', `${model.id} is a text-to-video model and does not support image input`);
  }
  if (model.image === 'required' && !anyImage) {
    throw invalidParameter('content', `${model.id} is an image-to-video model and requires an image_url item`);
  }
  if (received.lastFrame !== undefined && received.image === undefined) {
    throw invalidParameter('content', 'a last_frame image requires a first_frame image');
  }
  if (frames && received.referenceImages > 0) {
    throw invalidParameter('content', 'first/last frame images and reference images cannot be combined');
  }
  const maxReferences = model.referenceMedia ? 9 : model.image === 'required' ? 4 : 0;
  if (received.referenceImages > maxReferences) {
    throw invalidParameter('content', `${model.id} supports at most ${maxReferences} reference images`);
  }
}
