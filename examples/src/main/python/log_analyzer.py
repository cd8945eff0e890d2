"""The CPython version of mp4j's LogAnalyzer example: the same parser and the same printed aggregates.

usage: python3 log_analyzer.py LOG_FILE [WORKERS] [bytes|ranges|pool]

The parent starts WORKERS multiprocessing processes (default 2), cuts the log in blocks of about 1 MiB at
newlines, puts them on a bounded Queue, and merges the aggregates each worker returns after an empty block. A block
is its bytes (mode "bytes", the default: the parent reads the file) or its file range (mode "ranges": a (start, end)
tuple, each worker reads its ranges from the file). Mode "pool" is the Pool version: Pool(WORKERS).imap_unordered
over the ranges, each task reading and parsing one range, the parent merging as results come. It
prints "seconds: S" (from the first block read to the merged aggregates, workers already started) and then the
report, byte for byte the report of io.github.mp4j.examples.loganalyzer.LogStats.
"""
import hashlib
import multiprocessing as mp
import sys
import time

BLOCK = 1 << 20
QUEUE_BLOCKS = 8
MINUTE_CHARS = 17


def parse(block, stats):
    """Adds the whole lines of block (bytes) to stats = [per_status, bytes_per_path, per_minute, lines, malformed]."""
    per_status, per_path, per_minute = stats[0], stats[1], stats[2]
    lines = malformed = 0
    for line in block.split(b'\n'):
        if not line:
            continue
        lines += 1
        e = len(line)
        o = line.find(b'[')
        q = line.find(b'"', o) if o >= 0 else -1
        ps = line.find(b' ', q) + 1 if q >= 0 else 0
        pe = line.find(b' ', ps) if ps > 0 else -1
        c = line.find(b'"', pe) if pe >= 0 else -1
        if c < 0 or o + 1 + MINUTE_CHARS > e or c + 6 > e:
            malformed += 1
            continue
        status = line[c + 2:c + 5]
        if not (status.isdigit() and len(status) == 3) or line[c + 5] != 32:
            malformed += 1
            continue
        j = k = c + 6
        while k < e and 48 <= line[k] <= 57:
            k += 1
        nbytes = int(line[j:k]) if k > j else 0
        s = int(status)
        per_status[s] = per_status.get(s, 0) + 1
        path = line[ps:pe]
        per_path[path] = per_path.get(path, 0) + nbytes
        minute = line[o + 1:o + 1 + MINUTE_CHARS]
        per_minute[minute] = per_minute.get(minute, 0) + 1
    stats[3] += lines
    stats[4] += malformed


def new_stats():
    return [{}, {}, {}, 0, 0]


def worker(blocks, results, path):
    """Parses blocks (bytes, or (start, end) ranges of the file at path when path is set) until an empty one, then
    returns its aggregates and ends: a worker that ended cannot take another worker's empty block, so every worker
    answers exactly once."""
    results.put(None)  # attached
    stats = new_stats()
    f = open(path, 'rb') if path else None
    while True:
        b = blocks.get()
        if not b:
            results.put(stats)
            return
        if f is not None:
            f.seek(b[0])
            b = f.read(b[1] - b[0])
        parse(b, stats)


def parse_range(task):
    """A Pool task: the aggregates of the lines in the range (start, end) of the file at path."""
    path, start, end = task
    with open(path, 'rb') as f:
        f.seek(start)
        block = f.read(end - start)
    stats = new_stats()
    parse(block, stats)
    return stats


def pool_version(path, workers):
    """Seconds and aggregates of the Pool version, its workers started before the clock starts."""
    with mp.get_context('fork').Pool(workers) as pool:
        pool.map(abs, range(workers))  # the workers run
        t = time.perf_counter()
        total = new_stats()
        for part in pool.imap_unordered(parse_range, ((path, s, e) for s, e in read_ranges(path))):
            merge(total, part)
        return time.perf_counter() - t, total


def read_ranges(path):
    """(start, end) ranges of about BLOCK bytes, each ending just after a newline (the last at the end of file)."""
    with open(path, 'rb') as f:
        f.seek(0, 2)
        size = f.tell()
        start = 0
        while start < size:
            end = min(size, start + BLOCK)
            while end < size:
                f.seek(end - 1)
                probe = f.read(4096)
                nl = probe.find(b'\n')
                if nl >= 0:
                    end = end - 1 + nl + 1
                    break
                end = min(size, end - 1 + len(probe) + 1)
            yield (start, end)
            start = end


def merge(total, part):
    for i in range(3):
        t = total[i]
        for k, v in part[i].items():
            t[k] = t.get(k, 0) + v
    total[3] += part[3]
    total[4] += part[4]


def read_blocks(path):
    carry = b''
    with open(path, 'rb') as f:
        while True:
            data = f.read(max(BLOCK, 2 * len(carry)) - len(carry))
            if not data:
                if carry:
                    yield carry
                return
            buf = carry + data
            cut = buf.rfind(b'\n') + 1
            if cut == 0:
                carry = buf
                continue
            carry = buf[cut:]
            yield buf[:cut]


def report(stats):
    per_status, per_path, per_minute, lines, malformed = stats
    out = ['lines: %d (malformed: %d)' % (lines, malformed)]
    for s in sorted(per_status):
        out.append('status %d: %d' % (s, per_status[s]))
    for p in sorted(per_path):
        out.append('bytes %s: %d' % (p.decode('latin-1'), per_path[p]))
    minutes = sorted(per_minute)
    out.append('minutes: %d' % len(minutes))
    if minutes:
        out.append('first minute: %s %d' % (minutes[0].decode('latin-1'), per_minute[minutes[0]]))
    busiest = sorted(per_minute.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    for k, v in busiest:
        out.append('busy minute: %s %d' % (k.decode('latin-1'), v))
    listing = ''.join('%s %d\n' % (m.decode('latin-1'), per_minute[m]) for m in minutes)
    out.append('minutes sha256: ' + hashlib.sha256(listing.encode('utf-8')).hexdigest())
    return '\n'.join(out) + '\n'


def main():
    path = sys.argv[1]
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    mode = sys.argv[3] if len(sys.argv) > 3 else 'bytes'
    if mode == 'pool':
        dt, total = pool_version(path, workers)
        sys.stdout.write('seconds: %.3f\n' % dt)
        sys.stdout.write(report(total))
        return
    ranges = mode == 'ranges'
    ctx = mp.get_context('fork')
    blocks = ctx.Queue(QUEUE_BLOCKS)
    results = ctx.Queue()
    procs = [ctx.Process(target=worker, args=(blocks, results, path if ranges else None)) for _ in range(workers)]
    for p in procs:
        p.start()
    for _ in procs:
        results.get()
    t = time.perf_counter()
    for b in (read_ranges(path) if ranges else read_blocks(path)):
        blocks.put(b)
    for _ in procs:
        blocks.put(() if ranges else b'')
    total = new_stats()
    for _ in procs:
        merge(total, results.get())
    dt = time.perf_counter() - t
    for p in procs:
        p.join()
    sys.stdout.write('seconds: %.3f\n' % dt)
    sys.stdout.write(report(total))


if __name__ == '__main__':
    main()
