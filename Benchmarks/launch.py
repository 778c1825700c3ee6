#!/usr/bin/env python3
"""Start a server, wait until GET /healthz answers 200, print "PID MS".

usage: launch.py PORT LOGFILE TIMEOUT_S -- CMD [ARG...]

MS is the time from just before spawning CMD to the first complete 200 status
line from 127.0.0.1:PORT/healthz (polled every ~1 ms). CMD runs as the leader
of a new session, so the caller can stop it and its children with
`kill -TERM -- -PID`. The server keeps running after this script exits.
Exit status 1 (and "PID -1") if it did not become ready in TIMEOUT_S or died.
"""
import socket
import subprocess
import sys
import time


def probe(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            return data.startswith(b"HTTP/1.1 200") or data.startswith(b"HTTP/1.0 200")
    except OSError:
        return False


def main():
    port, log, timeout = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    assert sys.argv[4] == "--"
    cmd = sys.argv[5:]
    logf = open(log, "ab")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                         start_new_session=True)
    while True:
        if probe(port):
            print(f"{p.pid} {(time.monotonic() - t0) * 1000.0:.1f}")
            return 0
        if p.poll() is not None or time.monotonic() - t0 > timeout:
            print(f"{p.pid} -1")
            return 1
        time.sleep(0.001)


if __name__ == "__main__":
    sys.exit(main())
