/**
 * Lua run atomically in Redis, so every worker process sees one truth. Time comes from
 * Redis (TIME), not from the callers, so clock skew between machines cannot open a gap.
 *
 * Keys per deployment (KEYS): 1 requests window (ZSET score=ms, member=unique id),
 * 2 tokens window (ZSET score=ms, member="id|tokens"), 3 in-flight leases (ZSET
 * score=lease expiry ms, member=job id), 4 cooldown (STRING "reason", PX ttl).
 */

/** Shared helpers, prepended to each script. */
const PRELUDE = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function tokensIn(key, since)
  local total = 0
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, since, '+inf')) do
    total = total + tonumber(string.match(member, '|(%d+)$') or '0')
  end
  return total
end
`;

/**
 * Acquire for one paid create: refuses (changing nothing) when the deployment is cooling
 * down, its request or token window is full, or its in-flight leases are all taken;
 * otherwise counts the request and takes (or refreshes) the job's lease.
 * ARGV: 1 rpm (0 = none), 2 tpm (0 = none), 3 max in flight (0 = none), 4 window ms,
 * 5 lease ms, 6 job id, 7 tokens, 8 unique request id.
 * Returns {1, inFlight} or {0, reason, retryAfterMs, used, limit}.
 */
export const ACQUIRE = `${PRELUDE}
local now = nowMs()
local rpm, tpm, maxInFlight = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local windowMs, leaseMs, jobId, tokens = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
local cooldownTtl = redis.call('PTTL', KEYS[4])
if cooldownTtl > 0 then
  return {0, 'cooldown', cooldownTtl, 0, 0}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if rpm > 0 then
  local used = redis.call('ZCARD', KEYS[1])
  if used >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {0, 'rpm', tonumber(oldest[2]) + windowMs - now + 1, used, rpm}
  end
end
if tpm > 0 then
  local used = tokensIn(KEYS[2], now - windowMs)
  if used + tokens > tpm then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    local wait = oldest[2] and (tonumber(oldest[2]) + windowMs - now + 1) or windowMs
    return {0, 'tpm', wait, used, tpm}
  end
end
local held = redis.call('ZSCORE', KEYS[3], jobId)
if maxInFlight > 0 and not held then
  local used = redis.call('ZCARD', KEYS[3])
  if used >= maxInFlight then
    local soonest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
    return {0, 'in_flight', tonumber(soonest[2]) - now, used, maxInFlight}
  end
end
redis.call('ZADD', KEYS[1], now, ARGV[8])
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
if tokens > 0 then
  redis.call('ZADD', KEYS[2], now, ARGV[8] .. '|' .. tokens)
  redis.call('PEXPIRE', KEYS[2], windowMs * 2)
end
redis.call('ZADD', KEYS[3], now + leaseMs, jobId)
return {1, redis.call('ZCARD', KEYS[3])}
`;

/**
 * Extends the lease of a job that is still polling its upstream task. The task is real,
 * so a lapsed lease (all workers were down longer than its life) is taken again, even
 * above the cap, to keep the count true. ARGV: 1 job id, 2 lease ms.
 * Returns 1 when the lease was live, 0 when it had lapsed and was taken again.
 */
export const RENEW_LEASE = `${PRELUDE}
local now = nowMs()
local expiry = redis.call('ZSCORE', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[1])
if expiry and tonumber(expiry) > now then return 1 end
return 0
`;

/**
 * Records a failed call. ARGV: 1 allowed fails per window, 2 cooldown ms, 3 window ms,
 * 4 unique id, 5 forced cooldown ms (a 429's Retry-After; 0 = none), 6 reason,
 * 7 last-error JSON (kept a week for /v1/model/info).
 * Cools the deployment down when the failures in the window exceed the allowance, or
 * at once for a forced cooldown. Returns the cooldown ms applied (0 = none).
 * KEYS: 1 failures window (ZSET), 2 cooldown, 3 last error.
 */
export const RECORD_FAILURE = `${PRELUDE}
local now = nowMs()
local allowed, cooldownMs, windowMs, forced = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], windowMs)
redis.call('SET', KEYS[3], ARGV[7], 'EX', 604800)
local apply = 0
if forced > 0 then
  apply = forced
elseif redis.call('ZCARD', KEYS[1]) > allowed then
  apply = cooldownMs
end
if apply > 0 then
  local current = redis.call('PTTL', KEYS[2])
  if current < apply then
    redis.call('SET', KEYS[2], ARGV[6], 'PX', apply)
  end
  redis.call('DEL', KEYS[1])
end
return apply
`;

/**
 * Reads a deployment's state without changing anything but expired entries.
 * Returns {cooldown ttl, cooldown reason, requests in window, tokens in window, in flight}.
 * ARGV: 1 window ms. KEYS as ACQUIRE.
 */
export const INSPECT = `${PRELUDE}
local now = nowMs()
local windowMs = tonumber(ARGV[1])
return {
  redis.call('PTTL', KEYS[4]),
  redis.call('GET', KEYS[4]) or '',
  redis.call('ZCOUNT', KEYS[1], now - windowMs, '+inf'),
  tokensIn(KEYS[2], now - windowMs),
  redis.call('ZCOUNT', KEYS[3], now, '+inf'),
}
`;

/**
 * Replaces a text request's token reservation by what the upstream reported, at the time the
 * reservation was made (so the window still ends when it would have). A reservation that has
 * already left the window is not brought back. KEYS: 1 tokens window.
 * ARGV: 1 request id, 2 reserved tokens, 3 actual tokens.
 */
export const SETTLE_TOKENS = `
local member = ARGV[1] .. '|' .. ARGV[2]
local at = redis.call('ZSCORE', KEYS[1], member)
if not at then return 0 end
redis.call('ZREM', KEYS[1], member)
if tonumber(ARGV[3]) > 0 then redis.call('ZADD', KEYS[1], at, ARGV[1] .. '|' .. ARGV[3]) end
return 1
`;
