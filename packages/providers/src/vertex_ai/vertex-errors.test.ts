import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../http/upstream-error';
import { explainVertexFailure } from './vertex-errors';

const facts = { project: 'my-project', location: 'us-east5', model: 'claude-opus-4-1@20250805', credentialsLabel: 'vertex_credentials (os.environ/VERTEX_CREDENTIALS)', clientEmail: 'bot@key-project.iam.gserviceaccount.com', keyProjectId: 'key-project' };
const answered = (status: number, body: unknown) => new UpstreamError({ code: 'upstream_error', message: 'raw', url: 'https://x', statusCode: status, responseBody: JSON.stringify(body), isRetryable: true });
const google = (code: number, status: string, message: string) => [{ error: { code, message, status } }];

describe('explainVertexFailure', () => {
  it("a quota 429 (Google's array, no Retry-After) is a retryable rate limit that says where the quota is", () => {
    const error = explainVertexFailure(answered(429, google(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-claude-opus-4-1. Please submit a quota increase request.')), facts);
    expect(error).toMatchObject({ code: 'upstream_rate_limited', isRetryable: true, statusCode: 429 });
    expect(error.message).toMatch(/^Vertex AI answered 429 \(RESOURCE_EXHAUSTED\): Quota exceeded for aiplatform\.googleapis\.com\/online_prediction_requests_per_base_model/);
    expect(error.message).toMatch(/request more for online_prediction_requests_per_base_model in project my-project, region us-east5/);
  });

  it('a model not enabled in Model Garden says to enable it there; another project may have it, so it is an access failure', () => {
    const error = explainVertexFailure(answered(400, google(400, 'FAILED_PRECONDITION', 'Project `my-project` is not allowed to use Publisher Model `projects/my-project/locations/us-east5/publishers/anthropic/models/claude-opus-4-1@20250805`')), facts);
    expect(error).toMatchObject({ code: 'upstream_auth', isRetryable: false });
    expect(error.message).toMatch(/\(FAILED_PRECONDITION\): Project `my-project` is not allowed to use Publisher Model/);
    expect(error.message).toMatch(/claude-opus-4-1@20250805 is not enabled for project my-project: enable it in Model Garden/);
  });

  it('401 and 403 (a bare object too) name vertex_credentials and the role to grant', () => {
    const refused = explainVertexFailure(answered(401, google(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.')), facts);
    expect(refused).toMatchObject({ code: 'upstream_auth' });
    expect(refused.message).toMatch(/its key in vertex_credentials \(os\.environ\/VERTEX_CREDENTIALS\) still exist/);
    const denied = explainVertexFailure(answered(403, { error: { code: 403, message: "Permission 'aiplatform.endpoints.predict' denied on resource", status: 'PERMISSION_DENIED' } }), facts);
    expect(denied.message).toMatch(/^Vertex AI answered 403 \(PERMISSION_DENIED\): Permission 'aiplatform\.endpoints\.predict' denied/);
    expect(denied.message).toMatch(/Check vertex_project and vertex_credentials .*bot@key-project\.iam\.gserviceaccount\.com \(the key was made in project key-project\) needs the Vertex AI User role \(roles\/aiplatform\.user\) in project my-project/);
  });

  it("Claude's own errors, passed through in Anthropic's shape, keep their type", () => {
    const error = explainVertexFailure(answered(400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }), facts);
    expect(error).toMatchObject({ code: 'invalid_request', isRetryable: false });
    expect(error.message).toBe('Vertex AI answered 400 (invalid_request_error): max_tokens: Field required');
  });
});
