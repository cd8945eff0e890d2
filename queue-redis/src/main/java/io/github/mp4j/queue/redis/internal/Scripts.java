package io.github.mp4j.queue.redis.internal;

/**
 * The Lua scripts that make each queue operation one atomic step in Redis. Keys of other takers
 * ({@code inflight:*}, {@code taken:*}) are found through the {@code leases} set, so the scripts need a single Redis
 * server (not Redis Cluster). Results: see each script.
 */
final class Scripts {
    private Scripts() {
    }

    /** Items in flight to live or dead takers (the helper the counting scripts share). */
    private static final String IN_FLIGHT = """
            local function inflight(leases, prefix)
              local n = 0
              for _, t in ipairs(redis.call('ZRANGE', leases, 0, -1)) do
                n = n + redis.call('LLEN', prefix .. 'inflight:' .. t)
              end
              return n
            end
            """;

    /** Sets a taker's lease to expire one lease from now (Redis clock). */
    private static final String RENEW = """
            local function renew(leases, taker, ms)
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              redis.call('ZADD', leases, now + tonumber(ms), taker)
            end
            """;

    /** Wakes waiters: appends a token to a list kept to 16 tokens (they only make waiters look again). */
    private static final String SIGNAL = """
            local function signal(key)
              redis.call('RPUSH', key, '1')
              redis.call('LTRIM', key, -16, -1)
            end
            """;

    /**
     * Put. KEYS: items, leases, unfinished. ARGV: payload, maxsize, joinable (1/0), prefix.
     * Returns the new length of items, or -1 when the queue is full (nothing changed).
     */
    static final Script PUT = new Script(IN_FLIGHT + """
            local max = tonumber(ARGV[2])
            if max > 0 and redis.call('LLEN', KEYS[1]) + inflight(KEYS[2], ARGV[4]) >= max then
              return -1
            end
            if ARGV[3] == '1' then redis.call('INCR', KEYS[3]) end
            return redis.call('RPUSH', KEYS[1], ARGV[1])
            """);

    /**
     * Takes the head item into this taker's in-flight list and (re)registers the taker's lease in the same step, so
     * an item is never in flight without a lease that puts it back. KEYS: items, inflight, leases. ARGV: taker,
     * lease ms. Returns the item, or nil when the queue is empty.
     */
    static final Script TAKE = new Script(RENEW + """
            local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
            if item then renew(KEYS[3], ARGV[1], ARGV[2]) end
            return item
            """);

    /** qsize. KEYS: items, leases. ARGV: prefix. Returns waiting plus in-flight items. */
    static final Script QSIZE = new Script(IN_FLIGHT + """
            return redis.call('LLEN', KEYS[1]) + inflight(KEYS[2], ARGV[1])
            """);

    /**
     * Ends a get. KEYS: inflight, taken, items, room, unfinished, done, leases. ARGV: payload, mode, maxsize, taker,
     * lease ms. Mode
     * {@code keep}: the item becomes one of this taker's tasks; {@code drop}: it is gone; {@code finish}: gone and
     * its task done (an undecodable joinable item). Returns 1, or -1 when the item's lease had expired and another
     * taker has it since (this get must not return it).
     */
    static final Script ACK = new Script(SIGNAL + RENEW + """
            if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then
              if redis.call('LREM', KEYS[3], 1, ARGV[1]) == 0 then return -1 end
            end
            if ARGV[2] == 'keep' then
              redis.call('RPUSH', KEYS[2], ARGV[1])
              renew(KEYS[7], ARGV[4], ARGV[5])
            elseif ARGV[2] == 'finish' then
              if redis.call('DECR', KEYS[5]) <= 0 then
                redis.call('SET', KEYS[5], 0)
                signal(KEYS[6])
              end
            end
            if tonumber(ARGV[3]) > 0 then signal(KEYS[4]) end
            return 1
            """);

    /**
     * taskDone. KEYS: unfinished, taken, done. Returns the unfinished tasks left, or -1 if none was unfinished.
     */
    static final Script TASK_DONE = new Script(SIGNAL + """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n <= 0 then return -1 end
            redis.call('LPOP', KEYS[2])
            n = redis.call('DECR', KEYS[1])
            if n == 0 then signal(KEYS[3]) end
            return n
            """);

    /**
     * Creates or checks a queue's description. KEYS: meta. ARGV: kind, maxsize, serializer, onWorkerDeath.
     * Returns the stored kind, maxsize, serializer, onWorkerDeath (the given ones when the queue is new).
     */
    static final Script META = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              redis.call('HSET', KEYS[1], 'kind', ARGV[1], 'maxsize', ARGV[2], 'serializer', ARGV[3],
                         'onWorkerDeath', ARGV[4], 'format', '1')
            end
            return redis.call('HMGET', KEYS[1], 'kind', 'maxsize', 'serializer', 'onWorkerDeath')
            """);

    /**
     * Renews this taker's lease and puts back what expired takers held, or (mode {@code release}) puts back what
     * this taker holds now. KEYS: leases, items, unfinished, meta, done. ARGV: prefix, taker, lease ms, mode.
     * An expired taker's in-flight items go back to the head in their order; its unfinished joinable tasks too
     * (REQUEUE), or count as done (COUNT_AS_DONE). The taker leaves the lease set in the same step, so each expiry
     * puts items back at most once. Returns {items put back, tasks requeued, tasks counted as done}.
     */
    static final Script LEASE = new Script(SIGNAL + """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local victims
            if ARGV[4] == 'release' then
              victims = {ARGV[2]}
            else
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
              victims = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
            end
            local policy = redis.call('HGET', KEYS[4], 'onWorkerDeath') or 'REQUEUE'
            local back, requeued, counted = 0, 0, 0
            for _, v in ipairs(victims) do
              local inflight = ARGV[1] .. 'inflight:' .. v
              local taken = ARGV[1] .. 'taken:' .. v
              local xs = redis.call('LRANGE', inflight, 0, -1)
              for i = #xs, 1, -1 do redis.call('LPUSH', KEYS[2], xs[i]) end
              back = back + #xs
              local ts = redis.call('LRANGE', taken, 0, -1)
              if #ts > 0 then
                if policy == 'COUNT_AS_DONE' then
                  if redis.call('DECRBY', KEYS[3], #ts) <= 0 then
                    redis.call('SET', KEYS[3], 0)
                    signal(KEYS[5])
                  end
                  counted = counted + #ts
                else
                  for i = #ts, 1, -1 do redis.call('LPUSH', KEYS[2], ts[i]) end
                  requeued = requeued + #ts
                end
              end
              redis.call('DEL', inflight, taken)
              redis.call('ZREM', KEYS[1], v)
            end
            if requeued > 0 then redis.call('HINCRBY', KEYS[4], 'tasksRequeued', requeued) end
            if counted > 0 then redis.call('HINCRBY', KEYS[4], 'tasksCountedAsDone', counted) end
            return {back, requeued, counted}
            """);
}
