#!/usr/bin/env python3
"""A recording pass-through for HTTP/1.1 requests: each request a client sends is written, byte for
byte (request line, headers, body), to a numbered file, then sent unchanged to the upstream server,
whose answer goes back to the client unchanged.

It exists so that the SDK client tests can hand exactly what a public SDK put on the wire to
`qimen diagnose --request-file`. Standard library only; it listens on a loopback address and serves
one upstream.

    capture_proxy.py --listen [::1]:18080 --upstream http://127.0.0.1:18080 --out DIR --port-file FILE

Nothing is rewritten, not even `Host`. A local service that answers only to its own `Host`
(127.0.0.1, localhost or [::1] with its own port) is therefore reached by listening on the same port
of another loopback address: the gateway on 127.0.0.1:P, this proxy on [::1]:P, the client calling
http://[::1]:P. With port 0 the system picks one. The port is written to --port-file once the proxy
accepts connections. Captures are named 0001.http, 0002.http, ... in arrival order; each file
appears whole (written aside, then renamed) before the request is forwarded.
"""

import argparse
import os
import socket
import socketserver
import sys
import threading
import urllib.parse

HEAD_LIMIT = 64 * 1024
BODY_LIMIT = 16 * 1024 * 1024
UPSTREAM_TIMEOUT = 30


class Incomplete(Exception):
    """The peer closed or sent something this proxy cannot frame."""


class Reader:
    """Buffered reads from a socket that keep every byte read."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Incomplete("connection closed")
        self.buffer += chunk

    def until(self, marker, limit):
        while marker not in self.buffer:
            if len(self.buffer) > limit:
                raise Incomplete("header section too large")
            self._fill()
        end = self.buffer.index(marker) + len(marker)
        data, self.buffer = self.buffer[:end], self.buffer[end:]
        return data

    def exactly(self, count):
        while len(self.buffer) < count:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def rest(self):
        """Everything until the peer closes."""
        data = self.buffer
        self.buffer = b""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return data
            data += chunk

    def at_eof(self):
        if self.buffer:
            return False
        chunk = self.sock.recv(65536)
        if not chunk:
            return True
        self.buffer += chunk
        return False


def header_map(head):
    """Lower-cased header names to their last value, from a raw head (start line first)."""
    lines = head.decode("latin-1").split("\r\n")[1:]
    headers = {}
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return headers


def read_body(reader, headers):
    """The body exactly as framed on the wire (chunked framing kept)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raw = b""
        while True:
            size_line = reader.until(b"\r\n", HEAD_LIMIT)
            raw += size_line
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                # Trailer lines, ended by an empty line.
                while True:
                    line = reader.until(b"\r\n", HEAD_LIMIT)
                    raw += line
                    if line == b"\r\n":
                        return raw
            if len(raw) + size > BODY_LIMIT:
                raise Incomplete("body too large")
            raw += reader.exactly(size + 2)
    length = int(headers.get("content-length", "0") or "0")
    if length > BODY_LIMIT:
        raise Incomplete("body too large")
    return reader.exactly(length)


class Recorder:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.lock = threading.Lock()
        self.count = 0

    def write(self, raw):
        with self.lock:
            self.count += 1
            name = os.path.join(self.out_dir, "%04d.http" % self.count)
        partial = name + ".partial"
        with open(partial, "wb") as f:
            f.write(raw)
        os.replace(partial, name)
        return name


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        client = Reader(self.request)
        try:
            while not client.at_eof():
                head = client.until(b"\r\n\r\n", HEAD_LIMIT)
                headers = header_map(head)
                raw = head + read_body(client, headers)
                self.server.recorder.write(raw)
                method = head.split(b" ", 1)[0].upper()
                answer, answer_headers = self.forward(raw, method)
                self.request.sendall(answer)
                if "close" in (
                    headers.get("connection", "").lower(),
                    answer_headers.get("connection", "").lower(),
                ):
                    return
        except (Incomplete, OSError, ValueError) as e:
            if not isinstance(e, Incomplete) or str(e) != "connection closed":
                print("capture proxy: %s" % e, file=sys.stderr)

    def forward(self, raw, method):
        host, port = self.server.upstream
        with socket.create_connection((host, port), timeout=UPSTREAM_TIMEOUT) as upstream:
            upstream.sendall(raw)
            reader = Reader(upstream)
            head = reader.until(b"\r\n\r\n", HEAD_LIMIT)
            headers = header_map(head)
            status = int(head.split(b" ", 2)[1])
            if method == b"HEAD" or status in (204, 304) or 100 <= status < 200:
                body = b""
            elif "chunked" in headers.get("transfer-encoding", "").lower() or (
                "content-length" in headers
            ):
                body = read_body(reader, headers)
            else:
                body = reader.rest()
                headers["connection"] = "close"
            return head + body, headers


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class Server6(Server):
    address_family = socket.AF_INET6


def listen_address(text):
    """`127.0.0.1:0`, `[::1]:18080` -> (host, port), loopback only."""
    parsed = urllib.parse.urlsplit("//" + text)
    host, port = parsed.hostname, parsed.port
    if host not in ("127.0.0.1", "::1") or port is None:
        raise argparse.ArgumentTypeError("expected 127.0.0.1:PORT or [::1]:PORT")
    return host, port


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", type=listen_address, default=("127.0.0.1", 0),
                        help="127.0.0.1:PORT or [::1]:PORT (default 127.0.0.1:0)")
    parser.add_argument("--upstream", required=True, help="http://host:port of the server to call")
    parser.add_argument("--out", required=True, help="folder for the numbered captures")
    parser.add_argument("--port-file", required=True, help="file to write the listening port to")
    args = parser.parse_args()

    upstream = urllib.parse.urlsplit(args.upstream)
    if upstream.scheme != "http" or not upstream.hostname:
        parser.error("--upstream must be an http://host:port URL")
    os.makedirs(args.out, exist_ok=True)

    host, port = args.listen
    server = (Server6 if ":" in host else Server)((host, port), Handler)
    server.upstream = (upstream.hostname, upstream.port or 80)
    server.recorder = Recorder(args.out)
    port_file = args.port_file
    with open(port_file + ".partial", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(port_file + ".partial", port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
