/**
 * Why a call to a vendor failed, in words a client can branch on, for video and text alike.
 * Failures of reelay's own (storage, bugs) are not the vendor's and have their codes in
 * @reelay/jobs.
 */
export type UpstreamErrorCode =
  /** The vendor's moderation refused the prompt, image or output. */
  | 'content_policy_violation'
  /** The vendor refused the request itself (a value, a missing model): another deployment would too. */
  | 'invalid_request'
  /** A bad, missing or unfunded key, or a model the account may not use. */
  | 'upstream_auth'
  /** The account is out of money or credit (a 402, OpenAI's `insufficient_quota`): no retry helps until it is topped up. */
  | 'upstream_quota'
  | 'upstream_rate_limited'
  | 'upstream_timeout'
  /** A 5xx, a refused connection or an answer we could not read. */
  | 'upstream_error'
  /** The vendor may have started (and billed) work we have no id for: never resent blindly. */
  | 'upstream_unknown'
  /** A result or a deadline ran out (a result link past its lifetime, a job past its timeout). */
  | 'expired';
