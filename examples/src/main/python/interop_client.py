"""CPython side of PythonInteropDemo: connect to the Java Listener, swap bytes both ways."""
import hashlib, sys
from multiprocessing.connection import Client

address, authkey = sys.argv[1], bytes.fromhex(sys.argv[2])
with Client(address, authkey=authkey) as conn:               # the same HMAC challenge as a CPython Listener
    greeting = conn.recv_bytes()
    print(f"[python] recv_bytes: {greeting.decode()}", flush=True)
    conn.send_bytes(f"hello from Python {sys.version.split()[0]}".encode())
    blob = conn.recv_bytes()
    print(f"[python] recv_bytes: {len(blob)} bytes", flush=True)
    conn.send_bytes(hashlib.sha256(blob).hexdigest().encode())
    print(f"[python] recv_bytes: {conn.recv_bytes().decode()}", flush=True)
