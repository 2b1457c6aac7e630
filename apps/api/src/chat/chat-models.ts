import { chatAdapters, type ChatModel, type UpstreamDispatcher } from '@reelay/providers';
import { chatModelSettingsOf, type Deployment } from '@reelay/registry';

/** One chat model per deployment, built on first use and kept (they hold no connection of their own). */
export class ChatModels {
  private readonly models = new Map<string, ChatModel>();

  constructor(private readonly options: { dispatcher?: UpstreamDispatcher } = {}) {}

  modelFor(deployment: Deployment): ChatModel | undefined {
    let model = this.models.get(deployment.id);
    if (model) return model;
    const adapter = chatAdapters[deployment.provider];
    if (!adapter) return undefined;
    model = adapter.create({ ...chatModelSettingsOf(deployment), dispatcher: this.options.dispatcher });
    this.models.set(deployment.id, model);
    return model;
  }
}
