"""CPython side of PicklePythonInteropTest: talks to a Java peer with nothing but multiprocessing.connection,
Connection.send (pickle) and recv (pickle.loads).

usage: pickle_peer.py listen|connect ADDRESS AUTHKEY_HEX
ADDRESS is a Unix socket path or host:port. Prints READY <address> when listening, DONE at the end.
"""
import builtins
import collections
import datetime
import decimal
import hashlib
import os
import sys
from multiprocessing.connection import Client, Listener

BIG = 10 * 1024 * 1024


class Point:
    """A class the Java side has no mapping for."""

    def __init__(self):
        self.x, self.y = 1, 2


class CallsSystem:
    def __reduce__(self):
        return os.system, ("echo pwned-by-pickle",)


class CallsEval:
    def __reduce__(self):
        return builtins.eval, ("__import__('os').system('echo pwned-by-eval')",)


def sample():
    """Every type of the mapping table, and nested structures."""
    return {
        "dict": {"id": 1, "tags": ["a"]},
        "list": [1, 2.5, "x", None, True, False],
        "tuple": (1, "two", (3,)),
        "set": {"p", "q"},
        "frozenset": frozenset({1, 2}),
        "str": "h\u00e9llo \u4e2d\u6587 \U0001d11e",
        "bytes": b"\x00\x01\xff",
        "bytearray": bytearray(b"ba"),
        "int": 42,
        "negative": -7,
        "big": 2 ** 100,
        "float": 2.5,
        "bool": True,
        "none": None,
        "date": datetime.date(2024, 2, 29),
        "datetime": datetime.datetime(2026, 12, 1, 20, 30, 5, 123456),
        "aware": datetime.datetime(2026, 12, 1, 20, 30, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        "time": datetime.time(23, 59, 58, 999999),
        "timedelta": datetime.timedelta(days=3, seconds=5, microseconds=7),
        "decimal": decimal.Decimal("12.50"),
        "ordered": collections.OrderedDict([("z", 1), ("a", 2)]),
        "tuple_keys": {(1, 2): "pair", frozenset({"s"}): "fs"},
        "nested": [{"a": [{"b": (1, [2, {"c": {3}}])}]}],
    }


def big_bytes():
    return bytes(range(256)) * (BIG // 256)


def exchange(conn):
    # 1. Python -> Java: every type; Java sends back what it decoded, which must equal what was sent.
    conn.send(sample())
    echo = conn.recv()
    conn.send("MATCH" if echo == sample() else "MISMATCH %r" % (echo,))
    # 2. Java -> Python: Java's own values; report what arrived, with Python's type names.
    java = conn.recv()
    conn.send(sorted("%s=%s:%r" % (k, type(v).__name__, v) for k, v in java.items()))
    # 3. 10 MiB both ways.
    conn.send(big_bytes())
    theirs = conn.recv()
    conn.send("%s %d %s" % (type(theirs).__name__, len(theirs), hashlib.sha256(theirs).hexdigest()))
    # 4. forbidden globals and an unknown class; after each the connection must still carry plain data.
    conn.send(CallsSystem())
    conn.send("usable after posix.system")
    conn.send_bytes(b"\x80\x02cos\nsystem\nX\x04\x00\x00\x00echo\x85R.")
    conn.send("usable after os.system")
    conn.send(CallsEval())
    conn.send("usable after builtins.eval")
    conn.send(Point())
    conn.send("usable after __main__.Point")
    assert conn.recv() == "bye"


def main():
    mode, address, key = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3])
    if ":" in address and not address.startswith("/"):
        host, port = address.rsplit(":", 1)
        address = (host, int(port))
    if mode == "listen":
        with Listener(address, authkey=key) as listener:
            bound = listener.address
            shown = "%s:%d" % bound if isinstance(bound, tuple) else bound
            print("READY", shown, flush=True)
            with listener.accept() as conn:
                exchange(conn)
    else:
        with Client(address, authkey=key) as conn:
            exchange(conn)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
