import { classifyChatFailure, type ChatFailureClass } from '../http/classify-chat-failure';
import { UpstreamError } from '../http/upstream-error';
import { readVendorError, type VendorErrorWords } from '../http/vendor-error-body';

/** What an error message about one deployment can name. */
export interface VertexDeploymentFacts {
  project: string;
  location: string;
  model: string;
  /** `vertex_credentials (os.environ/VERTEX_CREDENTIALS)`. */
  credentialsLabel: string;
  /** Known once the key was read. */
  clientEmail?: string;
  /** The project the key was made in, when it says. */
  keyProjectId?: string;
}

/** Google's status names (`RESOURCE_EXHAUSTED`); Anthropic's error types, passed through by Vertex, are lower case. */
const GOOGLE_STATUS = /^[A-Z_]+$/;
const NOT_ENABLED = /not allowed to use Publisher Model/i;

/**
 * An error answer of Vertex AI in its own terms. Vertex answers the platform's failures
 * (auth, quota, a model not enabled) as Google errors, an array `[{error:{code,message,status}}]`
 * or a bare object, and passes Claude's own (a bad request, an overload) through in
 * Anthropic's shape; readVendorError reads both. The message keeps Google's words and adds
 * the step that fixes it.
 */
export function explainVertexFailure(error: UpstreamError, facts: VertexDeploymentFacts): UpstreamError {
  const status = error.statusCode ?? 502;
  const words = readVendorError(error.responseBody ?? '');
  const googleStatus = words.type !== undefined && GOOGLE_STATUS.test(words.type) ? words.type : undefined;
  // Google's numeric code only repeats the HTTP status; its status name says more.
  const shown = googleStatus ?? (words.code !== undefined && words.code !== String(status) ? words.code : words.type);
  const kind = classOf(status, words, googleStatus);
  const hint = hintFor(status, words, googleStatus, kind, facts);
  return error.with({
    code: kind.code,
    isRetryable: kind.retryable,
    message: `Vertex AI answered ${status}${shown ? ` (${shown})` : ''}: ${words.message}${hint ? ` ${hint}` : ''}`,
  });
}

function classOf(status: number, words: VendorErrorWords, googleStatus: string | undefined): ChatFailureClass {
  // A model the project may not use: another deployment (another project) may well have it enabled.
  if (googleStatus === 'FAILED_PRECONDITION' && NOT_ENABLED.test(words.message)) return { code: 'upstream_auth', retryable: false };
  return classifyChatFailure(status, words);
}

function hintFor(status: number, words: VendorErrorWords, googleStatus: string | undefined, kind: ChatFailureClass, facts: VertexDeploymentFacts): string | undefined {
  const account = facts.clientEmail ? `the service account ${facts.clientEmail}` : 'the service account';
  if (googleStatus === 'FAILED_PRECONDITION' && NOT_ENABLED.test(words.message)) {
    return `${facts.model} is not enabled for project ${facts.project}: enable it in Model Garden (Google Cloud console → Vertex AI → Model Garden → the Claude model → Enable, accepting Anthropic's terms), then try again.`;
  }
  if (status === 401) {
    return `A freshly granted access token was refused too: check that ${account} and its key in ${facts.credentialsLabel} still exist and are enabled.`;
  }
  if (kind.code === 'upstream_auth') {
    const otherProject = facts.keyProjectId && facts.keyProjectId !== facts.project ? ` (the key was made in project ${facts.keyProjectId})` : '';
    return `Check vertex_project and ${facts.credentialsLabel}: ${account}${otherProject} needs the Vertex AI User role (roles/aiplatform.user) in project ${facts.project}.`;
  }
  if (status === 429 && googleStatus === 'RESOURCE_EXHAUSTED') {
    return `Vertex AI quotas are per project, region and base model, and often start at 0 for Claude: request more for online_prediction_requests_per_base_model in project ${facts.project}, region ${facts.location} (IAM & Admin → Quotas), or add a deployment in another region.`;
  }
  if (status === 404) {
    return `Check the model id (Vertex writes its version after @, e.g. claude-sonnet-4-5@20250929) and that it is offered in ${facts.location} (vertex_location; most Claude models are also served in "global").`;
  }
  return undefined;
}
