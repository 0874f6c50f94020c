#!/usr/bin/env python3
"""A deterministic bad-input suite against a real `cartbridge serve`.

Usage: scripts/bad-input.py path/to/cartbridge [--keep] [--verbose]

Starts the server (scripts/cartbridge_server.py: free port, throwaway working directory, rate limit off so
the answers do not depend on timing), prepares one cart the way a storefront does (acceptance/
storefront_flow.py's helpers: an item, email + address, a shipping method, a payment session), then sends
the table of bad requests below. The cases are data: each is method, path, body (JSON value or raw bytes),
headers and what is acceptable. For every answer:
  - it must come within the per-request timeout (no hang) and the server must still be running;
  - the status must be 4xx (or the exact status the case names; a few cases may also succeed, 2xx, where
    the input is valid Medusa, e.g. unicode names; never 5xx);
  - a 4xx must be Medusa's error envelope: JSON content type, an object of `type` and `message` strings
    (and `code` when present), no other keys, type `not_found` exactly when the status is 404;
  - no response may echo a test card number (raw or with separators, scripts/test-cards.json) or a
    listed CVV next to a CVV key.
Afterwards a normal checkout step must still work, and the server's log and SQLite files must hold no
card number or CVV (the cases send plaintext PANs in card fields that must be refused, not stored).

Known deviations that are accepted are listed in EXPECTED (with the reason); they are counted separately
and reported, and a case that no longer deviates is reported as fixed.

Prints one line per violation with the exact request and response, then the counts; exits 1 on any
violation, 2 when the suite could not run (no server, fixture failed).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import importlib.util
import io
import json
import string
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cartbridge_server import ROOT, CartBridgeServer, ServerFailed, storefront_flow  # noqa: E402

from joserfc import jwe  # noqa: E402
from joserfc.jwe import JWERegistry  # noqa: E402
from joserfc.jwk import OctKey, RSAKey  # noqa: E402

TIMEOUT = 20.0  # seconds per request; a debug build decrypting a JWE takes well under 1 s
MAX_BODY = 1_048_576  # server.max_body_bytes default
MEDUSA_TYPES = {"not_found", "invalid_data", "not_allowed", "unauthorized", "payment_authorization_error",
                "duplicate_error", "conflict", "unexpected_state", "invalid_argument", "database_error",
                "unknown_error"}
CARDS = json.loads((ROOT / "scripts" / "test-cards.json").read_text())
PAN = "4111111111111111"
CVV = "947"


def _load_scanner():
    spec = importlib.util.spec_from_file_location("card_data_scan", ROOT / "scripts" / "card-data-scan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["card_data_scan"] = module
    spec.loader.exec_module(module)
    return module


scanner = _load_scanner()
CARD_MATCHERS = scanner.build_matchers(*scanner.load_cards(ROOT / "scripts" / "test-cards.json"))


# --- the cases ------------------------------------------------------------------------------------------

class Raw(bytes):
    """A body sent byte for byte; `$name` placeholders are filled from the fixture."""


@dataclass
class Case:
    group: str
    name: str
    method: str
    path: str
    body: Any = None  # None: no body; Raw: bytes; anything else: JSON
    headers: dict[str, str] = field(default_factory=dict)
    expect: str | int = "4xx"  # "4xx", an exact status, or "2xx|4xx"
    content_type: str | None = "application/json"
    # Requests sent first (method, path, JSON body); their answers are not judged. The cart is rebuilt after.
    setup: list[tuple[str, str, Any]] = field(default_factory=list)
    # The HTTP parser refuses the request before any route runs (a 100 KB request line, a negative
    # Content-Length). Node's HTTP server, in front of Medusa's Express app, answers those with a bare 4xx
    # (431/400, no JSON body) too, so only the 4xx status is required, not the envelope.
    http_level: bool = False
    # A page of the card element (not the store API): a refusal is plain text for a person, not Medusa's envelope.
    page: bool = False


# What a wrong value of each kind is replaced with, per declared field type. `null` is a separate case:
# Medusa's @IsOptional() accepts null for optional fields.
WRONG = {
    "string": [123, 1.5, True, [], {}],
    "integer": ["1", 1.5, True, [], {}, "abc"],
    "object": ["x", 1, True, []],
    "array": ["x", 1, True, {}],
    "address": [123, True, [], 1.5],
}

# Each main POST body: the smallest valid body, and every field with its type (dotted path, `[0]` an element).
BODIES = [
    ("create cart", "/store/carts", {}, [
        ("region_id", "string"), ("country_code", "string"), ("items", "array"), ("items[0]", "object"),
        ("items[0].variant_id", "string"), ("items[0].quantity", "integer"), ("context", "object"),
        ("sales_channel_id", "string")]),
    ("update cart", "/store/carts/$cart", {}, [
        ("region_id", "string"), ("country_code", "string"), ("email", "string"), ("billing_address", "address"),
        ("shipping_address", "address"), ("gift_cards", "array"), ("gift_cards[0].code", "string"),
        ("discounts", "array"), ("discounts[0]", "object"), ("discounts[0].code", "string"),
        ("customer_id", "string"), ("context", "object"), ("sales_channel_id", "string")]
     + [(f"shipping_address.{name}", "string") for name in
        ("first_name", "last_name", "phone", "company", "address_1", "address_2", "city", "country_code",
         "province", "postal_code")]
     + [("shipping_address.metadata", "object"), ("billing_address.first_name", "string"),
        ("billing_address.country_code", "string")]),
    ("add line item", "/store/carts/$cart/line-items", {"variant_id": "$variant", "quantity": 1}, [
        ("variant_id", "string"), ("quantity", "integer"), ("metadata", "object")]),
    ("update line item", "/store/carts/$cart/line-items/$line", {"quantity": 1}, [
        ("quantity", "integer"), ("metadata", "object")]),
    ("shipping method", "/store/carts/$cart/shipping-methods", {"option_id": "$option"}, [
        ("option_id", "string"), ("data", "object")]),
    ("select payment session", "/store/carts/$cart/payment-session", {"provider_id": "$provider"}, [
        ("provider_id", "string")]),
    ("update payment session", "/store/carts/$cart/payment-sessions/$provider", {"data": {"encrypted_card": "$jwe"}}, [
        ("data", "object"), ("data.encrypted_card", "string")]),
    ("addons", "/store/carts/$cart/addons", {}, [
        ("select", "array"), ("select[0]", "object"), ("select[0].addon_id", "string"),
        ("select[0].line_item_ids", "array"), ("deselect", "array"), ("deselect[0].addon_id", "string"),
        ("deselect[0].line_item_id", "string")]),
]
REQUIRED = {"add line item": ["variant_id", "quantity"], "update line item": ["quantity"],
            "shipping method": ["option_id"], "select payment session": ["provider_id"],
            "update payment session": ["data"]}
# A value that makes a container element valid around the field under test.
ELEMENT = {"items[0]": {"variant_id": "$variant", "quantity": 1}, "discounts[0]": {"code": "SAVE10"},
           "gift_cards[0]": {"code": "GIFT"}, "select[0]": {"addon_id": "shipping_protection"},
           "deselect[0]": {"addon_id": "shipping_protection", "line_item_id": "$line"},
           "shipping_address": {}, "billing_address": {}, "data": {}}


def with_field(base: dict, dotted: str, value: Any) -> dict:
    """A copy of `base` with `value` at `dotted` (`a.b`, `a[0].b`), containers made valid around it."""
    body = json.loads(json.dumps(base))
    parts = dotted.split(".")
    node, prefix = body, ""
    for part in parts[:-1]:
        prefix = f"{prefix}.{part}" if prefix else part
        name, _, index = part.partition("[")
        if index:
            node[name] = [json.loads(json.dumps(ELEMENT[prefix]))]
            node = node[name][0]
        else:
            node = node.setdefault(name, json.loads(json.dumps(ELEMENT.get(prefix, {}))))
    last = parts[-1]
    name, _, index = last.partition("[")
    if index:
        node[name] = [value]
    else:
        node[name] = value
    return body


def body_cases() -> list[Case]:
    cases = []
    for label, path, base, fields in BODIES:
        for dotted, kind in fields:
            for value in WRONG[kind]:
                cases.append(Case("wrong type", f"{label}: {dotted}={json.dumps(value)}", "POST", path,
                                  with_field(base, dotted, value)))
        for required in REQUIRED.get(label, []):
            cases.append(Case("missing field", f"{label}: without {required}", "POST", path,
                              {k: v for k, v in base.items() if k != required}))
            cases.append(Case("missing field", f"{label}: {required}=null", "POST", path, {**base, required: None}))
        cases.append(Case("unknown field", f"{label}: unknown property", "POST", path,
                          {**base, "definitely_not_a_field": 1}))
        # An empty body: no JSON at all, and a zero-length JSON request. Express reads both as {}.
        empty_ok = "2xx|4xx" if label in ("create cart", "update cart", "addons") else "4xx"
        cases.append(Case("empty body", f"{label}: no body", "POST", path, None, expect=empty_ok))
        cases.append(Case("empty body", f"{label}: zero-length JSON", "POST", path, Raw(b""), expect=empty_ok))
        cases.append(Case("oversized", f"{label}: 1 MiB + 1 byte", "POST", path,
                          Raw(b'{"x":"' + b"a" * (MAX_BODY - 7) + b'"}'), expect=413))
    return cases


MALFORMED = [
    ("truncated object", b"{"), ("missing value", b'{"quantity":}'), ("trailing garbage", b'{"quantity":1}x'),
    ("single quotes", b"{'quantity':1}"), ("bare word", b"hello"), ("top-level string", b'"text"'),
    ("top-level number", b"1"), ("top-level null", b"null"), ("top-level array", b'[{"quantity":1}]'),
    ("trailing comma", b'{"quantity":1,}'), ("comment", b'{"quantity":1 /* c */}'), ("NaN", b'{"quantity":NaN}'),
    ("Infinity", b'{"quantity":Infinity}'), ("hex number", b'{"quantity":0x10}'), ("leading zeros", b'{"quantity":007}'),
    ("plus sign", b'{"quantity":+1}'), ("invalid UTF-8", b'{"metadata":{"a":"\xff\xfe\xc3"}}'),
    ("UTF-8 overlong", b'{"metadata":{"a":"\xc0\xaf"}}'), ("UTF-16 body", '{"quantity":1}'.encode("utf-16")),
    ("raw control char", b'{"metadata":{"a":"x\x01y"}}'), ("bad escape", b'{"metadata":{"a":"\\q"}}'),
    ("short unicode escape", b'{"metadata":{"a":"\\u12"}}'), ("unterminated string", b'{"metadata":{"a":"x'),
    ("deep arrays", b"[" * 100_000 + b"]" * 100_000), ("deep objects", b'{"a":' * 60_000 + b"1" + b"}" * 60_000),
    ("deep metadata", b'{"quantity":1,"metadata":' + b'{"a":' * 50_000 + b"{}" + b"}" * 50_000 + b"}"),
    ("long number", b'{"quantity":' + b"9" * 500_000 + b"}"), ("long exponent", b'{"quantity":1e' + b"9" * 1000 + b"}"),
    ("many keys", b"{" + b",".join(b'"k%d":1' % i for i in range(60_000)) + b"}"),
    ("duplicate keys", b'{"quantity":1,"quantity":"x"}'), ("NUL byte outside string", b'{"quantity":1}\x00'),
    ("BOM", b'\xef\xbb\xbf{"quantity":1}'),
]


def malformed_cases() -> list[Case]:
    cases = []
    for path in ("/store/carts/$cart/line-items/$line", "/store/carts", "/store/carts/$cart/payment-sessions/$provider"):
        for name, raw in MALFORMED:
            # Express's json() strips a UTF-8 BOM, and JSON.parse takes the last of duplicate keys: both are
            # valid requests when the rest is (for these two routes `{"quantity":1}` is a valid body).
            expect = "2xx|4xx" if name in ("BOM", "duplicate keys") else "4xx"
            cases.append(Case("malformed JSON", f"{path}: {name}", "POST", path, Raw(raw), expect=expect))
    return cases


NUMBERS = [("1e309", "4xx"), ("-1e309", "4xx"), ("9223372036854775808", "4xx"), ("-9223372036854775809", "4xx"),
           ("9223372036854775807", "4xx"), ("18446744073709551616", "4xx"), ("2147483648", "4xx"), ("-1", "4xx"),
           ("0", "4xx"), ("-0", "4xx"), ("1.5", "4xx"), ("1e-400", "4xx"), ("1.0", "2xx|4xx"), ("1e0", "2xx|4xx"),
           ("100000", "4xx")]


def number_cases() -> list[Case]:
    cases = []
    for text, expect in NUMBERS:
        cases.append(Case("huge numbers", f"add line item quantity={text}", "POST", "/store/carts/$cart/line-items",
                          Raw(b'{"variant_id":"$variant","quantity":' + text.encode() + b"}"), expect=expect))
        # Medusa removes the line when an update sets quantity 0 (and JSON.parse reads -0 and 1e-400 as 0).
        update_expect = "2xx|4xx" if text in ("0", "-0", "1e-400") else expect
        cases.append(Case("huge numbers", f"update line item quantity={text}", "POST",
                          "/store/carts/$cart/line-items/$line", Raw(b'{"quantity":' + text.encode() + b"}"),
                          expect=update_expect))
        cases.append(Case("huge numbers", f"create cart items[0].quantity={text}", "POST", "/store/carts",
                          Raw(b'{"items":[{"variant_id":"$variant","quantity":' + text.encode() + b"}]}"), expect=expect))
    return cases


UNICODE = [("RTL override", "\u202eevil\u202c"), ("emoji", "🛒🔥👩‍👩‍👧"), ("NUL", "a\u0000b"),
           ("zero-width", "\u200b\u200d\ufeff"), ("combining", "e" + "\u0301" * 500), ("private use", "\ue000\U000f0000"),
           ("non-characters", "\ufffe\uffff"), ("arabic", "مرحبا"), ("long", "é" * 50_000)]
SURROGATES = [("lone high surrogate", r"\ud800"), ("lone low surrogate", r"\udc00"), ("reversed pair", r"\udc00\ud800"),
              ("high + text", r"\ud83dx")]


def unicode_cases() -> list[Case]:
    cases = []
    for name, text in UNICODE:
        address = {**storefront_flow.ADDRESS, "first_name": text, "address_2": text, "city": text}
        cases.append(Case("unicode", f"address with {name}", "POST", "/store/carts/$cart",
                          {"shipping_address": address}, expect="2xx|4xx"))
        # validator.js's isEmail (Medusa's @IsEmail) allows UTF-8 letters in the local part, up to 64 bytes.
        letters = name in ("arabic",)
        cases.append(Case("unicode", f"email with {name}", "POST", "/store/carts/$cart", {"email": text + "@example.com"},
                          expect="2xx|4xx" if letters else "4xx"))
        cases.append(Case("unicode", f"discount code with {name}", "POST", "/store/carts/$cart",
                          {"discounts": [{"code": text}]}))
        cases.append(Case("unicode", f"line metadata with {name}", "POST", "/store/carts/$cart/line-items/$line",
                          {"quantity": 1, "metadata": {text[:100]: text}}, expect="2xx|4xx"))
    for name, escaped in SURROGATES:
        cases.append(Case("unicode", f"first_name with {name} (escaped)", "POST", "/store/carts/$cart",
                          Raw(b'{"shipping_address":{"first_name":"' + escaped.encode() + b'"}}'), expect="2xx|4xx"))
        cases.append(Case("unicode", f"variant_id with {name} (escaped)", "POST", "/store/carts/$cart/line-items",
                          Raw(b'{"variant_id":"' + escaped.encode() + b'","quantity":1}')))
        cases.append(Case("unicode", f"encrypted_card with {name} (escaped)", "POST",
                          "/store/carts/$cart/payment-sessions/$provider",
                          Raw(b'{"data":{"encrypted_card":"' + escaped.encode() + b'"}}')))
        cases.append(Case("unicode", f"metadata key with {name} (escaped)", "POST", "/store/carts/$cart/line-items/$line",
                          Raw(b'{"quantity":1,"metadata":{"' + escaped.encode() + b'":1}}'), expect="2xx|4xx"))
    return cases


CONTENT_TYPES = [("text/plain", "4xx"), ("application/x-www-form-urlencoded", "4xx"),
                 ("multipart/form-data; boundary=x", "4xx"), (None, "4xx"), ("application/xml", "4xx"),
                 ("application/json; charset=latin1", "2xx|4xx"), ("application/json-patch+json", "2xx|4xx"),
                 ("", "4xx"), ("application/json, text/plain", "2xx|4xx")]


def content_type_cases() -> list[Case]:
    cases = []
    for content_type, expect in CONTENT_TYPES:
        label = content_type if content_type is not None else "(none)"
        # A JSON body under another content type: Express's json() parser skips it, so the body is {} and the
        # required fields are missing. Where the parser does read it (a json-ish type), the body is valid.
        cases.append(Case("content type", f"line item as {label}", "POST", "/store/carts/$cart/line-items/$line",
                          {"quantity": "x"}, content_type=content_type))
        cases.append(Case("content type", f"shipping method as {label}", "POST", "/store/carts/$cart/shipping-methods",
                          {"option_id": "$option"}, content_type=content_type, expect=expect))
    cases.append(Case("content type", "form-encoded line item", "POST", "/store/carts/$cart/line-items",
                      Raw(b"variant_id=$variant&quantity=1"), content_type="application/x-www-form-urlencoded"))
    return cases


UNKNOWN_IDS = [
    ("GET", "/store/carts/cart_01HZZZZZZZZZZZZZZZZZZZZZZZ", None), ("GET", "/store/carts/nope", None),
    ("POST", "/store/carts/cart_01HZZZZZZZZZZZZZZZZZZZZZZZ", {"email": "a@example.com"}),
    ("POST", "/store/carts/cart_missing/line-items", {"variant_id": "$variant", "quantity": 1}),
    ("POST", "/store/carts/cart_missing/line-items/$line", {"quantity": 1}),
    ("DELETE", "/store/carts/cart_missing/line-items/$line", None),
    ("POST", "/store/carts/cart_missing/shipping-methods", {"option_id": "$option"}),
    ("POST", "/store/carts/cart_missing/payment-sessions", None),
    ("POST", "/store/carts/cart_missing/payment-session", {"provider_id": "$provider"}),
    ("POST", "/store/carts/cart_missing/payment-sessions/$provider", {"data": {"encrypted_card": "$jwe"}}),
    ("POST", "/store/carts/cart_missing/payment-sessions/$provider/refresh", None),
    ("DELETE", "/store/carts/cart_missing/payment-sessions/$provider", None),
    ("POST", "/store/carts/cart_missing/taxes", None), ("POST", "/store/carts/cart_missing/complete", None),
    ("POST", "/store/carts/cart_missing/complete-cart", None),
    ("DELETE", "/store/carts/cart_missing/discounts/SAVE10", None),
    ("POST", "/store/carts/cart_missing/addons", {"select": [{"addon_id": "shipping_protection"}]}),
    ("GET", "/store/shipping-options/cart_missing", None),
    ("POST", "/store/carts/$cart/line-items/item_missing", {"quantity": 1}),
    ("POST", "/store/carts/$cart/line-items", {"variant_id": "variant_missing", "quantity": 1}),
    ("POST", "/store/carts/$cart/line-items", {"variant_id": "variant_AAAAAAAAAAAAAAAA", "quantity": 1}),
    ("POST", "/store/carts/$cart/shipping-methods", {"option_id": "so_missing"}),
    ("POST", "/store/carts/$cart/shipping-methods", {"option_id": "$option_missing"}),
    ("POST", "/store/carts", {"items": [{"variant_id": "variant_missing", "quantity": 1}]}),
    ("POST", "/store/carts", {"region_id": "reg_missing"}),
    ("POST", "/store/carts/$cart", {"region_id": "reg_missing"}),
    ("POST", "/store/carts/$cart", {"shipping_address": "addr_missing"}),
    ("POST", "/store/carts/$cart", {"discounts": [{"code": "NO_SUCH_CODE"}]}),
    ("POST", "/store/carts/$cart/payment-session", {"provider_id": "stripe"}),
    ("POST", "/store/carts/$cart/payment-sessions/stripe", {"data": {"encrypted_card": "$jwe"}}),
    ("POST", "/store/carts/$cart/payment-sessions/stripe/refresh", None),
    ("POST", "/store/carts/$cart/addons", {"select": [{"addon_id": "no_such_addon"}]}),
    ("POST", "/store/carts/$cart/addons", {"select": [{"addon_id": "extended_warranty", "line_item_ids": ["item_missing"]}]}),
    ("GET", "/store/orders/order_missing", None), ("GET", "/store/orders/cart/cart_missing", None),
    ("GET", "/store/orders/cart/$cart", None), ("GET", "/store/products/prod_missing", None),
    ("GET", "/store/variants/variant_missing", None), ("GET", "/store/regions/reg_missing", None),
    ("GET", "/store/collections/pcol_missing", None), ("GET", "/store/collections/pcol_01HZZZZZZZZZZZZZZZ", None),
    ("GET", "/store/product-categories/pcat_missing", None), ("GET", "/store/product-categories/pcat_AAAA", None),
    ("GET", "/store/products?order=price", None), ("GET", "/store/products?is_giftcard=maybe", None),
    ("GET", "/store/product-categories?include_descendants_tree=perhaps", None),
    ("GET", "/store/product-categories?parent_category_id=pcat_missing&limit=-1", None),
    ("GET", "/store/collections?limit=abc", None), ("GET", "/store/product-tags?offset=-5", None),
    ("POST", "/store/products/search", {"q": 12}), ("POST", "/store/products/search", {"limit": -1, "unknown": 1}),
    ("GET", "/store/nope", None), ("PUT", "/store/carts/$cart", {}), ("PATCH", "/store/carts/$cart", {}),
    ("DELETE", "/store/carts/$cart", None), ("GET", "/store/carts/$cart/line-items", None),
    ("GET", "/store/customers/me", None), ("POST", "/store/auth", {"email": "a@example.com", "password": "x"}),
    ("POST", "/store/customers", {"email": "not-an-email", "password": "long-enough-1", "first_name": "A", "last_name": "B"}),
    ("POST", "/store/customers", {"email": "a@example.com", "password": "x" * 5000, "first_name": "A", "last_name": "B"}),
    ("POST", "/store/customers", {"email": "a@example.com", "password": 12345678, "first_name": "A", "last_name": "B"}),
    ("POST", "/store/customers", {"email": "a@example.com", "first_name": "A", "last_name": "B", "is_admin": True}),
    ("POST", "/store/auth/token", {"email": "a@example.com"}), ("POST", "/store/auth/token", {"email": 1, "password": []}),
    ("GET", "/store/auth/not-an-email", None), ("GET", "/store/customers/me/orders", None),
    ("POST", "/store/customers/me", {"first_name": "Eve"}), ("POST", "/store/customers/me/addresses", {"address": {}}),
    ("DELETE", "/store/customers/me/addresses/addr_missing", None),
    ("POST", "/store/customers/password-reset", {"email": "a@example.com", "password": "long-enough-1", "token": "junk"}),
    ("POST", "/store/customers/password-reset", {"email": "a@example.com", "password": "long-enough-1", "token": "a.b.c"}),
    ("POST", "/store/orders/batch/customer/token", {"order_ids": ["order_missing"]}),
    ("POST", "/store/orders/customer/confirm", {"token": "eyJhbGciOiJub25lIn0.e30."}),
    ("POST", "/store/orders/customer/confirm", {"token": ""}),
]

# Ids an attacker might try: traversal, encodings, injection-looking strings, very long ones.
HOSTILE_IDS = [
    "..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "cart_..%2F..%2F", "..%5C..%5Cwindows",
    "%00", "cart_%00", "cart_x%0d%0aSet-Cookie:%20a=1", "%ff%fe", "%ED%A0%80", "%F0%9F%9B%92", "'%20OR%201=1--",
    "cart_%27%3B%20DROP%20TABLE%20carts%3B--", "%25", "%", "%zz", "cart_" + "A" * 10_000, "x" * 100_000,
    "%2F%2F%2F", "cart_01" + "%C3%A9" * 1000, "%7B%7Bid%7D%7D", "*", "cart_$(id)", "%20", "~",
]


def id_cases() -> list[Case]:
    cases = [Case("unknown id", f"{method} {path}", method, path, body, expect="4xx")
             for method, path, body in UNKNOWN_IDS]
    for label, value in [("a 5,000-character bearer", "Bearer " + "A" * 5000), ("a forged alg none token",
                         "Bearer eyJhbGciOiJub25lIn0.eyJjdXN0b21lcl9pZCI6ImN1c18xIn0."), ("an empty header", "")]:
        cases.append(Case("unknown id", f"/store/customers/me with {label} is a 401", "GET", "/store/customers/me",
                          headers={"authorization": value}, expect=401))
    cases.append(Case("unknown id", "product filters naming unknown groups (an empty list)",
                      "GET", "/store/products?collection_id[0]=pcol_missing&category_id[0]=%00&tags[0]=..%2F", expect="2xx"))
    cases.append(Case("unknown id", "DELETE /store/carts/$cart/line-items/item_missing (Medusa: 200 no-op)",
                      "DELETE", "/store/carts/$cart/line-items/item_missing", expect="2xx|4xx"))
    cases.append(Case("unknown id", "DELETE /store/carts/$cart/discounts/NO_SUCH_CODE (Medusa: 200, unchanged)",
                      "DELETE", "/store/carts/$cart/discounts/NO_SUCH_CODE", expect="2xx|4xx"))
    for hostile in HOSTILE_IDS:
        short = hostile if len(hostile) < 40 else hostile[:30] + f"...({len(hostile)} chars)"
        for method, template, body in [
            ("GET", "/store/carts/{}", None), ("POST", "/store/carts/{}/line-items", {"variant_id": "$variant", "quantity": 1}),
            ("POST", "/store/carts/$cart/line-items/{}", {"quantity": 1}), ("GET", "/store/orders/{}", None),
            ("GET", "/store/products/{}", None), ("GET", "/store/shipping-options/{}", None),
            ("POST", "/store/carts/$cart/payment-sessions/{}", {"data": {"encrypted_card": "x"}}),
            ("DELETE", "/store/carts/$cart/discounts/{}", None),
        ]:
            # Medusa's removeDiscount filters the cart's codes: an unknown code is a 200 with the cart unchanged.
            expect = "2xx|4xx" if "/discounts/" in template else "4xx"
            cases.append(Case("hostile id", f"{method} {template.format(short)}", method, template.format(hostile), body,
                              expect=expect, http_level=len(hostile) > 50_000))
    cases.append(Case("hostile id", "GET /store/../../etc/passwd (unnormalised)", "GET", "/store/../../etc/passwd"))
    cases.append(Case("hostile id", "GET /store/carts/$cart/../../regions (dot segments)", "GET",
                      "/store/carts/$cart/../../orders/x"))
    cases.append(Case("hostile id", "GET //store//carts//x", "GET", "//store//carts//x"))
    cases.append(Case("hostile id", "variant id with traversal in body", "POST", "/store/carts/$cart/line-items",
                      {"variant_id": "../../etc/passwd", "quantity": 1}))
    cases.append(Case("hostile id", "option id 100k chars", "POST", "/store/carts/$cart/shipping-methods",
                      {"option_id": "so_" + "A" * 100_000}))
    cases.append(Case("hostile id", "variant id 500k chars", "POST", "/store/carts/$cart/line-items",
                      {"variant_id": "variant_" + "A" * 500_000, "quantity": 1}))
    return cases


QUERIES = [
    ("/store/products", "limit=-1", "4xx"), ("/store/products", "offset=abc", "4xx"), ("/store/products", "limit=1e309", "4xx"),
    ("/store/products", "limit=99999999999999999999999", "4xx"), ("/store/products", "offset=-5", "4xx"),
    ("/store/products", "limit=", "4xx"), ("/store/products", "limit=1.5", "4xx"), ("/store/products", "limit=0x10", "4xx"),
    ("/store/products", "limit=9223372036854775807", "2xx|4xx"), ("/store/products", "offset=9223372036854775807", "2xx|4xx"),
    ("/store/products", "expand=variants.prices.region.countries.region.countries", "2xx|4xx"),
    ("/store/products", "expand=" + ",".join(["variants"] * 2000), "2xx|4xx"), ("/store/products", "fields=*,password", "2xx|4xx"),
    ("/store/products", "expand=%00", "2xx|4xx"), ("/store/products", "q=%00%ff", "2xx|4xx"), ("/store/products", "%", "2xx|4xx"),
    ("/store/products", "%zz=%zz", "2xx|4xx"), ("/store/products", "&&&===&", "2xx|4xx"),
    ("/store/products", "handle[]=a&handle[0]=b&handle[x]=c", "2xx|4xx"), ("/store/products", "limit[]=1&limit[]=2", "2xx|4xx"),
    ("/store/products", "id=" + "x" * 20_000, "2xx|4xx"), ("/store/products", "a=1&" * 5_000, "2xx|4xx"),
    ("/store/products", "region_id=reg_missing", "4xx"), ("/store/products", "currency_code=%F0%9F%92%B0", "2xx|4xx"),
    ("/store/products", "cart_id=cart_missing", "4xx"), ("/store/products", "order=;drop", "2xx|4xx"),
    ("/store/variants", "limit=-1", "4xx"), ("/store/variants", "offset=abc", "4xx"), ("/store/variants", "ids=" + "," * 5000, "2xx|4xx"),
    ("/store/regions", "limit=-1", "4xx"), ("/store/regions", "offset=abc", "4xx"),
    ("/store/orders", "display_id=abc&email=a@example.com", "4xx"), ("/store/orders", "display_id=1e309&email=a@example.com", "4xx"),
    ("/store/orders", "display_id=99999999999999999999&email=a@example.com", "4xx"), ("/store/orders", "display_id=1", "4xx"),
    ("/store/orders", "email=a@example.com", "4xx"), ("/store/orders", "display_id=-1&email=%00", "4xx"),
    ("/store/orders", "display_id=1&email=nobody@example.com", 404), ("/store/carts/$cart", "expand=%ff&fields=%00", "2xx|4xx"),
    ("/store/shipping-options/$cart", "is_return=maybe&product_ids[]=x", "2xx|4xx"),
]


def query_cases() -> list[Case]:
    return [Case("query garbage", f"GET {path}?{query[:60]}", "GET", f"{path}?{query}", expect=expect)
            for path, query, expect in QUERIES]


def header_cases() -> list[Case]:
    return [
        Case("headers", "complete with 10 KB Idempotency-Key", "POST", "/store/carts/$cart/complete",
             headers={"Idempotency-Key": "k" * 10_000}),
        Case("headers", "complete with non-ASCII Idempotency-Key", "POST", "/store/carts/$cart/complete",
             headers={"Idempotency-Key": "ключ-🔑"}),
        Case("headers", "line item with garbage Idempotency-Key", "POST", "/store/carts/$cart/line-items",
             {"variant_id": "variant_missing", "quantity": 1}, headers={"Idempotency-Key": "%00\t;,\"'"}),
        Case("headers", "create cart with garbage X-Forwarded-For", "POST", "/store/carts", {},
             headers={"X-Forwarded-For": "not-an-ip, ::ffff:999.1.1.1, " + "9" * 2000}, expect="2xx|4xx"),
        Case("headers", "create cart with huge User-Agent", "POST", "/store/carts", {},
             headers={"User-Agent": "UA" * 8000}, expect="2xx|4xx"),
        Case("headers", "Content-Length far over the limit, small body", "POST", "/store/carts/$cart/line-items",
             Raw(b'{"quantity":1}'), headers={"Content-Length": str(10 ** 12)}, expect=413),
        Case("headers", "negative Content-Length", "POST", "/store/carts/$cart/line-items", Raw(b"{}"),
             headers={"Content-Length": "-1"}, http_level=True),
        Case("headers", "request line of 100 KB", "GET", "/store/products?q=" + "x" * 100_000, http_level=True),
        Case("headers", "64 KB header", "GET", "/store/regions", headers={"X-Big": "b" * 65_536}, expect="2xx|4xx",
             http_level=True),
        Case("headers", "1 MB header", "GET", "/store/regions", headers={"X-Big": "b" * 1_000_000}, http_level=True),
        Case("headers", "20000 headers", "GET", "/store/regions", headers={f"X-H{i}": "v" for i in range(20_000)},
             http_level=True),
        Case("headers", "chunked body over the limit", "POST", "/store/carts/$cart/line-items",
             Raw(b'{"x":"' + b"a" * (MAX_BODY + 10) + b'"}'), headers={"Transfer-Encoding": "chunked"}, expect=413),
        Case("headers", "Origin not allowed (CORS does not turn errors into 5xx)", "POST", "/store/carts/$cart/line-items",
             {"quantity": "x"}, headers={"Origin": "https://evil.example"}),
    ]


# -- hostile JWEs ----------------------------------------------------------------------------------------

def b64(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwe_cases(public_jwk: dict) -> list[Case]:
    kid = public_jwk["kid"]
    ours = RSAKey.import_key(public_jwk)
    stranger = RSAKey.generate_key(2048)
    card = json.dumps({"number": PAN, "name": "Ada Lovelace", "verification_value": CVV, "month": "08", "year": "2031"})
    registry = JWERegistry(algorithms=["RSA-OAEP-256", "A256GCM", "RSA1_5", "RSA-OAEP", "A128CBC-HS256", "DEF",
                                       "dir", "PBES2-HS512+A256KW"])

    def encrypt(header: dict, payload: str | bytes, key=ours) -> str:
        with contextlib.redirect_stderr(io.StringIO()):  # joserfc warns about RSA1_5
            return jwe.encrypt_compact(header, payload, key, registry=registry)

    good = encrypt({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": kid}, card)
    segments = good.split(".")
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": kid}
    bad_cards = {
        "Luhn-failing number": {"number": "4111111111111112", "verification_value": CVV, "month": "08", "year": "2031"},
        "expired card": {"number": PAN, "verification_value": CVV, "month": "01", "year": "2001"},
        "4-digit CVV on a Visa": {"number": PAN, "verification_value": "1234", "month": "08", "year": "2031"},
        "letters in the number": {"number": "4111-1111-1111-111x", "verification_value": CVV, "month": "08", "year": "2031"},
        "number as an integer": {"number": int(PAN), "verification_value": CVV, "month": "08", "year": "2031"},
        "month 13": {"number": PAN, "verification_value": CVV, "month": "13", "year": "2031"},
        "missing number": {"verification_value": CVV, "month": "08", "year": "2031"},
        "20-digit number starting with the PAN": {"number": PAN + "0000", "verification_value": CVV, "month": "08", "year": "2031"},
    }
    tokens: list[tuple[str, Any]] = [
        ("alg none", f"{b64(json.dumps({'alg': 'none', 'enc': 'A256GCM', 'kid': kid}))}..{segments[2]}.{b64(card)}."),
        ("alg none, 2 segments (unsecured JWS)", f"{b64(json.dumps({'alg': 'none'}))}.{b64(card)}."),
        ("RSA1_5 to our key", encrypt({"alg": "RSA1_5", "enc": "A256GCM", "kid": kid}, card)),
        ("RSA-OAEP (SHA-1) to our key", encrypt({"alg": "RSA-OAEP", "enc": "A256GCM", "kid": kid}, card)),
        ("A128CBC-HS256 content encryption", encrypt({"alg": "RSA-OAEP-256", "enc": "A128CBC-HS256", "kid": kid}, card)),
        ("zip DEF (compression)", encrypt({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": kid, "zip": "DEF"}, card)),
        ("zip DEF bomb header", f"{b64(json.dumps({**header, 'zip': 'DEF'}))}.{'.'.join(segments[1:])}"),
        ("dir with a guessed key", encrypt({"alg": "dir", "enc": "A256GCM", "kid": kid}, card, OctKey.import_key(b"\0" * 32))),
        ("PBES2 with p2c 2^31", f"{b64(json.dumps({'alg': 'PBES2-HS512+A256KW', 'enc': 'A256GCM', 'kid': kid, 'p2s': b64(b'saltsalt'), 'p2c': 2 ** 31}))}.{'.'.join(segments[1:])}"),
        ("truncated", good[: len(good) // 2]), ("truncated by one char", good[:-1]),
        ("6 segments", good + "." + segments[4]), ("4 segments", ".".join(segments[:4])), ("3 segments", ".".join(segments[:3])),
        ("empty segments", "...."), ("only dots", "." * 1000),
        ("huge (900 KB)", ".".join([segments[0], "A" * 300_000, "A" * 16, "A" * 300_000, "A" * 22])),
        ("huge header (500 KB)", b64(json.dumps({**header, "x": "A" * 370_000})) + "." + ".".join(segments[1:])),
        ("garbage base64", "!!!!.@@@@.####.$$$$.%%%%"), ("standard base64 alphabet with padding",
                                                         base64.b64encode(json.dumps(header).encode()).decode() + "." + ".".join(segments[1:])),
        ("header not JSON", f"{b64('not json')}.{'.'.join(segments[1:])}"),
        ("header a JSON array", f"{b64('[1,2]')}.{'.'.join(segments[1:])}"),
        ("header kid a number", f"{b64(json.dumps({**header, 'kid': 7}))}.{'.'.join(segments[1:])}"),
        ("header with huge kid", f"{b64(json.dumps({**header, 'kid': 'k' * 100_000}))}.{'.'.join(segments[1:])}"),
        ("valid-looking header, wrong kid", f"{b64(json.dumps({**header, 'kid': 'not-our-kid'}))}.{'.'.join(segments[1:])}"),
        ("valid-looking header, no kid", f"{b64(json.dumps({'alg': 'RSA-OAEP-256', 'enc': 'A256GCM'}))}.{'.'.join(segments[1:])}"),
        ("our kid, another key", encrypt(header, card, stranger)),
        ("our kid, tampered tag", ".".join(segments[:4] + [b64(b"\0" * 16)])),
        ("our kid, tampered ciphertext", ".".join(segments[:3] + [b64(b"\x01" * 40)] + segments[4:])),
        ("our kid, 1-byte encrypted key", ".".join([segments[0], b64(b"\x01")] + segments[2:])),
        ("our kid, IV of 0 bytes", ".".join(segments[:2] + [""] + segments[3:])),
        ("jku/x5u pointing elsewhere", f"{b64(json.dumps({**header, 'jku': 'http://127.0.0.1:9/keys', 'x5u': 'http://127.0.0.1:9/x'}))}.{'.'.join(segments[1:])}"),
        ("embedded jwk of the attacker", encrypt({**header, "jwk": stranger.as_dict(private=False)}, card, stranger)),
        ("crit header", f"{b64(json.dumps({**header, 'crit': ['exp'], 'exp': 1}))}.{'.'.join(segments[1:])}"),
        ("JSON serialization object (as a string)", json.dumps({"protected": segments[0], "encrypted_key": segments[1],
                                                                "iv": segments[2], "ciphertext": segments[3], "tag": segments[4]})),
        ("plaintext card JSON instead of a JWE", card), ("plaintext card number", PAN),
        ("card number with spaces", " ".join(PAN[i:i + 4] for i in range(0, 16, 4))),
        ("payload not JSON", encrypt(header, "not json")), ("payload JSON null", encrypt(header, "null")),
        ("payload a JSON array", encrypt(header, json.dumps([PAN, CVV]))), ("payload empty", encrypt(header, b"")),
        ("payload 200 KB", encrypt(header, json.dumps({"number": PAN, "pad": "x" * 200_000}))),
        ("whitespace around a valid JWE", " " + good + "\n"),
    ]
    tokens += [(f"card with {name}", encrypt(header, json.dumps(payload))) for name, payload in bad_cards.items()]
    path = "/store/carts/$cart/payment-sessions/$provider"
    # Whitespace around a valid token: tolerated or refused, both are fine; never a 5xx.
    cases = [Case("hostile JWE", name, "POST", path, {"data": {"encrypted_card": token}},
                  expect="2xx|4xx" if name.startswith("whitespace") else "4xx") for name, token in tokens]
    cases += [
        Case("hostile JWE", "encrypted_card an object", "POST", path, {"data": {"encrypted_card": {"number": PAN, "cvv": CVV}}}),
        Case("hostile JWE", "encrypted_card an array", "POST", path, {"data": {"encrypted_card": [PAN]}}),
        Case("hostile JWE", "encrypted_card a number", "POST", path, {"data": {"encrypted_card": int(PAN)}}),
        Case("hostile JWE", "plaintext card fields next to the JWE", "POST", path,
             {"data": {"encrypted_card": good, "number": PAN, "cvv": CVV}}),
        Case("hostile JWE", "plaintext card fields instead of the JWE", "POST", path,
             {"data": {"number": PAN, "verification_value": CVV, "month": "08", "year": "2031"}}),
        Case("hostile JWE", "card at the top level", "POST", path,
             {"data": {"encrypted_card": "x"}, "card": {"number": PAN, "cvc": CVV}}),
        Case("hostile JWE", "valid JWE to an unknown provider", "POST", "/store/carts/$cart/payment-sessions/stripe",
             {"data": {"encrypted_card": good}}),
        Case("hostile JWE", "valid JWE to a missing cart", "POST", "/store/carts/cart_missing/payment-sessions/$provider",
             {"data": {"encrypted_card": good}}),
    ]
    return cases


def state_cases() -> list[Case]:
    """Valid requests in the wrong state of the cart."""
    no_session = [("DELETE", "/store/carts/$cart/payment-sessions/$provider", None)]
    no_line = [("DELETE", "/store/carts/$cart/line-items/$line", None)]
    return [
        Case("wrong state", "update the payment session after it was deleted", "POST",
             "/store/carts/$cart/payment-sessions/$provider", {"data": {"encrypted_card": "$jwe"}}, setup=no_session),
        Case("wrong state", "select the payment session after it was deleted", "POST", "/store/carts/$cart/payment-session",
             {"provider_id": "$provider"}, setup=no_session),
        # Medusa's refreshPaymentSession does nothing without a session and answers the cart.
        Case("wrong state", "refresh the payment session after it was deleted", "POST",
             "/store/carts/$cart/payment-sessions/$provider/refresh", setup=no_session, expect=200),
        Case("wrong state", "complete without a payment session", "POST", "/store/carts/$cart/complete", setup=no_session),
        Case("wrong state", "complete without a card", "POST", "/store/carts/$cart/complete"),
        Case("wrong state", "complete an emptied cart", "POST", "/store/carts/$cart/complete", setup=no_line),
        Case("wrong state", "payment sessions on an emptied cart", "POST", "/store/carts/$cart/payment-sessions",
             setup=no_line, expect="2xx|4xx"),
        Case("wrong state", "shipping method on an emptied cart", "POST", "/store/carts/$cart/shipping-methods",
             {"option_id": "$option"}, setup=no_line),
        # Medusa: updating an unknown line is 400 "Could not find the line item"; deleting one is a 200 no-op.
        Case("wrong state", "update a deleted line item", "POST", "/store/carts/$cart/line-items/$line",
             {"quantity": 2}, setup=no_line),
        Case("wrong state", "delete a deleted line item", "DELETE", "/store/carts/$cart/line-items/$line", setup=no_line,
             expect="2xx|4xx"),
    ]


# Claimed parents of the card frame: none may get a frame (403), whatever the text; the refusal must not echo it.
FRAME_PARENTS = [
    ("absent", ""), ("empty", "parent="), ("null", "parent=null"), ("star", "parent=*"),
    ("not listed", "parent=http%3A%2F%2Fevil.example"), ("javascript", "parent=javascript%3Aalert(1)"),
    ("with a path", "parent=http%3A%2F%2Flocalhost%3A8000%2Fcheckout"),
    ("a CSP injection", "parent=http%3A%2F%2Flocalhost%3A8000%3B%20script-src%20*"),
    ("two origins", "parent=http%3A%2F%2Flocalhost%3A8000%20http%3A%2F%2Fevil.example"),
    ("CRLF", "parent=http%3A%2F%2Flocalhost%3A8000%0D%0ASet-Cookie%3A%20x%3D1"), ("NUL", "parent=%00"),
    ("bad escape", "parent=%zz"), ("unicode host", "parent=http%3A%2F%2Fl%C3%B6calhost%3A8000"),
    ("20k characters", "parent=http%3A%2F%2F" + "a" * 20_000), ("repeated", "parent=a&parent=b&parent=c"),
]


def web_cases() -> list[Case]:
    cases = [Case("card element", f"card frame, parent {name}", "GET", f"/cartbridge/card-frame?{query}", expect=403,
                  page=True) for name, query in FRAME_PARENTS]
    cases += [Case("card element", f"demo file {name}", "GET", path, expect=404)
              for name, path in [("traversal", "/demo/..%2f..%2fetc%2fpasswd"), ("NUL", "/demo/index.html%00.js"),
                                 ("unknown", "/demo/nothing.js"), ("frame page by name", "/cartbridge/card-frame.html")]]
    cases.append(Case("card element", "element with a garbage If-None-Match", "GET", "/cartbridge/elements.js",
                      headers={"If-None-Match": "\"" + "x" * 5000}, expect=200, page=True))
    return cases


def all_cases(public_jwk: dict) -> list[Case]:
    return (body_cases() + malformed_cases() + number_cases() + unicode_cases() + content_type_cases() + id_cases()
            + query_cases() + header_cases() + jwe_cases(public_jwk) + state_cases() + web_cases())


# Deviations accepted for now, by (group, name): each needs a reason. A listed case that behaves is "fixed".
# None of them is a 5xx the storefront can avoid, a crash, a hang or a card echo.
EXPECTED: dict[tuple[str, str], str] = {
    ("malformed JSON", "/store/carts/$cart/line-items/$line: trailing comma"):
        "Parser leniency, reported: Foundation's JSONDecoder accepts `{\"quantity\":1,}`; Express's JSON.parse "
        "refuses it. The value read is the one intended, so no harm beyond the deviation.",
    ("malformed JSON", "/store/carts/$cart/line-items/$line: UTF-16 body"):
        "Parser leniency, reported: JSONDecoder detects UTF-16 by its BOM; body-parser reads UTF-8 only.",
}


# --- running --------------------------------------------------------------------------------------------

@dataclass
class Answer:
    status: int | None
    headers: dict[str, str]
    body: bytes
    error: str = ""
    seconds: float = 0.0


def send(base: str, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Answer:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
    started = time.monotonic()
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        names = {name.lower() for name in headers}
        for name, value in headers.items():
            connection.putheader(name, value.encode("utf-8") if not value.isascii() else value)
        if body is not None and "content-length" not in names and "transfer-encoding" not in names:
            connection.putheader("Content-Length", str(len(body)))
        chunked = headers.get("Transfer-Encoding") == "chunked"
        try:
            connection.endheaders()
            if body is not None:
                if chunked:
                    for start in range(0, len(body), 65536):
                        piece = body[start:start + 65536]
                        connection.send(b"%x\r\n" % len(piece) + piece + b"\r\n")
                    connection.send(b"0\r\n\r\n")
                else:
                    connection.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (413) and close before reading everything: read its answer
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data,
                      seconds=time.monotonic() - started)
    except (OSError, http.client.HTTPException) as problem:
        return Answer(None, {}, b"", f"{type(problem).__name__}: {problem}", time.monotonic() - started)
    finally:
        connection.close()


def fill(value: Any, fixture: dict[str, str]) -> Any:
    if isinstance(value, str):
        return string.Template(value).safe_substitute(fixture)
    if isinstance(value, list):
        return [fill(item, fixture) for item in value]
    if isinstance(value, dict):
        return {fill(key, fixture): fill(item, fixture) for key, item in value.items()}
    return value


def encode_body(case: Case, fixture: dict[str, str]) -> bytes | None:
    if case.body is None:
        return None
    if isinstance(case.body, Raw):
        raw = bytes(case.body)
        if b"$" in raw and len(raw) < 10_000:
            raw = string.Template(raw.decode("latin-1")).safe_substitute(fixture).encode("latin-1")
        return raw
    return json.dumps(fill(case.body, fixture), ensure_ascii=False).encode("utf-8")


def card_echoes(data: bytes) -> list[str]:
    return [f"{hit.what} [{hit.form}]" for hit in scanner.scan_bytes(data, "response", CARD_MATCHERS)]


def judge(case: Case, answer: Answer) -> list[str]:
    problems = []
    if answer.status is None:
        return [f"no answer within {TIMEOUT}s or connection dropped ({answer.error})"]
    status = answer.status
    if status >= 500:
        problems.append(f"server error {status}")
    elif case.expect == "4xx" and not 400 <= status < 500:
        problems.append(f"status {status}, expected 4xx")
    elif case.expect == "2xx|4xx" and not (200 <= status < 300 or 400 <= status < 500):
        problems.append(f"status {status}, expected 2xx or 4xx")
    elif isinstance(case.expect, int) and status != case.expect:
        problems.append(f"status {status}, expected {case.expect}")
    content_type = answer.headers.get("content-type", "")
    medusa_plain_404 = (case.path.startswith("/store/orders?") and status == 404)
    # Passport's answer to a missing or failed login, as Medusa sends it: a bare 401 whose body is `Unauthorized`.
    medusa_plain_401 = status == 401 and answer.body == b"Unauthorized"
    if case.http_level and 400 <= status < 500 and not answer.body.strip().startswith(b"{"):
        pass  # refused by the HTTP parser before any route (see Case.http_level)
    elif case.page:
        if 400 <= status < 500 and not content_type.startswith("text/plain"):
            problems.append(f"a refused page should be plain text, not {content_type!r}")
        if 200 <= status < 300 and not content_type.startswith("text/javascript"):
            problems.append(f"the element module has content type {content_type!r}")
        if b"evil.example" in answer.body or b"Set-Cookie" in answer.body or "set-cookie" in answer.headers:
            problems.append("the refusal echoes the claimed parent")
    elif 400 <= status < 600 and not medusa_plain_404 and not medusa_plain_401:
        if not content_type.startswith("application/json"):
            problems.append(f"content type {content_type!r}, expected application/json")
        try:
            payload = json.loads(answer.body)
        except ValueError:
            payload = None
            problems.append("body is not JSON")
        if payload is not None:
            if not isinstance(payload, dict):
                problems.append("body is not a JSON object")
            else:
                extra = set(payload) - {"type", "message", "code"}
                if extra:
                    problems.append(f"envelope has keys beyond type/message/code: {sorted(extra)}")
                if not isinstance(payload.get("type"), str) or payload.get("type") not in MEDUSA_TYPES:
                    problems.append(f"envelope type {payload.get('type')!r} is not a Medusa error type")
                if not isinstance(payload.get("message"), str) or not payload.get("message"):
                    problems.append("envelope has no message string")
                if "code" in payload and not isinstance(payload["code"], str):
                    problems.append("envelope code is not a string")
                if (status == 404) != (payload.get("type") == "not_found"):
                    problems.append(f"status {status} with type {payload.get('type')!r} (404 is not_found in Medusa)")
    elif medusa_plain_404 and answer.body != b"Not Found":
        problems.append("GET /store/orders without a match should be Medusa's plain `Not Found`")
    elif 200 <= status < 300 and not content_type.startswith("application/json"):
        problems.append(f"2xx with content type {content_type!r}")
    echoes = card_echoes(answer.body) + card_echoes("\n".join(f"{k}: {v}" for k, v in answer.headers.items()).encode())
    if echoes:
        problems.append("response echoes card data: " + "; ".join(echoes))
    return problems


def short(data: bytes, limit: int = 300) -> str:
    text = data.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + f"...({len(data)} bytes)"


def describe_request(case: Case, path: str, body: bytes | None, headers: dict[str, str]) -> str:
    shown_path = path if len(path) <= 200 else path[:200] + f"...({len(path)} chars)"
    shown_headers = {k: (v if len(v) <= 80 else v[:80] + f"...({len(v)} chars)") for k, v in headers.items()}
    body_text = "(none)" if body is None else short(body, 200)
    return f"{case.method} {shown_path} headers={shown_headers} body={body_text}"


class Fixture:
    """A cart ready for payment: one line, email + address, a shipping method, a payment session."""

    def __init__(self, server: CartBridgeServer, capture: Path):
        self.server = server
        self.capture = capture
        self.values: dict[str, str] = {}
        self.dirty = True

    def ensure(self) -> dict[str, str]:
        if self.dirty:
            self.values = self.build()
            self.dirty = False
        return self.values

    def build(self) -> dict[str, str]:
        shop = storefront_flow.Storefront(self.server.base, self.capture)
        quiet = io.StringIO()
        failed_before = storefront_flow.results["failed"]
        with contextlib.redirect_stdout(quiet):
            cart_id = storefront_flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 1)])
            cart = storefront_flow.choose_shipping(shop, cart_id)
            status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/payment-sessions",
                                        "/store/carts/{id}/payment-sessions")
        if storefront_flow.results["failed"] != failed_before or status != 200:
            raise ServerFailed("could not prepare the fixture cart:\n" + quiet.getvalue() + f"\n{status} {body}")
        session = body["cart"]["payment_session"]
        option = cart["shipping_methods"][0]["shipping_option_id"]
        line = cart["items"][0]
        public_key = session["data"]["public_key"]
        good = storefront_flow.encrypt_card(public_key, PAN)
        return {"cart": cart_id, "line": line["id"], "variant": line["variant_id"], "option": option,
                "provider": session["provider_id"], "kid": public_key["kid"], "jwe": good,
                "public_key": json.dumps(public_key)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the server's temporary folder")
    parser.add_argument("--verbose", action="store_true", help="print every case")
    arguments = parser.parse_args()

    started = time.monotonic()
    counts = {"sent": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, "no answer": 0}
    violations: list[str] = []
    expected_seen: list[str] = []
    fixed: list[str] = []
    restarts = 0
    slowest: list[tuple[float, str]] = []
    server = CartBridgeServer(arguments.binary, keep=arguments.keep,
                              extra_env={"CARTBRIDGE_RATE_LIMIT_REQUESTS_PER_MINUTE": "0"})
    try:
        server.start()
        capture = server.work / "fixture-capture.jsonl"
        fixture = Fixture(server, capture)
        values = fixture.ensure()
        cases = all_cases(json.loads(values["public_key"]))
        print(f"bad-input: {len(cases)} cases against {server.base} (server folder {server.work})")
        for case in cases:
            values = fixture.ensure()
            for method, setup_path, setup_body in case.setup:
                send(server.base, method, fill(setup_path, values), encode_body(Case("", "", method, "", setup_body), values),
                     {"Content-Type": "application/json"})
                fixture.dirty = True
            path = fill(case.path, values)
            body = encode_body(case, values)
            headers = dict(case.headers)
            if case.content_type is not None and body is not None:
                headers.setdefault("Content-Type", case.content_type)
            answer = send(server.base, case.method, path, body, headers)
            counts["sent"] += 1
            counts["no answer" if answer.status is None else f"{answer.status // 100}xx"] += 1
            problems = judge(case, answer)
            if answer.status is not None and 200 <= answer.status < 300 and case.method != "GET":
                fixture.dirty = True  # the case changed the cart: the next case gets a fresh one
            if not server.alive():
                problems.append(f"the server died (exit {server.process.returncode}); log tail:\n{server.log_tail(15)}")
            key = (case.group, case.name)
            setup = "".join(f"    after:    {method} {fill(setup_path, values)}\n" for method, setup_path, _ in case.setup)
            line = (f"[{case.group}] {case.name}\n{setup}    request:  {describe_request(case, path, body, headers)}\n"
                    f"    response: {answer.status} {answer.headers.get('content-type', '')} "
                    f"{short(answer.body)} ({answer.seconds:.2f}s)")
            if problems and key in EXPECTED:
                expected_seen.append(f"XFAIL {line}\n    because: {EXPECTED[key]}")
            elif problems:
                violations.append(f"VIOLATION {line}\n    problem:  " + "\n              ".join(problems))
                print(violations[-1], flush=True)
            elif key in EXPECTED:
                fixed.append(f"FIXED (remove from EXPECTED) [{case.group}] {case.name}")
            elif arguments.verbose:
                print(f"ok   [{case.group}] {case.name}: {answer.status} ({answer.seconds:.2f}s)")
            slowest.append((answer.seconds, f"[{case.group}] {case.name}"))
            if not server.alive():
                restarts += 1
                server.stop()
                server.start()
                fixture = Fixture(server, capture)

        # Still alive and still working: a normal checkout step on a fresh cart, and the fixture cart reads.
        values = fixture.ensure()
        shop = storefront_flow.Storefront(server.base, capture)
        with contextlib.redirect_stdout(io.StringIO()):
            status, body, _ = shop.call("GET", f"/store/carts/{values['cart']}", "/store/carts/{id}")
            cart_ok = status == 200 and body["cart"]["id"] == values["cart"]
            pay_status, pay_body = storefront_flow.pay(shop, values["cart"], PAN)
        if not (server.alive() and cart_ok and pay_status == 200):
            violations.append(f"VIOLATION the server no longer serves a normal checkout step: cart {status}, "
                              f"payment {pay_status} {short(json.dumps(pay_body).encode())}")
        else:
            print("after the suite: the server is alive and a normal checkout step (read cart, pay) works")
    except ServerFailed as problem:
        print(f"bad-input: could not run: {problem}")
        server.stop()
        return 2
    except BaseException:
        server.stop()  # never leave a server behind (the traceback still ends the run)
        raise
    exit_code = server.stop()
    if exit_code != 0:
        violations.append(f"VIOLATION serve did not stop cleanly on SIGTERM (exit {exit_code})")
    leaks = []
    for path in server.data_files():
        if path.name == "fixture-capture.jsonl":
            continue
        _, hits = scanner.scan_file(path, CARD_MATCHERS)
        leaks += [f"{path.name} @ {hit.offset}: {hit.what} [{hit.form}]" for hit in hits]
    if leaks:
        violations.append("VIOLATION card data in the server's log or database after the suite: " + "; ".join(leaks[:20]))
        print(violations[-1])
    else:
        print(f"card data in the server's files ({len(server.data_files())} files): none")
    server.cleanup()

    print("slowest requests: " + "; ".join(f"{name} {seconds:.1f}s" for seconds, name in sorted(slowest)[-5:]))
    for line in expected_seen:
        print(line)
    for line in fixed:
        print(line)
    elapsed = time.monotonic() - started
    print(f"\nrequests sent: {counts['sent']}; by status: 2xx {counts['2xx']}, 3xx {counts['3xx']}, 4xx {counts['4xx']}, "
          f"5xx {counts['5xx']}, no answer {counts['no answer']}; server restarts after a crash: {restarts}; "
          f"expected failures: {len(expected_seen)}; {elapsed:.0f}s")
    print(f"bad-input: {counts['sent'] - len([v for v in violations if v.startswith('VIOLATION [')])} passed, "
          f"{len(violations)} failed")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
