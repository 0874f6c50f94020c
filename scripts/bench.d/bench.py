#!/usr/bin/env python3
"""CartBridge's benchmark: the numbers behind BENCHMARKS.md. Run it through `scripts/bench`.

Everything runs on loopback on this machine, with the Full Cart simulator (`cartbridge simulate`, fault latency
set to zero) as the only merchant, and compares CartBridge with what it replaces:

  * GET /store/carts/{id} through CartBridge (snapshot.max_age_ms 0: one merchant GET cart per read, and a
    1000 ms window) vs the same merchant carts fetched through an nginx proxy_pass to the simulator vs the
    simulator directly. Throughput at 32 connections and latency at one connection.
  * POST /store/carts/{id}/line-items on carts without a merchant yet (a device session plus an add: two
    merchant calls) vs those two calls made directly.
  * completions per second on prepared carts vs the bound of one RSA-2048 private-key operation plus one
    public-key operation per completion on all cores (`openssl speed` and swift-crypto's BoringSSL, both
    measured in this run).
  * resident memory of `cartbridge serve` with 10,000 live carts in its store, and the time from process start
    to its first successful request.

Only the Python standard library is used; load comes from wrk (scripts/bench.d/wrk_template.lua).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cartbridge_server import unlimited_stock_catalog  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APP_ID = "6f1f2c3e-3a43-4d5b-9f5e-1d2a3b4c5d6e"
DOMAIN = "apparel.example"
HANDLE, SKU = "radiant-tee", "WS12-XS-Orange"
CARD = {"number": "4111111111111111", "name": "Ada Lovelace", "verification_value": "123", "month": "08", "year": "2031"}
ADDRESS = {"first_name": "Ada", "last_name": "Lovelace", "address_1": "1 Analytical Way", "city": "Seattle",
           "province": "WA", "postal_code": "98101", "country_code": "us", "phone": "2065551212"}

# Full: about 10 s per throughput run. Smoke (CI): every step once, about 5 s of load in all, tiny counts.
PROFILES = {
    "full": dict(duration=10, latency_duration=5, warmup=2, threads=2, connections=32, get_carts=64,
                 live_carts=10_000, completions=2000, startups=5, openssl_seconds=3, rsa_iterations=2000),
    "smoke": dict(duration=1, latency_duration=1, warmup=0, threads=2, connections=8, get_carts=4,
                  live_carts=100, completions=16, startups=1, openssl_seconds=1, rsa_iterations=20),
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# MARK: HTTP


class Client:
    """Keep-alive JSON over http.client, one connection per thread (the preparation runs in a thread pool)."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.local.connection = connection
        return connection

    def call(self, method: str, path: str, body: object | None = None, headers: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        all_headers = {"content-type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        for attempt in range(2):
            connection = self._connection()
            try:
                connection.request(method, path, body=data, headers=all_headers)
                response = connection.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, OSError):
                # A keep-alive connection the server closed: reconnect once.
                connection.close()
                self.local.connection = None
                if attempt == 1:
                    raise
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw.decode(errors="replace")
        return response.status, payload

    def ok(self, method: str, path: str, body: object | None = None, headers: dict | None = None):
        status, payload = self.call(method, path, body, headers)
        if status != 200:
            raise RuntimeError(f"{method} {path} answered {status}: {str(payload)[:400]}")
        return payload


def wait_until_up(url: str, process: subprocess.Popen, timeout: float, log_path: Path, interval: float = 0.002) -> float:
    """Seconds from now until `url` answers 200; polls (no fixed sleeps) and fails if the process exits."""
    start = time.monotonic()
    deadline = start + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (OSError, urllib.error.URLError):
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{url}: process exited with {process.returncode}\n{log_path.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout} s\n{log_path.read_text()[-3000:]}")
        time.sleep(interval)


# MARK: Processes


class Service:
    def __init__(self, name: str, argv: list[str], work: Path, env: dict | None = None, cwd: Path = ROOT):
        self.name = name
        self.log_path = work / f"{name}.log"
        self.started = time.monotonic()
        self.process = subprocess.Popen(argv, cwd=cwd, env=dict(os.environ, **(env or {})),
                                        stdout=self.log_path.open("w"), stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process and its children alive now (nginx's workers), in seconds."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid] + child_pids(self.process.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime and stime (fields 14 and 15 of stat)
        return total / tick

    def memory_kib(self) -> dict[str, int]:
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
        return fields


def child_pids(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


# MARK: wrk


def wrk(name: str, work: Path, profile: dict, port: int, *, ids: list[str], path: str, method: str = "GET",
        header: tuple[str, str] = ("", ""), body: object | None = None, once: bool = False, match: str = "",
        connections: int | None = None, threads: int | None = None, duration: int | None = None,
        status: int = 200) -> dict:
    """One wrk run; returns wrk's own summary plus the answers counted as successes (see wrk_template.lua)."""
    threads = threads or profile["threads"]
    connections = max(connections or profile["connections"], threads)
    duration = duration or profile["duration"]
    ids_file = work / f"{name}.ids"
    ids_file.write_text("\n".join(ids) + "\n")
    body_literal = "nil" if body is None else lua_string(json.dumps(body))
    script = (HERE / "wrk_template.lua").read_text()
    for key, value in {
        "IDS": str(ids_file), "METHOD": method, "PATH": path, "HEADER": header[0], "HEADER_VALUE": header[1],
        "BODY": body_literal, "ONCE": "true" if once else "false", "STATUS": str(status), "MATCH": lua_string(match),
        "THREADS": str(threads), "IDLE_PATH": "/store/carts/bench-idle",
    }.items():
        script = script.replace(f"@@{key}@@", value)
    script_file = work / f"{name}.lua"
    script_file.write_text(script)
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
            "-s", str(script_file), f"http://127.0.0.1:{port}"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if once:
        # wrk sleeps the whole -d even when every thread has stopped; SIGINT makes it report at once.
        markers = [Path(f"{ids_file}.done.{index}") for index in range(threads)]
        deadline = time.monotonic() + duration + 5
        while process.poll() is None and time.monotonic() < deadline:
            if all(marker.exists() for marker in markers):
                process.send_signal(signal.SIGINT)
                break
            time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=duration + 120)
    (work / f"{name}.wrk.txt").write_text(stdout + stderr)
    line = next((l for l in stdout.splitlines() if l.startswith("WRKJSON ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk {name} failed:\n{stdout}\n{stderr}")
    summary = json.loads(line[len("WRKJSON "):])
    # Once-mode runs that used up their carts are timed first request → last answer; others by wrk.
    seconds = (summary["span_us"] or summary["duration_us"]) / 1e6
    summary.update(name=name, connections=connections, threads=threads, rps=summary["ok"] / seconds,
                   seconds=seconds, p50_ms=summary["p50_us"] / 1000, p99_ms=summary["p99_us"] / 1000)
    failed = summary["bad"] + summary["connect_errors"] + summary["read_errors"] + summary["write_errors"] \
        + summary["timeouts"]
    summary["failed"] = failed
    log(f"{name}: {summary['rps']:.0f}/s ok={summary['ok']} failed={failed} p50={summary['p50_ms']:.3f} ms "
        f"p99={summary['p99_ms']:.3f} ms ({seconds:.1f} s, {connections} connections)")
    if summary["ok"] == 0 or failed > max(5, summary["ok"] // 100):
        raise RuntimeError(f"wrk {name}: too many failed answers ({failed} of {summary['requests']}); "
                           f"see {work / (name + '.wrk.txt')}")
    return summary


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# MARK: RSA speed


def openssl_speed(seconds: int) -> dict:
    """`openssl speed rsa2048`: seconds per private-key (sign) and public-key (verify) operation, one core."""
    out = subprocess.run(["openssl", "speed", "-seconds", str(seconds), "rsa2048"], capture_output=True, text=True,
                         timeout=seconds * 4 + 60).stdout
    match = re.search(r"^rsa\s+2048 bits\s+([0-9.]+)s\s+([0-9.]+)s", out, re.M)
    if not match:
        raise RuntimeError(f"unexpected openssl speed output:\n{out}")
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True).stdout.strip()
    return {"private_s": float(match.group(1)), "public_s": float(match.group(2)), "version": version}


def swift_crypto_speed(binary: Path, work: Path, iterations: int) -> dict:
    """swift-crypto's bundled BoringSSL (and our JWE path) timed by scripts/bench.d/rsa_speed.swift, compiled
    against the objects of the build that produced `binary` (no second package build)."""
    tool = work / "rsa-speed"
    build = binary.resolve().parent
    try:
        compile_rsa_speed(build, tool)
    except Exception as error:  # the figure is then reported as missing, with the reason
        return {"error": f"could not build the RSA timer against {build}: {str(error)[-600:]}"}
    out = subprocess.run([str(tool), str(iterations)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return {"error": f"rsa-speed failed: {out.stderr[-600:]}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def compile_rsa_speed(build: Path, tool: Path) -> None:
    objects = []
    for module in ("CardCrypto", "Crypto", "CryptoExtras", "_CryptoExtras", "CCryptoBoringSSL",
                   "CCryptoBoringSSLShims", "CryptoBoringWrapper", "SwiftASN1", "CXKCP", "CXKCPShims", "CLibcryptoRSA"):
        objects += sorted(str(p) for p in (build / f"{module}.build").rglob("*.o"))
    module_maps = sorted({str(p) for p in build.glob("*.build/module.modulemap")})
    argv = ["swiftc", "-O", "-o", str(tool), str(HERE / "rsa_speed.swift"), "-I", str(build / "Modules")]
    for module_map in module_maps:
        argv += ["-Xcc", f"-fmodule-map-file={module_map}"]
    for include in sorted(build.parent.parent.glob("checkouts/swift-crypto/Sources/*/include")) + \
            sorted(ROOT.glob("Sources/*/include")):
        argv += ["-Xcc", f"-I{include}"]
    if (build / "CLibcryptoRSA.build").exists():
        argv += ["-lcrypto"]
    # BoringSSL has C++ parts.
    argv += objects + ["-lstdc++"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)


# MARK: The scenario


class Bench:
    def __init__(self, binary: Path, profile_name: str, work: Path, perf: bool):
        self.binary = binary
        self.profile_name = profile_name
        self.p = PROFILES[profile_name]
        self.work = work
        self.perf = perf
        self.results: dict = {"profile": profile_name}
        self.services: list[Service] = []

    # Setup

    def start_simulator(self) -> None:
        catalog_path = unlimited_stock_catalog(self.work / "bench-catalog.json")
        self.sim_port = free_port()
        simulator = Service("simulator", [str(self.binary), "simulate", "--port", str(self.sim_port),
                                          "--catalog", str(catalog_path), "--token-lifetime", "86400"], self.work)
        self.services.append(simulator)
        self.sim_service = simulator
        wait_until_up(f"http://127.0.0.1:{self.sim_port}/_simulator/faults", simulator.process, 60, simulator.log_path)
        self.sim = Client(self.sim_port)
        faults = self.sim.ok("PUT", "/_simulator/faults", {"latency_ms": 0})
        assert faults["latency_ms"] == 0, faults
        log(f"simulator on {self.sim_port}, latency_ms={faults['latency_ms']}")

    def write_config(self) -> Path:
        base = f"http://127.0.0.1:{self.sim_port}"
        merchants = "".join(
            f"  - domain: {domain}\n    api_url: {base}\n    payment_url: {base}\n    app_id: {APP_ID}\n"
            for domain in ("apparel.example", "home.example"))
        config = self.work / "cartbridge.yaml"
        config.write_text(
            "server:\n  host: 127.0.0.1\n  port: 0\n"
            f"storage:\n  url: \"sqlite:{self.work}/cartbridge.sqlite\"\n"
            f"keys:\n  directory: {self.work}/keys\n"
            "snapshot:\n  max_age_ms: 0\n"
            # Every request comes from this one loopback address: the per-address card-route limit would
            # measure itself, not CartBridge.
            "rate_limit:\n  requests_per_minute: 0\n"
            f"merchants:\n{merchants}")
        return config

    def start_bridge(self, max_age_ms: int = 0) -> float:
        """Starts `cartbridge serve`; returns seconds from process start to its first successful request."""
        self.bridge_port = free_port()
        env = {"CARTBRIDGE_SERVER_PORT": str(self.bridge_port), "CARTBRIDGE_SNAPSHOT_MAX_AGE_MS": str(max_age_ms)}
        bridge = Service("serve", [str(self.binary), "serve", "--config", str(self.config)], self.work, env)
        self.bridge_service = bridge
        self.services.append(bridge)
        wait_until_up(f"http://127.0.0.1:{self.bridge_port}/store/regions", bridge.process, 60, bridge.log_path,
                      interval=0.001)
        # From just before the fork/exec to the first 200 (the 1 ms polling adds at most about 1 ms).
        elapsed = time.monotonic() - bridge.started
        self.bridge = Client(self.bridge_port)
        return elapsed

    def stop_bridge(self) -> None:
        self.bridge_service.stop()
        self.services.remove(self.bridge_service)

    def start_nginx(self) -> None:
        self.nginx_port = free_port()
        root = self.work / "nginx"
        root.mkdir(exist_ok=True)
        # As a production reverse proxy would be set up: a worker per core, pooled keep-alive upstream
        # connections, no access log (CartBridge does not log each request either).
        (root / "nginx.conf").write_text(f"""
worker_processes auto;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream simulator {{
        server 127.0.0.1:{self.sim_port};
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{self.nginx_port};
        location / {{
            proxy_pass http://simulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_buffering on;
        }}
    }}
}}
""")
        nginx = Service("nginx", ["nginx", "-p", str(root), "-c", str(root / "nginx.conf")], self.work)
        self.services.append(nginx)
        self.nginx_service = nginx
        wait_until_up(f"http://127.0.0.1:{self.nginx_port}/_simulator/faults", nginx.process, 30, nginx.log_path)
        version = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
        self.results["nginx_version"] = version.replace("nginx version: ", "")
        log(f"nginx on {self.nginx_port} -> simulator")

    # Carts

    def variant_id(self) -> str:
        products = self.bridge.ok("GET", f"/store/products?handle={HANDLE}")["products"]
        return next(v["id"] for v in products[0]["variants"] if v["sku"] == SKU)

    def parallel(self, function, items, workers: int = 12) -> list:
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(function, items))

    def new_carts(self, count: int) -> list[str]:
        return self.parallel(lambda _: self.bridge.ok("POST", "/store/carts", {})["cart"]["id"], range(count))

    def add_item(self, cart_id: str) -> None:
        self.bridge.ok("POST", f"/store/carts/{cart_id}/line-items", {"variant_id": self.variant, "quantity": 1})

    def merchant_tokens(self, cart_ids: list[str]) -> list[str]:
        """The device-session token of each cart's merchant cart, from CartBridge's own SQLite file."""
        db = sqlite3.connect(f"file:{self.work}/cartbridge.sqlite?mode=ro", uri=True)
        try:
            tokens = []
            for cart_id in cart_ids:
                (body,) = db.execute("SELECT body FROM carts WHERE id = ?", (cart_id,)).fetchone()
                cart = json.loads(body)
                tokens.append(next(m["session"]["accessToken"] for m in cart["merchants"] if m["domain"] == DOMAIN))
            return tokens
        finally:
            db.close()

    def check_get_asks_merchant(self, cart_id: str, expected_calls: int) -> None:
        """The simulator's unavailable_next counter shows whether a CartBridge read called the merchant: a read
        right after a read (so the snapshot is fresh) calls it with max_age 0 and does not within a window."""
        self.bridge.ok("GET", f"/store/carts/{cart_id}")
        self.sim.ok("PUT", "/_simulator/faults", {"unavailable_next": 1, "endpoints": ["cart"], "domains": [DOMAIN]})
        self.bridge.ok("GET", f"/store/carts/{cart_id}")
        left = self.sim.ok("GET", "/_simulator/faults")["unavailable_next"]
        self.sim.ok("PUT", "/_simulator/faults", {"latency_ms": 0})
        if 1 - left != expected_calls:
            raise RuntimeError(f"a cart read made {1 - left} merchant calls, expected {expected_calls}")

    # Scenarios

    def get_cart(self) -> None:
        p = self.p
        carts = self.new_carts(p["get_carts"])
        self.parallel(self.add_item, carts)
        tokens = self.merchant_tokens(carts)
        self.get_carts, self.get_tokens = carts, tokens
        self.results["get_cart_count"] = len(carts)
        self.check_get_asks_merchant(carts[0], expected_calls=1)
        merchant_path = f"/api/v2/domains/{DOMAIN}/cart/"
        auth = ("x-firmly-authorization", "{id}")
        targets = {
            "direct": dict(port=self.sim_port, ids=tokens, path=merchant_path, header=auth),
            "nginx": dict(port=self.nginx_port, ids=tokens, path=merchant_path, header=auth),
            "bridge": dict(port=self.bridge_port, ids=carts, path="/store/carts/{id}"),
        }
        for mode, connections, duration in self.modes():
            for target, spec in targets.items():
                if p["warmup"]:
                    wrk(f"warm-get-{target}-{mode}", self.work, p, connections=connections, threads=1 if connections == 1 else None,
                        duration=p["warmup"], **spec)
                proxy = {"direct": self.sim_service, "nginx": self.nginx_service, "bridge": self.bridge_service}[target]
                measure = lambda: self.with_cpu(proxy, lambda: wrk(  # noqa: E731
                    f"get-{target}-{mode}", self.work, p, connections=connections,
                    threads=1 if connections == 1 else None, duration=duration, **spec))
                self.results[f"get_{target}_{mode}"] = (
                    self.profiled("get", measure) if (target, mode) == ("bridge", "load") else measure())

    def with_cpu(self, proxy: "Service", run):
        """Runs a load step and adds the CPU the proxy (CartBridge or nginx) and the simulator spent per answered
        request, in milliseconds: user + system time over the run, divided by requests."""
        before = (proxy.cpu_seconds(), self.sim_service.cpu_seconds())
        result = run()
        requests = max(1, result.get("ok", 0) + result.get("bad", 0))
        result["cpu_ms_per_request"] = (proxy.cpu_seconds() - before[0]) * 1000 / requests
        result["sim_cpu_ms_per_request"] = (self.sim_service.cpu_seconds() - before[1]) * 1000 / requests
        return result

    def modes(self) -> list[tuple[str, int | None, int]]:
        """Throughput (many connections), then latency (one). The smoke keeps its load short: the one-connection
        runs would exercise nothing new, so their figures repeat the throughput runs'."""
        if self.profile_name == "smoke":
            return [("load", None, self.p["duration"])]
        return [("load", None, self.p["duration"]), ("latency", 1, self.p["latency_duration"])]

    def get_cart_window(self) -> None:
        p = self.p
        self.check_get_asks_merchant(self.get_carts[0], expected_calls=0)
        spec = dict(port=self.bridge_port, ids=self.get_carts, path="/store/carts/{id}")
        for mode, connections, duration in self.modes():
            if p["warmup"]:
                wrk(f"warm-get-window-{mode}", self.work, p, connections=connections,
                    threads=1 if connections == 1 else None, duration=p["warmup"], **spec)
            self.results[f"get_window_{mode}"] = self.with_cpu(self.bridge_service, lambda: wrk(
                f"get-window-{mode}", self.work, p, connections=connections, threads=1 if connections == 1 else None,
                duration=duration, **spec))

    def line_items(self) -> None:
        p = self.p
        # Every cart gets its first merchant with this add: a device session + the add (two merchant calls).
        fresh = self.new_carts(p["live_carts"])
        body = {"variant_id": self.variant, "quantity": 1}
        self.results["line_items_bridge"] = run = self.profiled("line-items", lambda: self.with_cpu(
            self.bridge_service, lambda: wrk(
                "line-items-bridge", self.work, p, self.bridge_port, ids=fresh, method="POST",
                path="/store/carts/{id}/line-items", body=body, once=True, match='"object":"cart"')))
        used = run["ok"] + run["bad"]
        # The same two calls made directly: a device session, and an add (round-robin on existing carts).
        ref = self.add_to_cart_ref()
        self.results["line_items_direct_session"] = wrk(
            "line-items-direct-session", self.work, p, self.sim_port, ids=["-"], method="POST",
            path="/api/v1/browser-session", header=("x-firmly-app-id", APP_ID), body={})
        self.results["line_items_direct_add"] = wrk(
            "line-items-direct-add", self.work, p, self.sim_port, ids=self.get_tokens, method="POST",
            path=f"/api/v2/domains/{DOMAIN}/cart/line-items", header=("x-firmly-authorization", "{id}"),
            body={"add_to_cart_ref": ref, "quantity": 1})
        # The rest of the carts get their item too, so the store holds live carts with a merchant cart each.
        log(f"filling {len(fresh) - used} more carts to {p['live_carts']} live carts")
        self.parallel(self.add_item, fresh[used:])
        self.live_carts = fresh

    def add_to_cart_ref(self) -> dict:
        product = self.sim.ok("GET", f"/api/v1/domains-products/{DOMAIN}/{HANDLE}",
                              headers={"x-firmly-authorization": self.get_tokens[0]})
        for variant in product.get("variants", []):
            if variant.get("sku") == SKU:
                return variant["add_to_cart_ref"]
        raise RuntimeError(f"{SKU} has no add_to_cart_ref: {str(product)[:300]}")

    def profiled(self, name: str, run):
        """With --perf: a system-wide `perf record -g` while `run` loads the processes (attaching to one process
        yields no samples in some containers), then the hottest symbols (self time, Swift names demangled) of
        CartBridge and of the simulator in perf-NAME-serve.txt and perf-NAME-simulator.txt."""
        if not self.perf:
            return run()
        data = self.work / f"perf-{name}.data"
        recorder = subprocess.Popen(["perf", "record", "-a", "-F", "499", "-g", "-o", str(data)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # perf writes its header once it is recording: do not start the load before.
        deadline = time.monotonic() + 30
        while not (data.exists() and data.stat().st_size > 0) and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            return run()
        finally:
            recorder.send_signal(signal.SIGINT)
            recorder.wait()
            for label, service in (("serve", self.bridge_service), ("simulator", self.services[0])):
                report = subprocess.run(
                    ["perf", "report", "-i", str(data), "--pid", str(service.process.pid), "--no-children",
                     "--sort", "dso,symbol", "--stdio", "-g", "none", "--percent-limit", "0.3"],
                    capture_output=True, text=True).stdout
                demangled = subprocess.run(["swift", "demangle", "--simplified"], input=report, capture_output=True,
                                           text=True).stdout or report
                (self.work / f"perf-{name}-{label}.txt").write_text(demangled)
                log(f"profile: {self.work / f'perf-{name}-{label}.txt'}")

    def memory(self, label: str) -> None:
        db = sqlite3.connect(f"file:{self.work}/cartbridge.sqlite?mode=ro", uri=True)
        try:
            (total,) = db.execute("SELECT count(*) FROM carts").fetchone()
            (live,) = db.execute("SELECT count(*) FROM carts WHERE completed_at IS NULL").fetchone()
        finally:
            db.close()
        memory = self.bridge_service.memory_kib()
        self.results[f"memory_{label}"] = dict(memory, carts=total, live_carts=live)
        log(f"memory {label}: RSS {memory['VmRSS'] / 1024:.1f} MiB (peak {memory['VmHWM'] / 1024:.1f} MiB), "
            f"{live} live carts of {total}")

    def prepare_checkout(self, cart_id: str) -> None:
        b = self.bridge
        self.add_item(cart_id)
        b.ok("POST", f"/store/carts/{cart_id}", {"email": "ada@example.com", "shipping_address": ADDRESS})
        options = b.ok("GET", f"/store/shipping-options/{cart_id}")["shipping_options"]
        cheapest: dict[str, dict] = {}
        for option in options:
            if option["profile_id"] not in cheapest or option["amount"] < cheapest[option["profile_id"]]["amount"]:
                cheapest[option["profile_id"]] = option
        for option in cheapest.values():
            b.ok("POST", f"/store/carts/{cart_id}/shipping-methods", {"option_id": option["id"]})
        cart = b.ok("POST", f"/store/carts/{cart_id}/payment-sessions")["cart"]
        session = cart["payment_session"]
        b.ok("POST", f"/store/carts/{cart_id}/payment-sessions/{session['provider_id']}",
             {"data": {"encrypted_card": self.card_jwe(session["data"]["public_key"])}})

    def card_jwe(self, public_key: dict) -> str:
        # One JWE, encrypted once to CartBridge's key as a browser would: every cart stores its own copy.
        with self.jwe_lock:
            if self.jwe is None:
                jwk = self.work / "bridge-key.json"
                jwk.write_text(json.dumps(public_key))
                self.jwe = subprocess.run([str(self.binary), "jwe", "encrypt", "--jwk", str(jwk)],
                                          input=json.dumps(CARD), capture_output=True, text=True,
                                          check=True).stdout.strip()
            return self.jwe

    def completions(self) -> None:
        p = self.p
        self.jwe, self.jwe_lock = None, threading.Lock()
        carts = self.new_carts(p["completions"])
        started = time.monotonic()
        self.parallel(self.prepare_checkout, carts, workers=16)
        log(f"prepared {len(carts)} carts for completion in {time.monotonic() - started:.1f} s")
        orders_before = len(self.sim.ok("GET", "/_simulator/orders")["orders"])
        run = self.profiled("complete", lambda: self.with_cpu(self.bridge_service, lambda: wrk(
            "complete", self.work, p, self.bridge_port, ids=carts, method="POST",
            path="/store/carts/{id}/complete", header=("Idempotency-Key", "bench-{id}"), once=True,
            match='"type":"order"', duration=max(p["duration"], 60))))
        orders = len(self.sim.ok("GET", "/_simulator/orders")["orders"]) - orders_before
        if orders != run["ok"]:
            raise RuntimeError(f"{run['ok']} completions answered but the merchant ledger gained {orders} orders")
        self.results["complete"] = run

    def rsa(self) -> None:
        cores = os.cpu_count() or 1
        openssl = openssl_speed(self.p["openssl_seconds"])
        boring = swift_crypto_speed(self.binary, self.work, self.p["rsa_iterations"])
        if "error" in boring and self.profile_name == "smoke":
            # The smoke exists so that no step rots unnoticed, this one included.
            raise RuntimeError(boring["error"])
        self.results["rsa"] = {"cores": cores, "openssl": openssl, "swift_crypto": boring}
        log(f"RSA-2048 private op: openssl {openssl['private_s'] * 1000:.3f} ms, "
            f"swift-crypto {boring.get('boringssl_private_s', float('nan')) * 1000:.3f} ms")

    def startups(self) -> None:
        """Restarts `serve` on the store the run filled; the last start has the 1000 ms freshness window."""
        self.stop_bridge()
        times = []
        for index in range(self.p["startups"]):
            last = index == self.p["startups"] - 1
            times.append(self.start_bridge(max_age_ms=1000 if last else 0))
            if not last:
                self.stop_bridge()
        self.results["startup_s"] = times
        log("start-up: " + ", ".join(f"{t * 1000:.0f} ms" for t in times))

    # Run

    def run(self) -> dict:
        self.results["machine"] = machine()
        self.start_simulator()
        self.config = self.write_config()
        self.results["first_start_s"] = self.start_bridge()
        self.start_nginx()
        self.variant = self.variant_id()
        self.get_cart()
        self.line_items()
        self.memory("live_carts")
        self.completions()
        self.memory("after_completions")
        self.rsa()
        self.startups()
        self.memory("after_restart")
        self.get_cart_window()
        self.memory("after_window_reads")
        if self.profile_name == "smoke":
            for target in ("direct", "nginx", "bridge", "window"):
                self.results[f"get_{target}_latency"] = self.results[f"get_{target}_load"]
        return self.results

    def close(self) -> None:
        for service in reversed(self.services):
            service.stop()


def machine() -> dict:
    def first_line(argv: list[str]) -> str:
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")))
    os_name = "?"
    if Path("/etc/os-release").exists():
        fields = dict(l.split("=", 1) for l in Path("/etc/os-release").read_text().splitlines() if "=" in l)
        os_name = fields.get("PRETTY_NAME", "?").strip('"')
    revision = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024, 1), "os": os_name,
        "kernel": platform.release(), "swift": first_line(["swift", "--version"]),
        "wrk": first_line(["wrk", "--version"]).split(" [")[0], "openssl": first_line(["openssl", "version"]),
        "load_before": Path("/proc/loadavg").read_text().split()[:3],
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "revision": revision + (" (with uncommitted changes)" if dirty else ""),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--smoke", action="store_true", help="every step once with tiny counts (CI)")
    parser.add_argument("--results", type=Path, help="write the raw results as JSON here")
    parser.add_argument("--markdown", type=Path, help="write the BENCHMARKS.md table here")
    parser.add_argument("--perf", action="store_true", help="perf record CartBridge during the completions")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (logs, wrk output)")
    args = parser.parse_args()
    binary = args.binary.resolve()
    work = Path(tempfile.mkdtemp(prefix="cartbridge-bench-"))
    log(f"binary {binary}, scratch {work}")
    bench = Bench(binary, "smoke" if args.smoke else "full", work, args.perf)
    try:
        results = bench.run()
    finally:
        bench.close()
    results["binary"] = str(binary)
    results["scratch"] = str(work)
    text = json.dumps(results, indent=2)
    if args.results:
        args.results.write_text(text)
    if args.markdown:
        sys.path.insert(0, str(HERE))
        from report import markdown  # noqa: E402  (a sibling file, imported only when needed)
        previous = args.markdown.read_text() if args.markdown.exists() else None
        args.markdown.write_text(markdown(results, previous))
        log(f"wrote {args.markdown}")
    if not args.keep and not args.perf:
        shutil.rmtree(work, ignore_errors=True)
    else:
        log(f"kept {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
