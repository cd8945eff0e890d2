"""CPython peer for mp4j's interop tests; uses nothing but multiprocessing.connection.

usage: cpython_peer.py listen|connect ADDRESS KEYHEX
  ADDRESS  a Unix socket path (contains '/') or host:port
  KEYHEX   the authkey in hex

listen:  binds, prints "READY <address> <legacy|modern>", accepts one connection, answers every frame with its
         bytes reversed until EOF, prints "DONE".
connect: connects, sends b"", b"hello" and 1 MiB, checks each reply is reversed, closes, prints "OK".
Authentication failures print "AUTHFAIL <message>" and exit 3.
"""
import sys
from multiprocessing import AuthenticationError
from multiprocessing import connection


def parse(address):
    if "/" in address:
        return address
    host, port = address.rsplit(":", 1)
    return (host, int(port))


def generation():
    return "modern" if hasattr(connection, "_ALLOWED_DIGESTS") else "legacy"


def main():
    mode, address, key = sys.argv[1], parse(sys.argv[2]), bytes.fromhex(sys.argv[3])
    if mode == "listen":
        with connection.Listener(address, authkey=key) as listener:
            bound = listener.address
            shown = bound if isinstance(bound, str) else "%s:%d" % bound
            print("READY", shown, generation(), flush=True)
            try:
                conn = listener.accept()
            except AuthenticationError as e:
                print("AUTHFAIL", e, flush=True)
                sys.exit(3)
            with conn:
                while True:
                    try:
                        data = conn.recv_bytes()
                    except EOFError:
                        break
                    conn.send_bytes(data[::-1])
        print("DONE", flush=True)
    else:
        try:
            conn = connection.Client(address, authkey=key)
        except AuthenticationError as e:
            print("AUTHFAIL", e, flush=True)
            sys.exit(3)
        with conn:
            for message in (b"", b"hello", bytes(range(256)) * 4096):
                conn.send_bytes(message)
                reply = conn.recv_bytes()
                if reply != message[::-1]:
                    print("MISMATCH", len(message), len(reply), flush=True)
                    sys.exit(4)
        print("OK", flush=True)


if __name__ == "__main__":
    main()
