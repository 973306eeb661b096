#!/usr/bin/env python3
# The benchmark's stand-ins for a store (benchmarks/README.md), one HTTP/1.1 server with
# keep-alive, on 127.0.0.1:
#
#   replay-store.py proxy UPSTREAM [--delay-ms N] [--record FILE]
#       forwards every request to the real store at UPSTREAM, answering N ms later than it
#       did (a store on another machine); with --record, appends each exchange to FILE
#       (JSON lines) for the replay.
#   replay-store.py replay FILE [--orders N] [--delay-ms N]
#       answers what FILE recorded, at once (the store's time is ~0), or N ms later: a
#       store on another machine, the round trip N ms, its own time still ~0. Any page of
#       /store/customers/me/orders is made up from the orders recorded for the same query
#       (the same parameters but limit and offset): N orders (default: as recorded), order j
#       a copy of a recorded one with an id, number and date of its own and 1, 2, 3, 5 or 8
#       items (orders of varied size); pages are kept once made (the 64 last).
#
# Both: --port P (0, the default: any free port), --port-file F (the port written there once
# listening), --log F (one line per request: "METHOD PATH STATUS BYTES MS", MS the store's
# time, or the replay's).
# Stops on SIGTERM.
import argparse
import base64
import collections
import copy
import http.client
import http.server
import json
import signal
import sys
import threading
import time
import urllib.parse

ORDERS_PATH = "/store/customers/me/orders"
ITEMS_PER_ORDER = (1, 2, 3, 5, 8)
# hop-by-hop and length headers: the server sets its own
SKIP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length",
                "content-encoding", "date", "server"}


def query_key(path):
    """The path with limit, offset and the list's cursor left out, and the limit and offset."""
    url = urllib.parse.urlsplit(path)
    params = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
    # the list's later pages keep to the orders older than its first (created_at[lt]=…)
    rest = sorted((k, v) for k, v in params
                  if k not in ("limit", "offset", "created_at[lt]"))
    values = dict(params)
    return (url.path + "?" + urllib.parse.urlencode(rest),
            int(values.get("limit", "50") or 50), int(values.get("offset", "0") or 0))


class Replay:
    def __init__(self, record_file, n_orders):
        self.exact = {}                 # (method, path) -> (status, headers, body)
        self.templates = {}             # query key -> [order, …]
        self.counts = {}                # query key -> count as recorded
        for line in open(record_file):
            r = json.loads(line)
            body = base64.b64decode(r["body"])
            self.exact[(r["method"], r["path"])] = (r["status"], r["headers"], body)
            if r["method"] == "GET" and r["path"].startswith(ORDERS_PATH + "?") and r["status"] == 200:
                key = query_key(r["path"])[0]
                page = json.loads(body)
                seen = self.templates.setdefault(key, [])
                ids = {o.get("id") for o in seen}
                seen.extend(o for o in page.get("orders", []) if o.get("id") not in ids)
                self.counts[key] = page.get("count", 0)
        self.n_orders = n_orders
        self.pages = collections.OrderedDict()
        self.lock = threading.Lock()

    def order(self, templates, j, n):
        order = copy.deepcopy(templates[j % len(templates)])
        order["id"] = "order_replay_%07d" % j
        if "display_id" in order:
            order["display_id"] = n - j
        if "created_at" in order:
            # newest first, a minute apart
            t = time.gmtime(1767225600 - 60 * j)
            order["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", t)
        items = order.get("items")
        if isinstance(items, list) and items:
            k = ITEMS_PER_ORDER[(j * 7 + j // 5) % len(ITEMS_PER_ORDER)]
            order["items"] = []
            for m in range(k):
                item = copy.deepcopy(items[m % len(items)])
                item["id"] = "item_replay_%07d_%d" % (j, m)
                if "order_id" in item:
                    item["order_id"] = order["id"]
                order["items"].append(item)
        return order

    def orders_page(self, path):
        key, limit, offset = query_key(path)
        templates = self.templates.get(key)
        if not templates:
            return None
        n = self.n_orders if self.n_orders is not None else self.counts[key]
        with self.lock:
            cached = self.pages.get((key, limit, offset))
            if cached is not None:
                self.pages.move_to_end((key, limit, offset))
                return cached
        orders = [self.order(templates, j, n) for j in range(offset, min(n, offset + limit))]
        body = json.dumps({"orders": orders, "count": n, "offset": offset, "limit": limit},
                          separators=(",", ":")).encode()
        with self.lock:
            self.pages[(key, limit, offset)] = body
            while len(self.pages) > 64:
                self.pages.popitem(last=False)
        return body

    def answer(self, method, path):
        if method == "GET" and path.startswith(ORDERS_PATH + "?"):
            body = self.orders_page(path)
            if body is not None:
                return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        hit = self.exact.get((method, path))
        if hit is not None:
            return hit
        return 404, {"Content-Type": "application/json"}, b'{"message":"not recorded"}'


def make_handler(args, replay, log):
    upstream = urllib.parse.urlsplit(args.upstream) if args.mode == "proxy" else None
    record_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def forward(self, body):
            conn = getattr(self, "upstream_conn", None)
            if conn is None:
                conn = self.upstream_conn = http.client.HTTPConnection(upstream.hostname, upstream.port)
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in ("host", "accept-encoding", "connection")}
            headers["Accept-Encoding"] = "identity"
            for attempt in (0, 1):
                try:
                    conn.request(self.command, self.path, body=body, headers=headers)
                    response = conn.getresponse()
                    return response.status, dict(response.getheaders()), response.read()
                except (http.client.HTTPException, OSError):
                    conn.close()
                    if attempt:
                        raise

        def handle_one(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            started = time.monotonic()
            if replay is not None:
                status, headers, out = replay.answer(self.command, self.path)
                took_ms = (time.monotonic() - started) * 1000
            else:
                status, headers, out = self.forward(body)
                took_ms = (time.monotonic() - started) * 1000
                if args.record:
                    kept = {k: v for k, v in headers.items() if k.lower() not in SKIP_HEADERS}
                    with record_lock, open(args.record, "a") as f:
                        f.write(json.dumps({"method": self.command, "path": self.path,
                                            "status": status, "headers": kept,
                                            "body": base64.b64encode(out).decode()}) + "\n")
            if args.delay_ms:
                time.sleep(args.delay_ms / 1000)
            self.send_response(status)
            for k, v in headers.items():
                if k.lower() not in SKIP_HEADERS:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(out)
            if log is not None:
                with record_lock:
                    log.write("%s %s %d %d %.1f\n" % (self.command, self.path, status, len(out),
                                                       took_ms))
                    log.flush()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = handle_one

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=("proxy", "replay"))
    p.add_argument("source", help="proxy: the store's URL; replay: the recording")
    p.add_argument("--delay-ms", type=float, default=0)
    p.add_argument("--record")
    p.add_argument("--orders", type=int)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file")
    p.add_argument("--log")
    args = p.parse_args()
    args.upstream = args.source
    replay = Replay(args.source, args.orders) if args.mode == "replay" else None
    log = open(args.log, "a") if args.log else None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args, replay, log))
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % server.server_address[1])
        import os
        os.replace(args.port_file + ".tmp", args.port_file)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
