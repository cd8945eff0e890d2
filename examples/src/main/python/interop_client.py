"""CPython side of PythonInteropDemo: connect to the Java Listener, swap bytes both ways, then dicts."""
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
    if conn.recv_bytes() == b"dicts":                         # Java has the pickle serializer: plain send/recv
        order = conn.recv()                                   # a java.util.Map arrives as a dict
        print(f"[python] recv: {order}", flush=True)
        total = sum(item["price"] * item["qty"] for item in order["items"])
        conn.send({"order": order["id"], "total": total, "paid": True, "by": ("python", sys.version_info[1])})
        print(f"[python] recv_bytes: {conn.recv_bytes().decode()}", flush=True)
    else:
        print("[python] recv_bytes: bye", flush=True)
