/**
 * Lua run atomically in Redis, so every worker process sees one truth. Time comes from
 * Redis (TIME), not from the callers, so clock skew between machines cannot open a gap.
 *
 * Keys per deployment (KEYS): 1 requests window (ZSET score=ms, member=unique id),
 * 2 tokens window (ZSET score=ms, member="id|tokens"), 3 in-flight leases (ZSET
 * score=lease expiry ms, member=job id), 4 cooldown (STRING "reason", PX ttl), and for
 * RECORD_FAILURE and PEEK the failures window (ZSET score=ms).
 */

/** Shared helpers, prepended to each script. */
const PRELUDE = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- Tokens of the entries newer than \`since\` (ms), the ones ACQUIRE's trim keeps.
local function tokensIn(key, since)
  local total = 0
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, '(' .. since, '+inf')) do
    total = total + tonumber(string.match(member, '|(%d+)$') or '0')
  end
  return total
end
-- Why a request would be refused now, or nil: {reason, retryAfterMs, used, limit}. Reads only
-- (score bounds, not a trimmed set), so ACQUIRE and PEEK give one answer.
local function refusal(now, rpm, tpm, maxInFlight, windowMs, tokens, jobId)
  local cooldownTtl = redis.call('PTTL', KEYS[4])
  if cooldownTtl > 0 then
    return {'cooldown', cooldownTtl, 0, 0}
  end
  local since = '(' .. (now - windowMs)
  if rpm > 0 then
    local used = redis.call('ZCOUNT', KEYS[1], since, '+inf')
    if used >= rpm then
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], since, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
      return {'rpm', tonumber(oldest[2]) + windowMs - now + 1, used, rpm}
    end
  end
  if tpm > 0 then
    local used = tokensIn(KEYS[2], now - windowMs)
    if used + tokens > tpm then
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[2], since, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
      local wait = oldest[2] and (tonumber(oldest[2]) + windowMs - now + 1) or windowMs
      return {'tpm', wait, used, tpm}
    end
  end
  if maxInFlight > 0 and not redis.call('ZSCORE', KEYS[3], jobId) then
    local live = '(' .. now
    local used = redis.call('ZCOUNT', KEYS[3], live, '+inf')
    if used >= maxInFlight then
      local soonest = redis.call('ZRANGEBYSCORE', KEYS[3], live, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
      return {'in_flight', tonumber(soonest[2]) - now, used, maxInFlight}
    end
  end
  return nil
end
`;

/**
 * Acquire for one paid create: refuses (changing nothing but expired entries) when the deployment is cooling
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
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local refused = refusal(now, rpm, tpm, maxInFlight, windowMs, tokens, jobId)
if refused then
  return {0, refused[1], refused[2], refused[3], refused[4]}
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
 * What ACQUIRE would answer now, and the state behind it, changing nothing: the same refusal
 * check, so an explanation of the routing cannot disagree with the routing.
 * KEYS: 1–4 as ACQUIRE, 5 failures window (as RECORD_FAILURE's KEYS[1]).
 * ARGV: 1 rpm, 2 tpm, 3 max in flight (0 = none), 4 window ms, 5 tokens, 6 failure window ms.
 * Returns {cooldown ttl, cooldown reason, requests in window, tokens in window, in flight,
 * failures in window} followed, when refused, by {reason, retryAfterMs, used, limit}.
 */
export const PEEK = `${PRELUDE}
local now = nowMs()
local windowMs = tonumber(ARGV[4])
local state = {
  redis.call('PTTL', KEYS[4]),
  redis.call('GET', KEYS[4]) or '',
  redis.call('ZCOUNT', KEYS[1], '(' .. (now - windowMs), '+inf'),
  tokensIn(KEYS[2], now - windowMs),
  redis.call('ZCOUNT', KEYS[3], '(' .. now, '+inf'),
  redis.call('ZCOUNT', KEYS[5], '(' .. (now - tonumber(ARGV[6])), '+inf'),
}
local refused = refusal(now, tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), windowMs, tonumber(ARGV[5]), '')
if refused then
  for _, value in ipairs(refused) do table.insert(state, value) end
end
return state
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
