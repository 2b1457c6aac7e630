import type { ReceivedChat } from '../chat-fake';
import type { FakeState as AnthropicFakeState } from '../anthropic/fake-state';
import type { TestServiceAccount } from './service-account';

export interface VertexFakeState {
  /** The only project whose calls are allowed (others get PERMISSION_DENIED). */
  project: string;
  account: TestServiceAccount;
  /** How long a granted token works. */
  tokenLifetimeSeconds: number;
  /** Access token → the time (ms) it stops working. */
  tokens: Map<string, number>;
  grants: number;
  refusedGrants: number;
  /** Every prediction call that got past auth, body as sent (with anthropic_version, without model). */
  received: ReceivedChat[];
  /** The Anthropic fake's own state: its stats are this fake's too. */
  messages: AnthropicFakeState;
}
