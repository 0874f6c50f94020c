#!/usr/bin/env python3
"""Fuzz a real `cartbridge serve` with schemathesis, driven by Medusa's v1 Store OpenAPI spec.

Usage: scripts/fuzz-schemathesis.py path/to/cartbridge [--max-examples N] [--seed S] [--workers W]
                                    [--report-dir DIR] [--spec PATH] [--keep] [--no-spec-fixes]

1. Starts the server (scripts/cartbridge_server.py: free port, throwaway working directory, rate limit off
   so that fuzzing the card routes is not turned into 429s).
2. Makes real data for the cart-scoped routes with acceptance/storefront_flow.py's helpers: READY_CARTS
   carts ready to pay (two merchants, shipping methods, payment session), a cart with only an item, an
   empty cart, and a completed one (with its order). Their ids, line ids, shipping option ids,
   variant/product ids, the provider id, promo codes and a valid card JWE go into schemathesis
   dictionaries bound to the matching path parameters, query parameters and body fields (written to a
   schemathesis.toml; a bound value is used with probability 0.8 where the generated case is positive),
   and real ids become the path parameters' `example` in the spec copy (examples and coverage phases).
3. Writes a copy of Medusa's spec (shared/medusa-store-v1-oas/openapi.full.yaml) with validate-oas.py's
   corrections and the quirks below applied, restricted to the routes CartBridge serves. The route list
   is read from Sources/BridgeServer/Routes/*.swift (so a new route is fuzzed once the spec has it);
   served routes the spec lacks (the CartBridge addons extension, the deprecated complete-cart alias) and
   spec routes CartBridge does not serve are printed.
4. Runs `schemathesis run` (version pinned in scripts/requirements-ci.txt) with the checks
   not_a_server_error, response_schema_conformance, content_type_conformance and
   negative_data_rejection (set in the config file, so that per-operation exceptions apply), phases
   examples, coverage and fuzzing, a fixed seed, one worker and --max-examples per operation (no
   --max-time by default: with it, schemathesis repeats fuzzing until the time is spent), then prints:
   operations tested, test cases generated, requests sent and their status classes (from the HAR report),
   5xx responses (each unexpected one with its request), and the failures per check and operation.
5. Scans the server's log and SQLite files for the test cards (scripts/card-data-scan.py's matchers).
Exit status: 1 on any unexpected 5xx, any other failed check, a schemathesis error, a server that died or
did not stop cleanly, or card data in its files; 2 when the run could not start.
--no-spec-fixes runs against the spec as written; it shows the corrections matter (on 2026-11-22, with
--max-examples 3: 30 response-schema failures, ST108, in 22 operations, plus Q1's and Q3's failures; with
them: none).

Spec quirks. As validate-oas.py does, the copy is corrected in memory (apply_quirks); each with its evidence:
  Q1. Optional request fields accept null. Medusa validates bodies with class-validator, whose
      @IsOptional() skips every other validator when the value is null or undefined, so
      `{"country_code": null}` is a valid POST /store/carts body; the spec types it `string` only.
      Every non-required property of a request body schema is made `nullable`.
  Q2. `quantity` is an integer. The spec says `number`; Medusa's StorePostCartsCartLineItemsReq,
      StorePostCartsCartLineItemsItemReq and StorePostCartReq.items use @IsInt() (shared/reference/
      medusa-store-v1.md: "quantity int (req)"), so 1.5 is refused, as CartBridge does.
  Q3. `GET /store/orders` without a match answers 404 with the plain text body `Not Found`
      (Medusa's `res.sendStatus(404)`; shared/reference/medusa-store-v1.md §1 orders and §errors), not the
      JSON envelope the spec declares for every 404.
  Q4. `negative_data_rejection` is off for the list routes' query strings (NEGATIVE_EXCLUDED): the spec
      declares filters (created_at/updated_at comparisons, is_giftcard, inventory_quantity, tags, ...)
      that CartBridge does not implement and ignores, so a malformed one is answered 200. Medusa would
      validate some of them (a known, reported deviation, not a crash). Bodies and path ids keep the check.
  Q5. `POST /store/customers/password-reset` with a bad or expired token answers 401 with Medusa's JSON
      envelope (`{"type":"unauthorized","message":"Invalid or expired password reset token"}`, thrown by the
      customer service; docs/research/medusa-v1-routes.md §6), not the plain text the spec declares for every
      401 (which is passport's answer to a missing login, and what CartBridge sends for that).
Every 5xx fails the run: a storefront's bad input must never be a server error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cartbridge_server import ROOT, CartBridgeServer, ServerFailed, _load_validate_oas, storefront_flow  # noqa: E402

validate_oas = _load_validate_oas()
DEFAULT_SPEC = ROOT.parent / "shared" / "medusa-store-v1-oas" / "openapi.full.yaml"
ROUTES_DIR = ROOT / "Sources" / "BridgeServer" / "Routes"
CHECKS = ["not_a_server_error", "response_schema_conformance", "content_type_conformance", "negative_data_rejection"]
NEGATIVE_EXCLUDED = {
    "/store/products": "list filters CartBridge ignores (Q4)", "/store/variants": "list filters CartBridge ignores (Q4)",
    "/store/regions": "list filters CartBridge ignores (Q4)",
    "/store/orders": "fields/expand/shipping_address are ignored (Q4)",
    "/store/product-tags": "list filters CartBridge ignores (Q4)",
    "/store/product-types": "list filters CartBridge ignores (Q4)",
    "/store/shipping-options": "product_ids/region_id/is_return are ignored: there are no options without a cart (Q4)",
}


# --- routes ---------------------------------------------------------------------------------------------

def served_routes() -> set[tuple[str, str]]:
    """(method, /store/path) of every route registered in Sources/BridgeServer/Routes/*.swift."""
    routes = set()
    pattern = re.compile(r'store\.(json|cart|on|idempotent|notOffered|notFound)\(\s*(?:\.(get|post|delete|put|patch)\s*,\s*)?"([^"]+)"'
                         r'(?:\s*,\s*method:\s*\.(\w+))?')
    loop = re.compile(r'for\s+\w+\s+in\s+\[([^\]]*)\]\s*\{\s*store\.idempotent\(')
    for source in sorted(ROUTES_DIR.glob("*.swift")):
        text = source.read_text()
        for kind, method, path, method_argument in pattern.findall(text):
            routes.add(((method or method_argument or ("post" if kind == "idempotent" else "")).lower(), "/store/" + path))
        for literals in loop.findall(text):
            routes.update(("post", "/store/" + path) for path in re.findall(r'"([^"]+)"', literals))
    if len(routes) < 20 or any(not method for method, _ in routes):
        raise SystemExit(f"could not read the routes from {ROUTES_DIR} (found {sorted(routes)}); update served_routes()")
    return routes


def filtered_spec(spec_path: Path, routes: set[tuple[str, str]], fixes: bool = True) -> tuple[dict, list[str], list[str]]:
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    if fixes:
        validate_oas.apply_spec_fixes(spec)
        apply_quirks(spec)
    kept, not_in_spec, not_served = {}, [], []
    for method, path in sorted(routes, key=lambda route: (route[1], route[0])):
        operation = spec["paths"].get(path, {}).get(method)
        if operation is None:
            not_in_spec.append(f"{method.upper()} {path}")
            continue
        kept.setdefault(path, {})[method] = operation
        for key in ("parameters", "summary", "description", "servers"):
            if key in spec["paths"][path] and key not in kept[path]:
                kept[path][key] = spec["paths"][path][key]
    for path, item in spec["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item and (method, path) not in routes and path.startswith("/store"):
                not_served.append(f"{method.upper()} {path}")
    spec["paths"] = kept
    spec.pop("security", None)
    spec["servers"] = [{"url": "/"}]
    return spec, not_in_spec, not_served


def apply_quirks(spec: dict) -> None:
    """Spec corrections beyond validate-oas.py's, each documented in the module docstring."""
    schemas = spec["components"]["schemas"]

    def resolve(node):
        while isinstance(node, dict) and "$ref" in node:
            node = schemas[node["$ref"].rsplit("/", 1)[-1]]
        return node

    # Q1: every request body schema, followed through $ref, anyOf/oneOf/allOf and array items.
    seen: set[int] = set()

    def optional_nullable(node) -> None:
        node = resolve(node)
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            if name not in required and isinstance(prop, dict):
                if "$ref" in prop:
                    optional_nullable(prop)
                    node["properties"][name] = {"anyOf": [prop, {"enum": [None]}]}
                else:
                    prop["nullable"] = True
                    optional_nullable(prop)
            else:
                optional_nullable(prop)
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key, []):
                optional_nullable(branch)
        if "items" in node:
            optional_nullable(node["items"])

    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                optional_nullable(operation["requestBody"]["content"]["application/json"]["schema"])

    # Q2
    schemas["StorePostCartsCartLineItemsReq"]["properties"]["quantity"]["type"] = "integer"
    schemas["StorePostCartsCartLineItemsItemReq"]["properties"]["quantity"]["type"] = "integer"
    resolve(schemas["StorePostCartReq"]["properties"]["items"]["items"])["properties"]["quantity"]["type"] = "integer"

    # Q3
    spec["paths"]["/store/orders"]["get"]["responses"]["404"] = {
        "description": "No order matches (Medusa: res.sendStatus(404))",
        "content": {"text/plain": {"schema": {"type": "string", "enum": ["Not Found"]}}}}

    # Q5
    spec["paths"]["/store/customers/password-reset"]["post"]["responses"]["401"] = {
        "description": "Invalid or expired password reset token (Medusa's JSON envelope)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


# --- data for the cart-scoped routes --------------------------------------------------------------------

def make_fixtures(base: str, capture: Path) -> dict[str, list]:
    shop = storefront_flow.Storefront(base, capture)
    out = io.StringIO()
    failed_before = storefront_flow.results["failed"]
    with contextlib.redirect_stdout(out):
        # Several carts ready to pay (fuzzing deletes lines and sessions at random, so spares keep the routes
        # reachable): two merchants, a shipping method per profile, a payment session.
        ready_ids, ready_items = [], []
        for _ in range(READY_CARTS):
            ready = storefront_flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 1), ("harbor-sofa", "FN100-Oat", 1)])
            ready_cart = storefront_flow.choose_shipping(shop, ready)
            status, body, _ = shop.call("POST", f"/store/carts/{ready}/payment-sessions", "/store/carts/{id}/payment-sessions")
            public_key = body["cart"]["payment_session"]["data"]["public_key"]
            ready_ids.append(ready)
            ready_items += [item["id"] for item in ready_cart["items"]]

        items_only = shop.call("POST", "/store/carts", "/store/carts", {})[1]["cart"]["id"]
        variant = ready_cart["items"][0]["variant_id"]
        items_cart = shop.call("POST", f"/store/carts/{items_only}/line-items", "/store/carts/{id}/line-items",
                               {"variant_id": variant, "quantity": 2})[1]["cart"]
        empty = shop.call("POST", "/store/carts", "/store/carts", {})[1]["cart"]["id"]

        done = storefront_flow.prepare_cart(shop, [("radiant-tee", "WS12-M-Blue", 1)])
        storefront_flow.choose_shipping(shop, done)
        storefront_flow.pay(shop, done, storefront_flow.GOOD_CARD)
        status, completed, _ = storefront_flow.complete(shop, done, "fuzz-fixture-1")
        products = shop.call("GET", "/store/products?limit=100", "/store/products")[1]["products"]
        # A logged-in customer, so the account routes are fuzzed past their login check.
        shop.call("POST", "/store/customers", "/store/customers", {
            "email": "fuzz@example.com", "password": "fuzzing-password", "first_name": "Fuzz", "last_name": "Er"})
        token = shop.call("POST", "/store/auth/token", "/store/auth/token",
                          {"email": "fuzz@example.com", "password": "fuzzing-password"})[1]["access_token"]
        customer = shop.call("POST", "/store/customers/me/addresses", "/store/customers/me/addresses",
                             {"address": storefront_flow.ADDRESS}, headers={"authorization": f"Bearer {token}"})[1]
        options = shop.call("GET", f"/store/shipping-options/{ready}", "/store/shipping-options/{cart_id}")[1]
    if storefront_flow.results["failed"] != failed_before or status != 200 or completed.get("type") != "order":
        raise ServerFailed("could not prepare the fuzzing fixtures:\n" + out.getvalue())
    order = completed["data"]
    variants = [variant["id"] for product in products for variant in product["variants"]]
    return {
        "cart_ids": ready_ids + [items_only, empty, done, "cart_01HZZZZZZZZZZZZZZZZZZZZZZZ"],
        "line_ids": sorted(set(ready_items + [item["id"] for item in items_cart["items"]])) + ["item_missing"],
        "option_ids": [option["id"] for option in options["shipping_options"]],
        "variant_ids": variants[:40],
        "product_ids": [product["id"] for product in products][:40],
        "handles": [product["handle"] for product in products][:40],
        "order_ids": [order["id"], "order_missing"],
        "display_ids": [order["display_id"]],
        "bearer": token,
        "address_ids": [address["id"] for address in customer["customer"]["shipping_addresses"]] + ["addr_missing"],
        "emails": ["ada@example.com"],
        "provider_ids": ["cartbridge"],
        "codes": ["SAVE10", "FREESHIP", "TAKE20", "SUMMER2020"],
        "region_ids": ["reg_cartbridge_us"],
        "country_codes": ["us"],
        "jwe": [storefront_flow.encrypt_card(public_key, storefront_flow.SECOND_CARD)],
    }


# Which dictionary feeds which parameter, per operation path regex.
BINDINGS = [
    (r"^/store/carts/\{id\}", {"path.id": "cart_ids"}),
    (r"^/store/carts/\{id\}/line-items/\{line_id\}$", {"path.line_id": "line_ids"}),
    (r"^/store/carts/\{id\}/payment-sessions/\{provider_id\}", {"path.provider_id": "provider_ids"}),
    (r"^/store/carts/\{id\}/discounts/\{code\}$", {"path.code": "codes"}),
    (r"^/store/shipping-options/\{cart_id\}$", {"path.cart_id": "cart_ids"}),
    (r"^/store/orders/cart/\{cart_id\}$", {"path.cart_id": "cart_ids"}),
    (r"^/store/orders/\{id\}$", {"path.id": "order_ids"}),
    (r"^/store/customers/me/addresses/\{address_id\}$", {"path.address_id": "address_ids"}),
    (r"^/store/orders$", {"query.display_id": "display_ids", "query.email": "emails"}),
    (r"^/store/products/\{id\}$", {"path.id": "product_ids"}),
    (r"^/store/variants/\{id\}$", {"path.id": "variant_ids"}),
    (r"^/store/regions/\{id\}$", {"path.id": "region_ids"}),
    (r"^/store/products$", {"query.handle": "handles"}),
    (r"^/store/carts/\{id\}/line-items$", {"body.variant_id": "variant_ids"}),
    (r"^/store/carts$", {"body.region_id": "region_ids", "body.country_code": "country_codes",
                         "body.items[*].variant_id": "variant_ids"}),
    (r"^/store/carts/\{id\}$", {"body.region_id": "region_ids", "body.country_code": "country_codes",
                                "body.discounts[*].code": "codes", "body.email": "emails"}),
    (r"^/store/carts/\{id\}/shipping-methods$", {"body.option_id": "option_ids"}),
    (r"^/store/carts/\{id\}/payment-session$", {"body.provider_id": "provider_ids"}),
    (r"^/store/carts/\{id\}/payment-sessions/\{provider_id\}$", {"body.data.encrypted_card": "jwe"}),
]
PROBABILITY = 0.8
READY_CARTS = 4


def toml_string(value) -> str:
    return json.dumps(value, ensure_ascii=True)  # a JSON string or number is a TOML basic string / number


def write_config(path: Path, fixtures: dict[str, list], operations: list[str]) -> None:
    lines = ["# written by scripts/fuzz-schemathesis.py", "",
             # In the file, not on the command line: CLI --checks would override the per-operation settings below.
             "[checks]", "enabled = false"] + [f"{name}.enabled = true" for name in CHECKS] + [""]
    for name, values in fixtures.items():
        lines += [f"[dictionaries.{name}]", "values = [" + ", ".join(toml_string(v) for v in values) + "]", ""]
    # One [[operations]] block per concrete path with every binding that applies to it (separate blocks
    # matching the same operation would not combine).
    merged: dict[str, dict[str, str]] = {}
    for operation in operations:
        for regex, bindings in BINDINGS:
            if re.search(regex, operation):
                merged.setdefault(operation, {}).update(bindings)
    for operation in sorted(set(merged) | set(NEGATIVE_EXCLUDED)):
        block = ["[[operations]]", f"include-path = {toml_string(operation)}"]
        if operation in merged:
            parameters = ", ".join(f'"{key}" = {{ dictionary = "{name}", probability = {PROBABILITY} }}'
                                   for key, name in merged[operation].items())
            block.append(f"parameters = {{ {parameters} }}")
        if operation in NEGATIVE_EXCLUDED:
            block.append("checks = { negative_data_rejection = { enabled = false } }")
        lines += block + [""]
    path.write_text("\n".join(lines))


def add_examples(spec: dict, fixtures: dict[str, list]) -> None:
    """Real ids as parameter examples, so the examples and coverage phases reach past the 404."""
    first = {"id": None, "line_id": fixtures["line_ids"][0], "provider_id": "cartbridge", "code": "SAVE10",
             "cart_id": fixtures["cart_ids"][0]}
    per_path_id = [(r"^/store/carts/", fixtures["cart_ids"][0]), (r"^/store/orders/\{id\}", fixtures["order_ids"][0]),
                   (r"^/store/products/", fixtures["product_ids"][0]), (r"^/store/variants/", fixtures["variant_ids"][0]),
                   (r"^/store/regions/", "reg_cartbridge_us")]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or method not in ("get", "post", "delete"):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "path":
                    continue
                value = first.get(parameter["name"])
                if parameter["name"] == "id":
                    value = next((v for regex, v in per_path_id if re.search(regex, path)), None)
                if value is not None:
                    parameter["example"] = value


def _load_card_scanner():
    import importlib.util
    spec = importlib.util.spec_from_file_location("card_data_scan", ROOT / "scripts" / "card-data-scan.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["card_data_scan"] = module
    spec.loader.exec_module(module)
    return module


# --- running and reporting ------------------------------------------------------------------------------

def summarise(report_dir: Path, exit_code: int) -> int:
    document = json.loads((report_dir / "report.json").read_text())
    har = json.loads((report_dir / "report.har").read_text())
    entries = har["log"]["entries"]
    statuses: dict[str, int] = {}
    server_errors: list[str] = []
    for entry in entries:
        status = entry["response"]["status"]
        key = f"{status // 100}xx" if status else "none"
        statuses[key] = statuses.get(key, 0) + 1
        if status >= 500:
            request = entry["request"]
            body = request.get("postData", {}).get("text", "")
            text = entry["response"].get("content", {}).get("text", "")
            line = (f"{request['method']} {request['url']} content-type={_header(request, 'content-type')!r} "
                    f"body={body[:300]!r} -> {status} {text[:300]!r}")
            server_errors.append(line)
    operations = document.get("operations") or {}
    cases = document["test_cases"]
    print("\n==== fuzz-schemathesis summary ====")
    print(f"operations tested: {operations.get('tested')} of {operations.get('selected')} selected "
          f"({operations.get('errored')} errored, {operations.get('skipped')} skipped)")
    print(f"test cases generated: {cases['generated']}; requests sent: {len(entries)}; by status: "
          + ", ".join(f"{key} {value}" for key, value in sorted(statuses.items())))
    print(f"5xx responses: {len(server_errors)} [{len(set(server_errors))} distinct requests]")
    for line in sorted(set(server_errors))[:20]:
        print("  UNEXPECTED 5xx: " + line)
    # Failures other than 5xx come from report.json; 5xx are judged above from the HAR (every request).
    failures = [group for group in document["failures"] if group["code"] != "ST101"]
    schema_failures = [group for group in failures if group["code"] in ("ST108", "ST109", "ST110")]
    print(f"schema conformance failures (ST108-ST110): {sum(group['count'] for group in schema_failures)}")
    for group in failures:
        print(f"  FAILURE {group['code']} {group['title']}: {group['count']}x in {', '.join(group['operations'])}")
    for error in document["errors"]:
        print(f"  ERROR {error['title']}: {error['count']}x")
    print(f"running time: {document.get('running_time')}s; schemathesis exit code {exit_code} "
          "(the verdict below is this script's, from the report)")
    problems = len(set(server_errors)) + sum(group["count"] for group in failures) + len(document["errors"])
    if not entries:
        problems += 1
        print("  FAILURE no request was sent")
    print(f"fuzz-schemathesis: {max(cases['generated'] - problems, 0)} passed, {problems} failed")
    return 1 if problems else 0


def _header(request: dict, name: str) -> str:
    return next((h["value"] for h in request.get("headers", []) if h["name"].lower() == name), "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", type=Path)
    parser.add_argument("--max-examples", type=int, default=25, help="per operation and phase (default %(default)s)")
    parser.add_argument("--seed", type=int, default=20260101, help="schemathesis seed (default %(default)s)")
    # One worker: with two, hypothesis' lambda descriptions call ast.parse from two threads, which CPython
    # 3.11 does not survive ("AST constructor recursion depth mismatch", a spurious schemathesis error).
    parser.add_argument("--workers", default="1", help="concurrent workers (default %(default)s)")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--report-dir", type=Path, help="keep schemathesis' reports here (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the server's temporary folder")
    parser.add_argument("--no-spec-fixes", action="store_true",
                        help="use the spec as written (no validate-oas.py corrections, no quirks): shows what they fix")
    parser.add_argument("--max-time", type=int, help="schemathesis --max-time (note: it makes fuzzing repeat "
                        "until the time is spent); default none, --max-examples bounds the run")
    arguments = parser.parse_args()

    routes = served_routes()
    spec, not_in_spec, not_served = filtered_spec(arguments.spec, routes, fixes=not arguments.no_spec_fixes)
    print(f"routes served (from {ROUTES_DIR.relative_to(ROOT)}): {len(routes)}; fuzzed (in the spec): "
          f"{sum(len([m for m in item if m in ('get', 'post', 'delete')]) for item in spec['paths'].values())}")
    print("  served but not in Medusa's spec (not fuzzed): " + ", ".join(not_in_spec))
    print("  in the spec but not served (excluded): " + ", ".join(not_served))

    work = Path(tempfile.mkdtemp(prefix="cartbridge-fuzz-"))
    report_dir = (arguments.report_dir or work / "reports").resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    server = CartBridgeServer(arguments.binary, keep=arguments.keep,
                              extra_env={"CARTBRIDGE_RATE_LIMIT_REQUESTS_PER_MINUTE": "0"})
    try:
        server.start()
        fixtures = make_fixtures(server.base, work / "fixture-capture.jsonl")
        bearer = fixtures.pop("bearer")
        add_examples(spec, fixtures)
        spec_path = work / "medusa-store-v1.cartbridge.json"
        spec_path.write_text(json.dumps(spec))
        config_path = work / "schemathesis.toml"
        write_config(config_path, fixtures, list(spec["paths"]))
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config_path), "run", str(spec_path),
            "--url", server.base, "--phases", "examples,coverage,fuzzing",
            "--max-examples", str(arguments.max_examples), "--seed", str(arguments.seed), "--workers", arguments.workers,
            "--request-timeout", "20", "--continue-on-failure",
            "--suppress-health-check", "all", "--generation-database", "none", "--no-color",
            "--report", "json,har", "--report-dir", str(report_dir),
            "--report-json-path", str(report_dir / "report.json"), "--report-har-path", str(report_dir / "report.har"),
            "--header", f"Authorization: Bearer {bearer}",
        ]
        if arguments.max_time:
            command += ["--max-time", str(arguments.max_time)]
        print("running: " + " ".join(command[2:]))
        started = time.monotonic()
        result = subprocess.run(command, cwd=work, env=dict(os.environ, SCHEMATHESIS_TELEMETRY="false"))
        print(f"schemathesis finished in {time.monotonic() - started:.0f}s")
        alive = server.alive()
    except ServerFailed as problem:
        print(f"fuzz-schemathesis: could not run: {problem}")
        server.stop()
        return 2
    finally:
        exit_code = server.stop()
    code = summarise(report_dir, result.returncode)
    if not alive:
        print(f"FAIL the server died during the run (exit {exit_code}); log tail:\n{server.log_tail(30)}")
        code = 1
    elif exit_code != 0:
        print(f"FAIL serve did not stop cleanly on SIGTERM (exit {exit_code})")
        code = 1
    crashes = [line for line in server.log_text().splitlines() if '"Unexpected error"' in line or "Fatal error" in line]
    for line in crashes[:10]:
        print("server log: " + line[:400])
    # The fixtures paid with real test cards (as JWEs): nothing of them may be in the log or the database.
    scanner = _load_card_scanner()
    matchers = scanner.build_matchers(*scanner.load_cards(ROOT / "scripts" / "test-cards.json"))
    leaks = [f"{path.name} @ {hit.offset}: {hit.what} [{hit.form}]" for path in server.data_files()
             for hit in scanner.scan_file(path, matchers)[1]]
    print(f"card data in the server's files ({len(server.data_files())} files): {'; '.join(leaks[:10]) or 'none'}")
    if leaks:
        code = 1
    server.cleanup()
    if code == 0 and not arguments.keep and arguments.report_dir is None:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"reports: {report_dir}")
    return code


if __name__ == "__main__":
    sys.exit(main())
