#!/usr/bin/env python3
"""Exactly-once completion under retries, races, crashes and merchant faults, against real processes.

Starts `cartbridge simulate` (the merchants, whose order ledger is the ground truth) and `cartbridge serve`
configured to buy from it, then:
  1. same key ×5:   N carts, each completed by 5 parallel requests with one Idempotency-Key;
  2. other keys ×5: N carts, each completed by 5 parallel requests with 5 different keys;
  3. kill -9:       for every recovery point of a two-merchant completion, the server kills itself there
                    (CARTBRIDGE_FAULT_CRASH_AT), is restarted, and the client retries with the same key;
  4. lost answer:   the simulator commits the order and drops the connection;
  5. 503 storm:     every complete-order answers 503 for a while; then the merchant recovers;
  6. slow merchant: complete-order takes longer than the bridge's timeout; the retry must not re-send blind;
  7. proxy page:    a proxy answers its own 502/503 page after the merchant placed the order;
  8. 409 on resend: a proxy's 503 and lagging cart reads hide the order until the first request's deadline has
                    passed; the re-send meets 409 ErrorCartSubmitted and the read-back adopts the order;
  9. refusal after commit: the merchant places the order, then answers its own refusal;
 10. (PostgreSQL)   two `cartbridge serve` instances on one database, each cart's completions spread over both;
 11. stalled merchant: a line-item add whose merchant answer stalls mid-body holds the cart lock; reads, changes
                    and the add itself must each end within their bounds, and the add (made at the merchant,
                    its answer lost) is read back and answered once, never left for a blind retry.
Every cart must end with exactly one merchant order per merchant in the ledger and one Medusa order whose
merchant order numbers are those; the client must get that order; no card JWE may remain in the store. Prints the counts; exits 1 on any
duplicate or loss.

Usage: scripts/fault-suite.py path/to/cartbridge [--postgres ADMIN_URL] [--carts N]
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "acceptance"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from cartbridge_server import terminate, unlimited_stock_catalog  # noqa: E402
from storefront_flow import ADDRESS, GOOD_CARD, encrypt_card, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APPAREL = ("radiant-tee", "WS12-M-Blue")
HOME = ("ceramic-mug-set", "KT05-White")
COMPLETE_ORDER_TIMEOUT_MS = 1500
# complete-order is never sent again until the first send's deadline and the merchant's settle time
# (`complete_order_settle_ms`, two minutes by default; short here so the suite runs in minutes) have passed.
SETTLE_MARGIN_SECONDS = 2
# The stalled-merchant instance: short deadlines, so a stall is cut off long before the merchant answers.
STALL_MS = 5000
STALLED_REQUEST_TIMEOUT_MS = 1000
STALLED_LOCK_WAITS = {"read_lock_wait_ms": 200, "write_lock_wait_ms": 500}
RECOVERY_POINTS = ["started", "merchant 1 requested", "merchant 1 answered", "merchant 1 placed",
                   "merchant 2 requested", "merchant 2 answered", "merchant 2 placed", "order recorded"]



def write_account_secret(path: Path) -> None:
    """What an operator does for instances sharing a database: one account secret file, owner-only."""
    path.write_text(base64.b64encode(os.urandom(48)).decode() + "\n")
    path.chmod(0o600)

def http(method: str, url: str, body: object | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, parsed body, headers); status 0 when the connection failed or dropped."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("content-type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, response_headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, raw, response_headers = error.code, error.read(), dict(error.headers)
    except (OSError, urllib.error.URLError):
        return 0, None, {}
    try:
        return status, json.loads(raw), response_headers
    except ValueError:
        return status, raw.decode(errors="replace"), response_headers


def wait_until_serving(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if http("GET", url, timeout=2)[0] == 200:
            return
        if process.poll() is not None:
            break
        time.sleep(0.05)
    print(log.read_text()[-4000:])
    raise SystemExit(f"{url} did not come up")


@dataclass
class Counts:
    completion_requests: int = 0
    carts: int = 0
    orders_placed: int = 0
    duplicates: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_requests(self, n: int) -> None:
        with self.lock:
            self.completion_requests += n


class Simulator:
    def __init__(self, binary: Path, work: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / "simulator.log"
        catalog = unlimited_stock_catalog(work / "catalog.json")
        self.process = subprocess.Popen([str(binary), "simulate", "--port", str(self.port), "--catalog", str(catalog)],
                                        cwd=ROOT,
                                        stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        wait_until_serving(self.base + "/_simulator/orders", self.process, self.log)

    def faults(self, **settings) -> None:
        status, body, _ = http("PUT", self.base + "/_simulator/faults", settings)
        assert status == 200, (status, body)

    def ledger(self) -> list[dict]:
        return http("GET", self.base + "/_simulator/orders")[1]["orders"]

    def calls(self, endpoint: str) -> int:
        """Calls the merchant endpoint (`payment/complete-order`, `cart/line-items`, …) has received so far."""
        status, body, _ = http("GET", self.base + "/_simulator/calls")
        assert status == 200, (status, body)
        return body.get(endpoint, 0)

    def armed(self, fault: str) -> int:
        """What is left of a `*_next` fault: 0 once every armed answer was given."""
        status, body, _ = http("GET", self.base + "/_simulator/faults")
        assert status == 200, (status, body)
        return body[fault]

    def stop(self) -> None:
        terminate(self.process)


class Bridge:
    """One `cartbridge serve` process; restartable, optionally with the crash hook armed."""

    def __init__(self, binary: Path, work: Path, simulator: Simulator, storage_url: str, name: str = "bridge",
                 request_timeout_ms: int = 5000, server: dict[str, int] | None = None):
        self.binary, self.work, self.name = binary, work, name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.config = work / f"{name}.yaml"
        merchants = "\n".join(
            f"  - {{domain: {domain}, api_url: '{simulator.base}', payment_url: '{simulator.base}', "
            f"app_id: 00000000-0000-4000-8000-00000000fa17, request_timeout_ms: {request_timeout_ms}, "
            f"complete_order_timeout_ms: {COMPLETE_ORDER_TIMEOUT_MS}, "
            f"complete_order_settle_ms: {SETTLE_MARGIN_SECONDS * 1000}}}"
            for domain in ("apparel.example", "home.example"))
        server_settings = "".join(f", {key}: {value}" for key, value in (server or {}).items())
        self.config.write_text(
            f"server: {{port: {self.port}{server_settings}}}\n"
            f"storage: {{url: '{storage_url}'}}\n"
            f"keys: {{directory: '{work / 'keys'}'}}\n"
            # Shared by every instance, as PostgreSQL needs (no instance makes its own there).
            f"accounts: {{secret_file: '{work / 'account-secret'}'}}\n"
            # Hundreds of completions from one address: the per-address limit would answer 429.
            "rate_limit: {requests_per_minute: 0}\n"
            f"merchants:\n{merchants}\n")
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, crash_at: str | None = None) -> None:
        env = dict(os.environ)
        env.pop("CARTBRIDGE_FAULT_CRASH_AT", None)
        if crash_at:
            env["CARTBRIDGE_FAULT_CRASH_AT"] = crash_at
        self.starts += 1
        log = self.work / f"{self.name}-{self.starts}.log"
        self.process = subprocess.Popen([str(self.binary), "serve", "--config", str(self.config)], cwd=ROOT, env=env,
                                        stdout=log.open("w"), stderr=subprocess.STDOUT)
        wait_until_serving(self.base + "/store/regions", self.process, log)

    def stop(self) -> None:
        if self.process:
            terminate(self.process)

    def call(self, method: str, path: str, body: object | None = None, headers: dict | None = None):
        return http(method, self.base + path, body, headers)


class Shop:
    """Prepares carts ready to complete, through any bridge instance."""

    def __init__(self, bridge: Bridge):
        self.variants: dict[tuple[str, str], str] = {}
        for handle, sku in (APPAREL, HOME):
            status, body, _ = bridge.call("GET", f"/store/products?handle={handle}")
            assert status == 200, (status, body)
            self.variants[(handle, sku)] = next(v["id"] for v in body["products"][0]["variants"] if v["sku"] == sku)

    def prepare(self, bridge: Bridge, two_merchants: bool = False) -> str:
        cart_id = self.new_cart(bridge, [APPAREL, HOME] if two_merchants else [APPAREL])
        self.check_out(bridge, cart_id)
        return cart_id

    def new_cart(self, bridge: Bridge, items: list[tuple[str, str]]) -> str:
        cart_id = ok(bridge.call("POST", "/store/carts", {}), "create cart")["cart"]["id"]
        for item in items:
            ok(self.add(bridge, cart_id, item), "add item")
        return cart_id

    def add(self, bridge: Bridge, cart_id: str, item: tuple[str, str]):
        return bridge.call("POST", f"/store/carts/{cart_id}/line-items",
                           {"variant_id": self.variants[item], "quantity": 1})

    def check_out(self, bridge: Bridge, cart_id: str) -> None:
        """Address, the cheapest method per shipping profile and the card: ready to complete."""
        ok(bridge.call("POST", f"/store/carts/{cart_id}", {"email": "ada@example.com", "shipping_address": ADDRESS}),
           "address")
        options = ok(bridge.call("GET", f"/store/shipping-options/{cart_id}"), "options")["shipping_options"]
        cheapest: dict[str, dict] = {}
        for option in options:
            if option["profile_id"] not in cheapest or option["amount"] < cheapest[option["profile_id"]]["amount"]:
                cheapest[option["profile_id"]] = option
        for option in cheapest.values():
            ok(bridge.call("POST", f"/store/carts/{cart_id}/shipping-methods", {"option_id": option["id"]}), "method")
        session = ok(bridge.call("POST", f"/store/carts/{cart_id}/payment-sessions"), "sessions")["cart"]["payment_session"]
        token = encrypt_card(session["data"]["public_key"], GOOD_CARD)
        ok(bridge.call("POST", f"/store/carts/{cart_id}/payment-sessions/{session['provider_id']}",
                       {"data": {"encrypted_card": token}}), "card")


def ok(result, what: str):
    """The body of a 200 answer; anything else stops the scenario (the cart could not even be set up)."""
    status, body, _ = result
    if status != 200:
        raise AssertionError(f"{what}: {status} {body}")
    return body


def merchant_cart_ids(bridge: Bridge, cart_id: str) -> dict[str, str]:
    status, body, _ = bridge.call("GET", f"/store/carts/{cart_id}")
    assert status == 200, (status, body)
    return {m["domain"]: m["cart_id"] for m in body["cart"]["metadata"]["cartbridge"]["merchants"]}


def complete(bridge: Bridge, cart_id: str, key: str):
    return bridge.call("POST", f"/store/carts/{cart_id}/complete", headers={"Idempotency-Key": key})


def complete_until_order(bridge: Bridge, cart_id: str, key: str, counts: Counts, seconds: float = 30):
    """Retries as medusa-js would (409 and 5xx, honouring Retry-After), and after a `requires_more` answer as a
    storefront would, until an order or the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        status, body, headers = complete(bridge, cart_id, key)
        counts.add_requests(1)
        if status == 200 and body.get("type") == "order":
            return body["data"]
        # `requires_more`: some merchants placed, the rest failed for now; the storefront tries again.
        retryable = status in (0, 409, 503, 504) or (status == 200 and body.get("type") == "cart")
        if time.monotonic() > deadline or not retryable:
            with counts.lock:
                counts.problems.append(f"{cart_id} key {key}: gave up after {status} {str(body)[:300]}")
            return None
        time.sleep(min(float(headers.get("Retry-After", "0.2") or 0.2), 2.0))


def audit(name: str, bridge: Bridge, simulator: Simulator, carts: dict[str, dict], counts: Counts) -> int:
    """carts: cart id → {"merchants": {domain: merchant cart id}, "order": Medusa order the client got or None}.
    Returns how many merchant orders the ledger holds for these carts."""
    by_merchant_cart: dict[str, list[dict]] = {}
    for order in simulator.ledger():
        by_merchant_cart.setdefault(order["cart_id"], []).append(order)
    duplicates = lost = placed = 0
    for cart_id, cart in carts.items():
        order = cart["order"]
        numbers = {m["domain"]: m.get("order_number") for m in order["metadata"]["cartbridge"]["merchants"]} if order else {}
        for domain, merchant_cart in cart["merchants"].items():
            ledger = by_merchant_cart.get(merchant_cart, [])
            placed += len(ledger)
            if len(ledger) > 1:
                duplicates += len(ledger) - 1
                counts.problems.append(f"{name}: {cart_id} has {len(ledger)} orders at {domain}")
            if len(ledger) == 0 or order is None or numbers.get(domain) != ledger[0]["order_number"]:
                lost += 1
                counts.problems.append(f"{name}: {cart_id} at {domain}: ledger {[o['order_number'] for o in ledger]}, "
                                       f"client order {numbers.get(domain) if order else None}")
        if order is not None:
            status, stored, _ = bridge.call("GET", f"/store/orders/cart/{cart_id}")
            if status != 200 or stored["order"]["id"] != order["id"]:
                lost += 1
                counts.problems.append(f"{name}: {cart_id}: the order the client got is not the cart's order")
    counts.carts += len(carts)
    counts.orders_placed += placed
    counts.duplicates += duplicates
    counts.lost += lost
    print(f"  {name}: carts {len(carts)}, merchant orders {placed}, duplicates {duplicates}, lost {lost}", flush=True)
    return placed


def parallel_completions(name: str, bridges: list[Bridge], shop: Shop, simulator: Simulator, count: int,
                         same_key: bool, counts: Counts) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        cart_ids = list(pool.map(lambda i: shop.prepare(bridges[i % len(bridges)], two_merchants=i % 4 == 0),
                                 range(count)))
    carts = {cart_id: {"merchants": merchant_cart_ids(bridges[0], cart_id), "order": None} for cart_id in cart_ids}
    statuses: dict[int, int] = {}

    def race(index_and_cart):
        index, cart_id = index_and_cart
        shared = f"{name}-{cart_id}"
        keys = [shared] * 5 if same_key else [f"{shared}-{attempt}" for attempt in range(5)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=5) as attempts:
            results = list(attempts.map(
                lambda attempt: complete(bridges[(index + attempt) % len(bridges)], cart_id, keys[attempt]), range(5)))
        counts.add_requests(5)
        orders = {body["data"]["id"] for status, body, _ in results if status == 200 and body.get("type") == "order"}
        with counts.lock:
            for status, _, _ in results:
                statuses[status] = statuses.get(status, 0) + 1
            if len(orders) > 1:
                counts.problems.append(f"{name}: {cart_id} answered with {len(orders)} different orders")
        # Whatever the race answered, the client's retry with its key ends with the one order.
        return cart_id, complete_until_order(bridges[index % len(bridges)], cart_id, keys[0], counts)

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for cart_id, order in pool.map(race, enumerate(cart_ids)):
            carts[cart_id]["order"] = order
    print(f"  {name}: race answers by status {dict(sorted(statuses.items()))}")
    audit(name, bridges[0], simulator, carts, counts)


def crash_at_each_recovery_point(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    carts = {}
    for point in RECOVERY_POINTS:
        bridge.stop()
        bridge.start(crash_at=point)
        cart_id = shop.prepare(bridge, two_merchants=True)
        key = f"crash-{uuid.uuid4()}"
        status, body, _ = complete(bridge, cart_id, key)
        counts.add_requests(1)
        bridge.process.wait(timeout=30)
        if bridge.process.returncode != -signal.SIGKILL or status != 0:
            counts.problems.append(f"kill -9 at {point!r}: server exit {bridge.process.returncode}, answer {status}")
        bridge.start()
        order = complete_until_order(bridge, cart_id, key, counts, seconds=COMPLETE_ORDER_TIMEOUT_MS / 1000 + 20)
        if order is None:
            counts.problems.append(f"kill -9 at {point!r}: the retry with the same key got no order")
        carts[cart_id] = {"merchants": merchant_cart_ids(bridge, cart_id), "order": order}
        print(f"    crashed at {point!r}: retry {'got the order' if order else 'FAILED'}", flush=True)
    audit("kill -9 at each recovery point", bridge, simulator, carts, counts)


def merchant_faults(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    # The simulator places the order, then drops the connection: the bridge must read the cart back.
    carts = {}
    for _ in range(5):
        cart_id = shop.prepare(bridge)
        simulator.faults(drop_after_commit_next=1, endpoints=["complete-order"])
        order = complete_until_order(bridge, cart_id, f"drop-{cart_id}", counts)
        carts[cart_id] = {"merchants": merchant_cart_ids(bridge, cart_id), "order": order}
    simulator.faults()
    audit("dropped connection after commit", bridge, simulator, carts, counts)

    # A 503 storm: clean 503s with Retry-After and no order; then the merchant recovers and each retry places one.
    carts = {}
    simulator.faults(unavailable_rate=1.0, endpoints=["complete-order"])
    storm_answers = []
    cart_ids = [shop.prepare(bridge) for _ in range(10)]
    for cart_id in cart_ids:
        status, body, headers = complete(bridge, cart_id, f"storm-{cart_id}")
        counts.add_requests(1)
        storm_answers.append(status)
        if status != 503 or "Retry-After" not in headers or not isinstance(body, dict) or "type" not in body:
            counts.problems.append(f"503 storm: {cart_id} answered {status} {body} {headers.get('Retry-After')}")
    storm_merchant_carts = {c for cart_id in cart_ids for c in merchant_cart_ids(bridge, cart_id).values()}
    if any(order["cart_id"] in storm_merchant_carts for order in simulator.ledger()):
        counts.problems.append("503 storm: an order was placed while the merchant answered 503")
    simulator.faults()
    for cart_id in cart_ids:
        order = complete_until_order(bridge, cart_id, f"storm-{cart_id}", counts)
        carts[cart_id] = {"merchants": merchant_cart_ids(bridge, cart_id), "order": order}
    print(f"  503 storm: answers during the storm {sorted(set(storm_answers))}")
    audit("503 storm, then recovery", bridge, simulator, carts, counts)

    # Slower than the bridge's complete-order timeout: the bridge answers 5xx, the order lands later, and the
    # retry must find it rather than place a second one.
    carts = {}
    simulator.faults(latency_ms=COMPLETE_ORDER_TIMEOUT_MS + 1000, endpoints=["complete-order"])
    cart_ids = [shop.prepare(bridge) for _ in range(3)]
    slow_answers = []
    for cart_id in cart_ids:
        status, _, _ = complete(bridge, cart_id, f"slow-{cart_id}")
        counts.add_requests(1)
        slow_answers.append(status)
    simulator.faults()
    for cart_id in cart_ids:
        order = complete_until_order(bridge, cart_id, f"slow-{cart_id}", counts)
        carts[cart_id] = {"merchants": merchant_cart_ids(bridge, cart_id), "order": order}
    print(f"  slow merchant: first answers {sorted(set(slow_answers))}")
    audit("merchant slower than the timeout", bridge, simulator, carts, counts)


def order_in(answer) -> dict | None:
    """The Medusa order of a completion answer, or None when it is not one."""
    status, body, _ = answer
    return body["data"] if status == 200 and isinstance(body, dict) and body.get("type") == "order" else None


def describe(answer) -> str:
    status, body, headers = answer
    return f"{status} {str(body)[:200]} (Retry-After {headers.get('Retry-After')})"


def proxy_error_pages_after_commit(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    """The merchant places the order, then a proxy in front of the payment host answers its own 502/503 HTML page.
    Only the merchant's own envelope can say "nothing placed", so the bridge reads the cart back and answers the
    order at once, without sending complete-order again."""
    for proxy_status in (502, 503):
        name = f"proxy {proxy_status} page after commit"
        carts = {}
        sent_before = simulator.calls("payment/complete-order")
        for index in range(6):
            cart_id = shop.prepare(bridge, two_merchants=index % 3 == 0)
            merchants = merchant_cart_ids(bridge, cart_id)
            # Every merchant of the cart gets its order answered by the proxy's page.
            simulator.faults(proxy_error_after_commit_next=len(merchants), proxy_error_status=proxy_status,
                             endpoints=["complete-order"])
            answer = complete(bridge, cart_id, f"proxy-{proxy_status}-{cart_id}")
            counts.add_requests(1)
            order = order_in(answer)
            if order is None:
                counts.problems.append(f"{name}: {cart_id} answered {describe(answer)}, not the order")
            if simulator.armed("proxy_error_after_commit_next"):
                counts.problems.append(f"{name}: {cart_id}: the proxy page was never answered (fault still armed)")
            carts[cart_id] = {"merchants": merchants, "order": order}
        simulator.faults()
        sent = simulator.calls("payment/complete-order") - sent_before
        placed = audit(name, bridge, simulator, carts, counts)
        print(f"    complete-order sent {sent} times for {placed} merchant orders")
        if sent != placed:
            counts.problems.append(f"{name}: complete-order sent {sent} times for {placed} merchant orders")


def merchant_answers(bridge: Bridge, endpoint: str, status: int) -> int:
    """How many merchant calls to `endpoint` (e.g. `POST payment/complete-order`) were answered `status`, from the
    bridge's own /metrics: what it saw, where the simulator's counts say what was sent."""
    answer, text, _ = bridge.call("GET", "/metrics")
    assert answer == 200 and isinstance(text, str), (answer, str(text)[:200])
    labels = f'endpoint="{endpoint}",status="{status}"}}'
    return sum(int(float(line.rsplit(" ", 1)[1])) for line in text.splitlines()
               if line.startswith("cartbridge_merchant_requests_total{") and labels in line)


def resend_after_settle_window(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    """The merchant places the order, a proxy answers 503, and the merchant's cart reads lag behind (a replica):
    the bridge cannot see the order. Until the first send's deadline has passed it must not send again; after
    that it may, the merchant answers 409 ErrorCartSubmitted, and the read-back adopts the order."""
    name = "409 on re-send after the settle window"
    settle = COMPLETE_ORDER_TIMEOUT_MS / 1000 + SETTLE_MARGIN_SECONDS
    carts = {}
    for two_merchants in (False, True):
        cart_id = shop.prepare(bridge, two_merchants=two_merchants)
        merchants = merchant_cart_ids(bridge, cart_id)
        key = f"settle-{cart_id}"
        sent_before = simulator.calls("payment/complete-order")
        conflicts_before = merchant_answers(bridge, "POST payment/complete-order", 409)

        def sent() -> int:
            return simulator.calls("payment/complete-order") - sent_before

        # Three lagging reads of the apparel cart: the first answer's read-back, the early retry's look, and the
        # late retry's look before it sends again. The read-back after the 409 is the first fresh read.
        simulator.faults(proxy_error_after_commit_next=1, proxy_error_status=503, stale_cart_reads_next=3,
                         endpoints=["complete-order", "cart"], domains=["apparel.example"])
        first_sent_at = time.monotonic()  # no later than the bridge's own send
        answer = complete(bridge, cart_id, key)
        answers = [answer[0]]
        if answer[0] != 503 or "Retry-After" not in answer[2] or sent() != 1:
            counts.problems.append(f"{name}: {cart_id}: first answer {describe(answer)}, complete-order sent {sent()}"
                                   " (expected 503 with Retry-After, sent once)")
        # A retry inside the window must not send: 503 again, or the order if a read-back caught up.
        answer = complete(bridge, cart_id, key)
        answers.append(answer[0])
        if sent() != 1 or (answer[0] != 503 and order_in(answer) is None):
            counts.problems.append(f"{name}: {cart_id}: early retry answered {describe(answer)}, "
                                   f"complete-order sent {sent()} times")
        # Then as a client: wait what Retry-After asks, retry, until the order or the deadline.
        deadline = time.monotonic() + settle + 15
        while order_in(answer) is None and answer[0] in (409, 503) and time.monotonic() < deadline:
            time.sleep(float(answer[2].get("Retry-After", "1")))
            answer = complete(bridge, cart_id, key)
            answers.append(answer[0])
            if sent() > 1 and time.monotonic() - first_sent_at < settle:
                counts.problems.append(f"{name}: {cart_id}: complete-order sent again "
                                       f"{time.monotonic() - first_sent_at:.1f} s after the first send (< {settle} s)")
        elapsed = time.monotonic() - first_sent_at
        counts.add_requests(len(answers))
        order = order_in(answer)
        if order is None:
            counts.problems.append(f"{name}: {cart_id}: gave up after {describe(answer)}")
        # The apparel merchant was sent twice, the second time answering 409; every other merchant once.
        conflicts = merchant_answers(bridge, "POST payment/complete-order", 409) - conflicts_before
        if sent() != len(merchants) + 1 or conflicts != 1:
            counts.problems.append(f"{name}: {cart_id}: complete-order sent {sent()} times, {conflicts} answered "
                                   f"409; expected {len(merchants) + 1} and 1 (one re-send after the window)")
        simulator.faults()
        print(f"    {len(merchants)} merchant(s): answers {answers}, complete-order sent {sent()} times "
              f"({conflicts} answered 409), order after {elapsed:.1f} s "
              f"(window {settle:.1f} s)")
        carts[cart_id] = {"merchants": merchants, "order": order}
    audit(name, bridge, simulator, carts, counts)


def submitted_without_recorded_send(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    """The merchant places the order, then answers its own definite refusal: the bridge answers the refusal and
    records no send. The merchant cart reads `submitted` all the same; a retry with any key must adopt that order
    rather than place a second one."""
    name = "refusal after commit"
    carts = {}
    sent_before = simulator.calls("payment/complete-order")
    for index in range(4):
        cart_id = shop.prepare(bridge, two_merchants=index == 3)
        merchants = merchant_cart_ids(bridge, cart_id)
        key = f"refused-{cart_id}"
        simulator.faults(refuse_after_commit_next=1, endpoints=["complete-order"], domains=["apparel.example"])
        answer = complete(bridge, cart_id, key)
        if answer[0] != 400:
            counts.problems.append(f"{name}: {cart_id}: first answer {describe(answer)}, expected the refusal (400)")
        simulator.faults()
        retry_key = key if index % 2 == 0 else f"{key}-again"
        answer = complete(bridge, cart_id, retry_key)
        counts.add_requests(2)
        order = order_in(answer)
        if order is None:
            counts.problems.append(f"{name}: {cart_id}: retry ({'same' if retry_key == key else 'new'} key) "
                                   f"answered {describe(answer)}")
        carts[cart_id] = {"merchants": merchants, "order": order}
    sent = simulator.calls("payment/complete-order") - sent_before
    placed = audit(name, bridge, simulator, carts, counts)
    print(f"    complete-order sent {sent} times for {placed} merchant orders")
    if sent != placed:
        counts.problems.append(f"{name}: complete-order sent {sent} times for {placed} merchant orders")


def timed(call, *args):
    """(the call's result, seconds it took)."""
    started = time.monotonic()
    result = call(*args)
    return result, time.monotonic() - started


def wait_for_call(simulator: Simulator, endpoint: str, seen: int, seconds: float = 10) -> bool:
    """Whether the simulator received a call to `endpoint` beyond the `seen` it had, within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if simulator.calls(endpoint) > seen:
            return True
        time.sleep(0.01)  # poll interval, not synchronisation: the loop waits for the simulator's count
    return False


def stalled_merchant(bridge: Bridge, shop: Shop, simulator: Simulator, counts: Counts) -> None:
    """A line-item add whose merchant answer stalls mid-body holds the cart's lock. A read of that cart answers
    from the stored cart after the read lock wait, a change answers 409 after the write lock wait, and the add
    itself ends at its own deadline, not when the merchant finally finishes: the merchant made it, so reading
    the cart back turns the lost answer into a 200 with the line added once."""
    name = "stalled merchant"
    cart_id = shop.new_cart(bridge, [APPAREL])
    seen = simulator.calls("cart/line-items")
    simulator.faults(body_stall_ms=STALL_MS, endpoints=["cart/line-items"])
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        stalled = pool.submit(timed, shop.add, bridge, cart_id, APPAREL)
        if not wait_for_call(simulator, "cart/line-items", seen):
            counts.problems.append(f"{name}: the line-item add never reached the merchant")
        # Both while the add holds the lock; together, so neither waits for the other.
        read = pool.submit(timed, bridge.call, "GET", f"/store/carts/{cart_id}")
        change = pool.submit(timed, bridge.call, "POST", f"/store/carts/{cart_id}", {"email": "grace@example.com"})
        (read_answer, read_s), (change_answer, change_s), (add_answer, add_s) = \
            read.result(), change.result(), stalled.result()
    simulator.faults()
    print(f"    while the merchant stalls ({STALL_MS} ms): read {read_answer[0]} in {read_s:.2f} s, "
          f"change {change_answer[0]} in {change_s:.2f} s, stalled add {add_answer[0]} in {add_s:.2f} s")

    read_bound = 1.0
    change_bound = STALLED_LOCK_WAITS["write_lock_wait_ms"] / 1000 + 0.5
    add_bound = STALLED_REQUEST_TIMEOUT_MS / 1000 + 1
    if read_answer[0] != 200 or read_s > read_bound or read_answer[1]["cart"]["id"] != cart_id:
        counts.problems.append(f"{name}: read answered {describe(read_answer)} in {read_s:.2f} s "
                               f"(expected the stored cart within {read_bound} s)")
    conflict = change_answer[1] if isinstance(change_answer[1], dict) else {}
    if change_answer[0] != 409 or conflict.get("code") != "invalid_state_error" or change_s > change_bound:
        counts.problems.append(f"{name}: change answered {describe(change_answer)} in {change_s:.2f} s "
                               f"(expected 409 invalid_state_error within {change_bound} s)")
    added = add_answer[1]["cart"]["items"] if add_answer[0] == 200 else []
    if add_answer[0] != 200 or add_s > add_bound or sorted(item["quantity"] for item in added) != [2]:
        counts.problems.append(f"{name}: stalled add answered {describe(add_answer)} in {add_s:.2f} s "
                               f"(expected 200 with the line at quantity 2 within {add_bound} s)")
    if simulator.calls("cart/line-items") != seen + 1:
        counts.problems.append(f"{name}: the add reached the merchant {simulator.calls('cart/line-items') - seen} times")

    # The cart is not left broken: it reads, takes a normal add, and checks out.
    status, body, _ = bridge.call("GET", f"/store/carts/{cart_id}")
    if status != 200:
        counts.problems.append(f"{name}: the cart no longer reads after the stall: {status} {body}")
    else:
        units = sorted((item["variant_id"], item["quantity"]) for item in body["cart"]["items"])
        print(f"    after the stall the cart reads {units}")
    answer = shop.add(bridge, cart_id, HOME)
    if answer[0] != 200:
        counts.problems.append(f"{name}: a normal add after the stall answered {describe(answer)}")
    shop.check_out(bridge, cart_id)
    order = complete_until_order(bridge, cart_id, f"stalled-{cart_id}", counts)
    audit(name, bridge, simulator, {cart_id: {"merchants": merchant_cart_ids(bridge, cart_id), "order": order}},
          counts)


def cards_left(storage: str, postgres: str | None) -> int:
    """Card JWEs still in the store; every cart of the suite completed, so there should be none."""
    if postgres:
        out = subprocess.run(["psql", storage, "-tAc", "SELECT count(*) FROM payment_cards"], check=True,
                             capture_output=True, text=True).stdout
        return int(out.strip())
    with sqlite3.connect(storage.removeprefix("sqlite:")) as db:
        return db.execute("SELECT count(*) FROM payment_cards").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary", type=Path)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (a database is created for the run)")
    parser.add_argument("--carts", type=int, default=200, help="carts per parallel scenario (same key, different keys)")
    args = parser.parse_args()
    binary = args.binary.resolve()
    work = Path(tempfile.mkdtemp(prefix="cartbridge-faults-"))
    counts = Counts()
    started = time.monotonic()

    if args.postgres:
        database = f"cartbridge_faults_{uuid.uuid4().hex[:12]}"
        subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {database}"], check=True)
        storage = urllib.parse.urlsplit(args.postgres)._replace(path=f"/{database}").geturl()
    else:
        storage = f"sqlite:{work / 'cartbridge.sqlite'}"
    print(f"fault suite on {'PostgreSQL' if args.postgres else 'SQLite'}; work folder {work}", flush=True)

    if args.postgres:
        # Instances sharing a database must share their card keys, so `serve` never makes one there.
        subprocess.run([str(binary), "keys", "generate", "--dir", str(work / "keys")], check=True,
                       capture_output=True)
        # And their account secret.
        write_account_secret(work / "account-secret")

    simulator = Simulator(binary, work)
    bridge = Bridge(binary, work, simulator, storage)
    second: Bridge | None = None
    stalled: Bridge | None = None
    try:
        bridge.start()
        shop = Shop(bridge)
        parallel_completions("same key x5", [bridge], shop, simulator, args.carts, True, counts)
        parallel_completions("different keys x5", [bridge], shop, simulator, args.carts, False, counts)
        crash_at_each_recovery_point(bridge, shop, simulator, counts)
        merchant_faults(bridge, shop, simulator, counts)
        proxy_error_pages_after_commit(bridge, shop, simulator, counts)
        resend_after_settle_window(bridge, shop, simulator, counts)
        submitted_without_recorded_send(bridge, shop, simulator, counts)
        if args.postgres:
            second = Bridge(binary, work, simulator, storage, name="second")
            second.start()
            parallel_completions("two instances, same key x5", [bridge, second], shop, simulator, args.carts // 2,
                                 True, counts)
            parallel_completions("two instances, different keys x5", [bridge, second], shop, simulator,
                                 args.carts // 2, False, counts)
            second.stop()
        # Its own short deadlines and lock waits, on the same store: one instance at a time on a SQLite file.
        bridge.stop()
        stalled = Bridge(binary, work, simulator, storage, name="stalled",
                         request_timeout_ms=STALLED_REQUEST_TIMEOUT_MS, server=STALLED_LOCK_WAITS)
        stalled.start()
        stalled_merchant(stalled, shop, simulator, counts)
    finally:
        for process in (stalled, second, bridge, simulator):
            if process:
                process.stop()

    leftover = cards_left(storage, args.postgres)
    if leftover:
        counts.problems.append(f"{leftover} card JWEs are still stored after every cart completed")

    print(f"\ncompletions attempted {counts.completion_requests}, carts {counts.carts}, "
          f"merchant orders placed {counts.orders_placed}, duplicates {counts.duplicates}, lost {counts.lost} "
          f"({time.monotonic() - started:.0f} s)")
    for problem in counts.problems[:40]:
        print("FAIL " + problem)
    failed = counts.duplicates or counts.lost or counts.problems
    print("fault suite " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
