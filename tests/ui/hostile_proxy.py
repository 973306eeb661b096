#!/usr/bin/python3
"""A careless or hostile store for the end-to-end tests: a proxy in front of
the real test store that passes every request on and, for the calls a test
names, changes the store's answer (a body made huge, deep or wrong, a body
that trickles, a status the store would not give).

    proxy = HostileProxy(upstream)          # listens on 127.0.0.1, a free port
    proxy.answer("GET", r"^/store/customers/me$", tamper)
    ... Patron at proxy.url ...
    proxy.clear()

@tamper gets the store's real answer (status, headers, body as bytes) and
returns (status, content type, body) where body is bytes or an iterable of
bytes (sent as they come, chunked, each flushed: a trickle, or more than any
client should read).
"""
import http.client, http.server, re, socketserver, threading, time, traceback, urllib.parse

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authorization", "proxy-authenticate", "content-length", "host"}


class HostileProxy:
    def __init__(self, upstream):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.rules = []
        self.seen = []          # (method, path) of every request, in order
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                path = urllib.parse.urlsplit(self.path).path
                with proxy.lock:
                    proxy.seen.append((self.command, path))
                    rule = next((r for r in proxy.rules
                                 if r[0] == self.command and r[1].search(path)), None)
                status, headers, answer = proxy._forward(self.command, self.path,
                                                         self.headers, body)
                if rule is None:
                    self._send(status, headers.get("Content-Type"), answer,
                               [(k, v) for k, v in headers.items()
                                if k.lower() not in HOP_BY_HOP and k.lower() != "content-type"])
                    return
                try:
                    status, content_type, answer = rule[2](status, headers, answer)
                except Exception:
                    # a tamper that does not fit this answer: the test's own
                    # mistake, said, and the store's answer sent as it was
                    traceback.print_exc()
                    content_type = headers.get("Content-Type")
                self._send(status, content_type, answer, [])

            def _send(self, status, content_type, answer, extra):
                try:
                    self.send_response(status)
                    for key, value in extra:
                        self.send_header(key, value)
                    if content_type:
                        self.send_header("Content-Type", content_type)
                    if isinstance(answer, (bytes, bytearray)):
                        self.send_header("Content-Length", str(len(answer)))
                        self.end_headers()
                        self.wfile.write(answer)
                        return
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in answer:
                        if chunk:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    # the client stopped reading: what a careful one does
                    self.close_connection = True

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = do_any

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port,
                                                timeout=60)
        # plain bodies, for the tampers to read
        forwarded = {k: v for k, v in headers.items()
                     if k.lower() not in HOP_BY_HOP and k.lower() != "accept-encoding"}
        connection.request(method, path, body=body, headers=forwarded)
        response = connection.getresponse()
        answer = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), answer

    def answer(self, method, path_pattern, tamper):
        """From now on, @method requests whose path matches @path_pattern get
        what @tamper makes of the store's answer."""
        with self.lock:
            self.rules.insert(0, (method, re.compile(path_pattern), tamper))

    def clear(self):
        with self.lock:
            self.rules.clear()

    def forget_requests(self):
        with self.lock:
            self.seen.clear()

    def requests(self, method, path_pattern):
        """How many @method requests matching @path_pattern came so far."""
        pattern = re.compile(path_pattern)
        with self.lock:
            return sum(1 for m, p in self.seen if m == method and pattern.search(p))

    def close(self):
        self.server.shutdown()


def trickle(data, every=0.5, size=1):
    """@data, @size bytes every @every seconds."""
    for i in range(0, len(data), size):
        yield data[i:i + size]
        time.sleep(every)
