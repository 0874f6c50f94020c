#!/usr/bin/env python3
"""The Medusa v1 storefront checkout, end to end, against a real `cartbridge serve` process.

Starts `cartbridge serve` with its embedded defaults (built-in Full Cart simulator, SQLite, generated keys)
in a temporary folder, then drives it over HTTP as a Medusa storefront would:
  1. one merchant: cart → item → email + address → shipping option → promo code → payment session →
     card encrypted in the "browser" (joserfc, to the session's public key) → a declined card → a new card →
     complete → the order is found by id, by cart and by display id + email; completing again returns it;
  2. two merchants: items from both domains, one shipping method per profile, a required addon chosen and an
     optional one added through the CartBridge addons extension → complete → one order per merchant.
Every response is appended to CAPTURE (JSONL) for scripts/validate-oas.py. Afterwards it checks the
simulator's ledger holds exactly the orders placed, with the cards encrypted, and that neither the server log
nor the SQLite files contain the test card numbers or the CVV.

Usage: acceptance/storefront_flow.py path/to/cartbridge CAPTURE.jsonl
Prints `N passed, M failed` last; exits 1 on any failure.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from joserfc import jwe
from joserfc.jwk import RSAKey
from joserfc.jwe import JWERegistry

GOOD_CARD = "4111111111111111"
DECLINE_CARD = "4000000000000002"
SECOND_CARD = "5555555555554444"
CVV = "947"
REGISTRY = JWERegistry(algorithms=["RSA-OAEP-256", "A256GCM"])
ROOT = Path(__file__).resolve().parent.parent

results = {"passed": 0, "failed": 0}


def check(name: str, ok: bool, detail: object = "") -> None:
    results["passed" if ok else "failed"] += 1
    shown = str(detail)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {shown[:600]}{'…' if len(shown) > 600 else ''}"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Storefront:
    """A tiny Medusa client that records every response for the OAS check."""

    def __init__(self, base: str, capture: Path):
        self.base = base
        self.capture = capture

    def call(self, method: str, path: str, route: str, body: object | None = None, headers: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, response_headers = response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            status, raw, response_headers = error.code, error.read(), dict(error.headers)
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = raw.decode(errors="replace")
        with self.capture.open("a") as out:
            out.write(json.dumps({"method": method, "path": path.split("?")[0], "route": route,
                                  "status": status, "body": payload}) + "\n")
        return status, payload, response_headers


def encrypt_card(public_jwk: dict, number: str, cvv: str = CVV) -> str:
    """What the storefront's browser does: encrypt the card to CartBridge's session key."""
    key = RSAKey.import_key(public_jwk)
    card = {"number": number, "name": "Ada Lovelace", "verification_value": cvv, "month": "08", "year": "2031"}
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": public_jwk["kid"]}
    return jwe.encrypt_compact(header, json.dumps(card).encode(), key, registry=REGISTRY)


ADDRESS = {"first_name": "Ada", "last_name": "Lovelace", "address_1": "1 Analytical Way", "city": "Seattle",
           "province": "WA", "postal_code": "98101", "country_code": "us", "phone": "2065551212"}


def variant_id(shop: Storefront, handle: str, sku: str) -> str:
    status, body, _ = shop.call("GET", f"/store/products?handle={handle}", "/store/products")
    check(f"product {handle} listed", status == 200 and body["count"] == 1, (status, body))
    for variant in body["products"][0]["variants"]:
        if variant["sku"] == sku:
            return variant["id"]
    raise AssertionError(f"{sku} not in {handle}")


def prepare_cart(shop: Storefront, items: list[tuple[str, str, int]]) -> str:
    status, body, _ = shop.call("POST", "/store/carts", "/store/carts", {})
    check("create cart", status == 200 and body["cart"]["object"] == "cart", (status, body))
    cart_id = body["cart"]["id"]
    for handle, sku, quantity in items:
        vid = variant_id(shop, handle, sku)
        status, body, headers = shop.call("POST", f"/store/carts/{cart_id}/line-items",
                                          "/store/carts/{id}/line-items", {"variant_id": vid, "quantity": quantity})
        check(f"add {sku}", status == 200, (status, body))
        check("line-items exposes Idempotency-Key", "Idempotency-Key" in headers.get("Access-Control-Expose-Headers", ""))
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}", "/store/carts/{id}",
                                {"email": "ada@example.com", "shipping_address": ADDRESS})
    check("set email and address", status == 200 and body["cart"]["email"] == "ada@example.com", (status, body))
    return cart_id


def choose_shipping(shop: Storefront, cart_id: str) -> dict:
    status, body, _ = shop.call("GET", f"/store/shipping-options/{cart_id}", "/store/shipping-options/{cart_id}")
    check("shipping options", status == 200 and body["shipping_options"], (status, body))
    cheapest_per_profile: dict[str, dict] = {}
    for option in body["shipping_options"]:
        best = cheapest_per_profile.get(option["profile_id"])
        if best is None or option["amount"] < best["amount"]:
            cheapest_per_profile[option["profile_id"]] = option
    for option in cheapest_per_profile.values():
        status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/shipping-methods",
                                    "/store/carts/{id}/shipping-methods", {"option_id": option["id"]})
        check("add shipping method", status == 200, (status, body))
    cart = body["cart"]
    check("one shipping method per profile", len(cart["shipping_methods"]) == len(cheapest_per_profile),
          len(cart["shipping_methods"]))
    return cart


def totals_consistent(cart: dict) -> bool:
    return cart["total"] == cart["subtotal"] + cart["shipping_total"] + cart["tax_total"] - cart["discount_total"] \
        - cart["gift_card_total"] - cart["gift_card_tax_total"]


def pay(shop: Storefront, cart_id: str, number: str) -> tuple[int, dict]:
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/payment-sessions", "/store/carts/{id}/payment-sessions")
    check("payment sessions", status == 200 and body["cart"]["payment_session"] is not None, (status, body))
    session = body["cart"]["payment_session"]
    provider = session["provider_id"]
    token = encrypt_card(session["data"]["public_key"], number)
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/payment-sessions/{provider}",
                                "/store/carts/{id}/payment-sessions/{provider_id}", {"data": {"encrypted_card": token}})
    card = body.get("cart", {}).get("payment_session", {}).get("data", {}).get("card", {}) if status == 200 else {}
    check("session shows only the masked card", status == 200 and card.get("last4") == number[-4:]
          and number not in json.dumps(body), (status, card))
    return status, body


def refused_cards(shop: Storefront, cart_id: str) -> None:
    """A number failing Luhn, and a card for a key CartBridge does not hold: 400s with the codes a card element acts on."""
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/payment-sessions", "/store/carts/{id}/payment-sessions")
    session = body["cart"]["payment_session"]
    route = "/store/carts/{id}/payment-sessions/{provider_id}"
    path = f"/store/carts/{cart_id}/payment-sessions/{session['provider_id']}"
    luhn = encrypt_card(session["data"]["public_key"], "4111111111111112")
    status, body, _ = shop.call("POST", path, route, {"data": {"encrypted_card": luhn}})
    check("a number failing Luhn is 400 with code card_luhn_failed",
          status == 400 and body.get("code") == "card_luhn_failed" and "4111111111111112" not in json.dumps(body), (status, body))
    rotated = dict(session["data"]["public_key"], kid="cb-a-key-rotated-away")
    status, body, _ = shop.call("POST", path, route, {"data": {"encrypted_card": encrypt_card(rotated, GOOD_CARD)}})
    check("a card for a key CartBridge does not hold is 400 with code unknown_card_key",
          status == 400 and body.get("code") == "unknown_card_key", (status, body))


def complete(shop: Storefront, cart_id: str, key: str):
    return shop.call("POST", f"/store/carts/{cart_id}/complete", "/store/carts/{id}/complete",
                     headers={"Idempotency-Key": key})


def one_merchant_flow(shop: Storefront) -> list[str]:
    cart_id = prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 2)])
    cart = choose_shipping(shop, cart_id)
    check("totals follow Medusa's formula", totals_consistent(cart), cart)
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}", "/store/carts/{id}", {"discounts": [{"code": "SAVE10"}]})
    check("promo code applied", status == 200 and body["cart"]["discount_total"] > 0
          and [d["code"] for d in body["cart"]["discounts"]] == ["SAVE10"], (status, body))
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}", "/store/carts/{id}", {"discounts": [{"code": "SUMMER2020"}]})
    check("expired promo code refused", status in (400, 404) and body.get("type") in ("not_allowed", "not_found"), (status, body))

    refused_cards(shop, cart_id)
    pay(shop, cart_id, DECLINE_CARD)
    status, body, headers = complete(shop, cart_id, "accept-decline-1")
    check("decline answers 422 payment_authorization_error", status == 422
          and body.get("type") == "payment_authorization_error", (status, body))
    check("decline carries the Idempotency-Key", headers.get("Idempotency-Key") == "accept-decline-1")

    pay(shop, cart_id, SECOND_CARD)
    status, body, _ = complete(shop, cart_id, "accept-one-1")
    check("retry with a new card places the order", status == 200 and body.get("type") == "order", (status, body))
    order = body["data"]
    check("order is pending / awaiting with the merchant order number", order["status"] == "pending"
          and order["payment_status"] == "awaiting" and order["external_id"].startswith("SIM-"), order)

    status, again, _ = complete(shop, cart_id, "accept-one-2")
    check("completing a completed cart returns its order", status == 200 and again["data"]["id"] == order["id"])
    status, body, _ = shop.call("GET", f"/store/orders/{order['id']}", "/store/orders/{id}")
    check("order by id", status == 200 and body["order"]["id"] == order["id"])
    status, body, _ = shop.call("GET", f"/store/orders/cart/{cart_id}", "/store/orders/cart/{cart_id}")
    check("order by cart", status == 200 and body["order"]["id"] == order["id"])
    status, body, _ = shop.call("GET", f"/store/orders?display_id={order['display_id']}&email=ada@example.com", "/store/orders")
    check("order by display id and email", status == 200 and body["order"]["id"] == order["id"])
    return [order["external_id"]]


def two_merchant_flow(shop: Storefront) -> list[str]:
    cart_id = prepare_cart(shop, [("radiant-tee", "WS12-M-Blue", 1), ("harbor-sofa", "FN100-Oat", 1)])
    status, body, _ = shop.call("GET", f"/store/carts/{cart_id}", "/store/carts/{id}")
    merchants = body["cart"]["metadata"]["cartbridge"]["merchants"]
    check("cart spans two merchants", sorted(m["domain"] for m in merchants) == ["apparel.example", "home.example"], merchants)
    offers = [offer for m in merchants for offer in m.get("addon_offers", [])]
    required = [offer for offer in offers if offer.get("required")]
    check("the sofa's required addon is offered", bool(required), offers)

    cart = choose_shipping(shop, cart_id)
    pay(shop, cart_id, GOOD_CARD)

    # A storefront with an addon UI chooses a paid assembly (a stock one gets the free choice: see the replay).
    choice = required[0]["choices"][1]["addon_id"]
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/addons", "/store/carts/{id}/addons",
                                {"select": [{"addon_id": choice}, {"addon_id": "shipping_protection"}]})
    check("addons selected", status == 200, (status, body))
    addon_lines = [item for item in body["cart"]["items"] if (item["metadata"] or {}).get("cartbridge", {}).get("addon")]
    check("selected addons are line items", len(addon_lines) >= 2, body["cart"]["items"])
    check("each with a variant and product of its own (storefronts read variant.product_id)",
          all(item["variant"]["product_id"] == item["variant"]["product"]["id"] for item in addon_lines), addon_lines)
    check("totals still follow Medusa's formula", totals_consistent(body["cart"]), body["cart"])

    status, body, _ = complete(shop, cart_id, "accept-two-1")
    check("two-merchant completion places the order", status == 200 and body.get("type") == "order", (status, body))
    placed = body["data"]["metadata"]["cartbridge"]["merchants"]
    check("the order records one merchant order each", len(placed) == 2, placed)
    return [m["order_number"] for m in placed]


class Served:
    """A `cartbridge serve` process with its embedded defaults in a fresh folder; stopped with SIGTERM on exit.
    `extra_env` adds or overrides environment variables (e.g. CARTBRIDGE_SERVER_STORE_CORS)."""

    def __init__(self, binary: Path, capture: Path, prefix: str, extra_env: dict[str, str] | None = None):
        self.work = Path(tempfile.mkdtemp(prefix=prefix))
        port = free_port()
        env = dict(os.environ, CARTBRIDGE_SERVER_PORT=str(port),
                   CARTBRIDGE_STORAGE_URL=f"sqlite:{self.work}/cartbridge.sqlite",
                   CARTBRIDGE_KEYS_DIRECTORY=str(self.work / "keys"),
                   CARTBRIDGE_ACCOUNTS_SECRET_FILE=str(self.work / "account-secret"), **(extra_env or {}))
        self.log = (self.work / "serve.log").open("w")
        self.server = subprocess.Popen([str(binary), "serve"], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.shop = Storefront(f"http://127.0.0.1:{port}", capture)
        self.returncode: int | None = None

    def __enter__(self) -> "Served":
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.shop.base + "/store/regions", timeout=2).read()
                return self
            except OSError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    print(self.log_text())
                    raise SystemExit("cartbridge serve did not start")
                time.sleep(0.1)

    def __exit__(self, *_: object) -> None:
        self.server.send_signal(signal.SIGTERM)
        try:
            self.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()
        self.returncode = self.server.returncode

    def log_text(self) -> str:
        return (self.work / "serve.log").read_text()

    def simulator_ledger(self) -> list[dict]:
        simulator = re.search(r"\"url\":\"(http://127\.0\.0\.1:\d+)\"", self.log_text())
        return json.load(urllib.request.urlopen(simulator.group(1) + "/_simulator/orders"))["orders"]

    def card_leaks(self, capture: Path, cards: tuple[str, ...]) -> list[str]:
        """Card numbers or the CVV anywhere in the log, the SQLite files or the captured responses."""
        leaks = []
        for path in [self.work / "serve.log", *self.work.glob("cartbridge.sqlite*"), capture]:
            data = path.read_bytes()
            for secret in (*cards, f'"{CVV}"', "verification_value"):
                if secret.encode() in data:
                    leaks.append(f"{path.name}: {secret}")
        return leaks


def main() -> int:
    binary, capture = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    capture.write_text("")
    with Served(binary, capture, "cartbridge-acceptance-") as served:
        placed = one_merchant_flow(served.shop) + two_merchant_flow(served.shop)
        ledger = served.simulator_ledger()
        check("the ledger holds exactly the orders placed", sorted(o["order_number"] for o in ledger) == sorted(placed),
              (ledger, placed))
        cards = sorted(o["card"]["last_four"] for o in ledger)
        check("each with the card the storefront encrypted", cards == sorted([SECOND_CARD[-4:], GOOD_CARD[-4:], GOOD_CARD[-4:]]), cards)
    check("serve stops cleanly on SIGTERM", served.returncode == 0, served.returncode)
    leaks = served.card_leaks(capture, (GOOD_CARD, DECLINE_CARD, SECOND_CARD))
    check("no PAN or CVV in the log, the SQLite files or the responses", not leaks, leaks)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
