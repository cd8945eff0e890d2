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

    /**
     * Makes sure a taker has a lease entry, so that what it moves into its in-flight list is put back if it dies:
     * one {@code ZSCORE} while the entry is there (the lease keeper renews it every third of the lease); a fresh
     * lease of one lease from now (Redis clock) when it is missing (a first take, or an expiry put everything back).
     * An entry whose time has passed still protects: whoever puts the expired taker's items back puts back what it
     * moved too, and the taker's gets then find them gone from its in-flight list ({@link #STEP}'s ended -1 or 1).
     */
    private static final String ENSURE_LEASE = """
            local function ensureLease(leases, taker, ms)
              if redis.call('ZSCORE', leases, taker) then return end
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
     * One get's round trip: ends the get of a payload this taker holds (if any) and takes up to a count of head items
     * into its in-flight list, making sure in the same step that it has a lease entry (not renewing it: the lease
     * keeper does, so a step costs one {@code ZSCORE}, not {@code TIME} and {@code ZADD}), so an item is never in
     * flight without a lease that puts it back. KEYS: items, inflight, leases, taken, room, unfinished, done, holder.
     * ARGV: taker, lease ms, count, mode, maxsize, payload, ahead (1: the items taken are held ahead of gets, 0: the
     * one taken is for the get now), how many items this taker holds ahead besides, its holder id (the taker id,
     * {@code #} and a number per queue object, since one process may open a queue more than once). Mode {@code none}: nothing to end (no payload); {@code keep}: the payload becomes one
     * of this taker's tasks; {@code drop}: it is gone; {@code finish}: gone and its task done (an undecodable
     * joinable item). Returns {ended, taken items...}: ended is 1, 0 (mode none) or -1 when the payload's lease had
     * expired and another taker has it since (that get must not return it).
     *
     * <p><b>One holder.</b> Items held ahead go back to the head of the queue when their taker idles or closes; if
     * two takers held items at once, the one giving back last would put its newer items ahead of the other's older
     * ones, and a "no more work" item put after every task could be got while tasks wait behind it. So only one
     * taker at a time (the {@code holder} key) takes items ahead; the others take one item per get. A taker stops
     * being the holder when it holds nothing ahead, gives back, closes or loses its lease.
     */
    static final Script STEP = new Script(SIGNAL + ENSURE_LEASE + """
            local ended = 0
            local mode = ARGV[4]
            if mode ~= 'none' then
              ended = 1
              if redis.call('LREM', KEYS[2], 1, ARGV[6]) == 0 then
                if redis.call('LREM', KEYS[1], 1, ARGV[6]) == 0 then ended = -1 end
              end
              if ended == 1 then
                if mode == 'keep' then
                  redis.call('RPUSH', KEYS[4], ARGV[6])
                elseif mode == 'finish' then
                  if redis.call('DECR', KEYS[6]) <= 0 then
                    redis.call('SET', KEYS[6], 0)
                    signal(KEYS[7])
                  end
                end
                if tonumber(ARGV[5]) > 0 then signal(KEYS[5]) end
              end
            end
            local count = tonumber(ARGV[3])
            local holder = redis.call('GET', KEYS[8])
            local mayHold = not holder or holder == ARGV[9]
            if ARGV[7] == '1' and not mayHold then count = 0 end
            local out = {ended}
            for _ = 1, count do
              local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
              if not item then break end
              out[#out + 1] = item
            end
            if #out > 1 or (mode == 'keep' and ended == 1) then ensureLease(KEYS[3], ARGV[1], ARGV[2]) end
            if ARGV[7] == '1' and mayHold then
              if #out - 1 + tonumber(ARGV[8]) > 0 then
                if not holder then redis.call('SET', KEYS[8], ARGV[9]) end
              elseif holder then
                redis.call('DEL', KEYS[8])
              end
            end
            return out
            """);

    /**
     * Gives back items this taker took ahead of its gets: each payload still in its in-flight list goes back to the
     * head of items, the first given first, and the taker stops being the holder. KEYS: inflight, items, holder.
     * ARGV: holder id (see {@link #STEP}), then the payloads, oldest first. Returns how many went back (one whose lease expired meanwhile
     * went back with the expiry already).
     */
    static final Script GIVE_BACK = new Script("""
            local n = 0
            if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
            for i = #ARGV, 2, -1 do
              if redis.call('LREM', KEYS[1], 1, ARGV[i]) == 1 then
                redis.call('LPUSH', KEYS[2], ARGV[i])
                n = n + 1
              end
            end
            return n
            """);

    /** qsize. KEYS: items, leases. ARGV: prefix. Returns waiting plus in-flight items. */
    static final Script QSIZE = new Script(IN_FLIGHT + """
            return redis.call('LLEN', KEYS[1]) + inflight(KEYS[2], ARGV[1])
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
     * this taker holds now. KEYS: leases, items, unfinished, meta, done, holder. ARGV: prefix, taker, lease ms, mode.
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
              local holder = redis.call('GET', KEYS[6])
              if holder and string.sub(holder, 1, #v + 1) == v .. '#' then redis.call('DEL', KEYS[6]) end
            end
            if requeued > 0 then redis.call('HINCRBY', KEYS[4], 'tasksRequeued', requeued) end
            if counted > 0 then redis.call('HINCRBY', KEYS[4], 'tasksCountedAsDone', counted) end
            return {back, requeued, counted}
            """);
}
