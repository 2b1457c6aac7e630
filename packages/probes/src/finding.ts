/**
 * One row of `reelay doctor`: a deployment (or a place in the config) with what was found, in
 * words a person can act on. `result` is the normalised cause, `vendorSaid` the vendor's own
 * words when a probe reached it.
 */
export type FindingResult =
  | 'ok'
  | 'config'
  | 'missing_env'
  | 'unsupported'
  | 'auth'
  | 'wrong_region'
  | 'model_not_found'
  | 'model_not_activated'
  | 'retired'
  | 'quota'
  | 'rate_limited'
  | 'unreachable'
  | 'timeout'
  | 'upstream_error'
  | 'bad_request';

export interface Finding {
  /** The model group, or `(config)` for a finding about the file itself. */
  group: string;
  /** `model_info.id`, or the config path / line of a config finding. */
  deployment: string;
  provider?: string;
  result: FindingResult;
  /** What the vendor answered (its own words), for live probes. */
  vendorSaid?: string;
  cause: string;
  fix: string;
  /** The config line it concerns, where known. */
  line?: number;
}

export const CONFIG_GROUP = '(config)';
