import { Router } from 'express';
import type { ChatService } from '../chat/chat-service';

/** OpenAI Chat Completions at both paths LiteLLM serves (`/v1/…` and the bare one some apps call). */
export function chatRoutes(chat: ChatService): Router {
  const router = Router();
  const serve = async (req: Parameters<ChatService['serve']>[0], res: Parameters<ChatService['serve']>[1]) => chat.serve(req, res);
  router.post('/v1/chat/completions', serve);
  router.post('/chat/completions', serve);
  return router;
}
