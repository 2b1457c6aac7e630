import { describe, expect, it } from 'vitest';
import { parseRegistry } from './parse-registry';

const KEY = '{"type":"service_account","client_email":"bot@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}';
const entry = (model: string, params: string) => `model_list:\n  - model_name: claude\n    litellm_params:\n      model: ${model}\n${params}`;

describe('Vertex AI keys of litellm_params', () => {
  it('reads vertex_project, vertex_location and vertex_credentials, the key through os.environ/ like api_key', () => {
    const [d] = parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', '      vertex_project: my-project\n      vertex_location: us-east5\n      vertex_credentials: os.environ/VERTEX_CREDENTIALS\n'), { env: { VERTEX_CREDENTIALS: KEY } }).deployments;
    expect(d).toMatchObject({ provider: 'vertex_ai', mode: 'chat', vertexProject: 'my-project', vertexLocation: 'us-east5', vertexCredentials: KEY, vertexCredentialsEnv: 'VERTEX_CREDENTIALS' });
  });

  it('takes a file path as written, and the key as a YAML mapping (LiteLLM does) as its JSON', () => {
    const [path] = parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', '      vertex_project: p\n      vertex_credentials: /secrets/vertex.json\n'), { env: {} }).deployments;
    expect(path).toMatchObject({ vertexCredentials: '/secrets/vertex.json' });
    expect(path!.vertexLocation).toBeUndefined();
    const [mapping] = parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', '      vertex_project: p\n      vertex_credentials:\n        type: service_account\n        client_email: os.environ/VERTEX_EMAIL\n'), { env: { VERTEX_EMAIL: 'bot@p.iam.gserviceaccount.com' } }).deployments;
    expect(JSON.parse(mapping!.vertexCredentials!)).toEqual({ type: 'service_account', client_email: 'bot@p.iam.gserviceaccount.com' });
  });

  it.each([
    ['vertex_project', '      vertex_credentials: /secrets/vertex.json\n', /config: model "claude" \(model_list\[0\]\.litellm_params, line 3\) is vertex_ai\/claude-sonnet-4-5@20250929 but sets no vertex_project: add vertex_project: the Google Cloud project id/],
    ['vertex_credentials', '      vertex_project: my-project\n', /\(model_list\[0\]\.litellm_params, line 3\) is vertex_ai\/claude-sonnet-4-5@20250929 but sets no vertex_credentials: add vertex_credentials: a service-account key: its JSON text, the path of its \.json file, or os\.environ\/NAME/],
    ['vertex_credentials (empty)', '      vertex_project: my-project\n      vertex_credentials: ""\n', /sets no vertex_credentials/],
  ])('a served Claude deployment without %s stops the load, naming the entry, its line and the key', (_key, params, message) => {
    expect(() => parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', params), { env: {} })).toThrow(message);
  });

  it('a Vertex deployment reelay would not serve as chat needs neither (Veo is video, Gemini has no Vertex chat adapter)', () => {
    expect(parseRegistry(entry('vertex_ai/veo-3.0-generate-001', ''), { env: {} }).deployments[0]!.mode).toBe('video_generation');
    expect(parseRegistry(entry('vertex_ai/gemini-2.5-pro', ''), { env: {} }).deployments[0]!.mode).toBe('chat');
  });

  it('a key of the wrong type is refused without echoing it', () => {
    expect(() => parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', '      vertex_project: p\n      vertex_credentials: [secret-value]\n'), { env: {} })).toThrow(/vertex_credentials/);
    expect(() => parseRegistry(entry('vertex_ai/claude-sonnet-4-5@20250929', '      vertex_project: p\n      vertex_credentials: [secret-value]\n'), { env: {} })).not.toThrow(/secret-value/);
  });
});
