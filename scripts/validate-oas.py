#!/usr/bin/env python3
"""Validate captured Medusa Store API responses against the Medusa v1 OpenAPI spec.

Usage: python3 scripts/validate-oas.py CAPTURE.jsonl [--spec PATH] [--no-spec-fixes]

Each line of CAPTURE.jsonl is one response:
    {"method": "GET", "path": "/store/carts/cart_01...", "route": "/store/carts/{id}",
     "status": 200, "body": {...}}

The operation is found by `route` and `method`; `body` is validated against that operation's
response schema for `status` (falling back to `default`). Responses the spec does not describe
as JSON (an undeclared status, a route outside the spec such as CartBridge's own
`/store/carts/{id}/addons`, a text body) are reported as unchecked and counted as skipped.

Prints one line per failure, then `N passed, M failed` (plus `, K skipped`). Exits 1 on any
failure, 2 on a usage error.

Spec fixes. The bundled spec disagrees with the server it documents in a few places; unless
--no-spec-fixes is given, these are corrected in memory before validating:
  1. `$ref` with a sibling `nullable: true` (e.g. Cart.billing_address) becomes
     `anyOf: [$ref, null]`. OAS 3.0 ignores siblings of `$ref`, so as written these relations
     could never be null, yet Medusa sends null for every unloaded or empty relation.
  2. Country `id` and `num_code` are integers, as in Medusa's model; the spec says strings.
  3. The error envelope requires `type` and `message`, and MultipleErrors requires `errors`.
     Without that, every 400 body matches both branches of the 400 response's `oneOf`.
  4. The error `code` enum gains `insufficient_inventory` and `cart_incompatible_state`, codes
     Medusa's handler passes through from thrown errors.
  5. CartBridge's own thrown codes, passed through the same way: `rate_limited` (429 on declines),
     `unknown_card_key` (the card element re-encrypts to the session's key) and the card and JWE
     checks' `card_*` and `jwe_*` codes (the element points at the field).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator

import yaml
from jsonschema.exceptions import ValidationError, relevance
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:medusa-store-v1:openapi"
DEFAULT_SPEC = Path(__file__).resolve().parent.parent / ".." / "shared" / "medusa-store-v1-oas" / "openapi.full.yaml"
ERRORS_SHOWN = 3
MESSAGE_LIMIT = 240


def apply_spec_fixes(spec: dict[str, Any]) -> None:
    """Correct the spec in place; see the module docstring for why each fix is needed."""

    def nullable_refs(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.values():
                nullable_refs(value)
            if "$ref" in node and node.get("nullable") is True:
                ref = node.pop("$ref")
                node.pop("nullable")
                node["anyOf"] = [{"$ref": ref}, {"enum": [None]}]
        elif isinstance(node, list):
            for value in node:
                nullable_refs(value)

    nullable_refs(spec)
    schemas = spec["components"]["schemas"]
    for key in ("id", "num_code"):
        schemas["Country"]["properties"][key]["type"] = "integer"
    schemas["Error"]["required"] = ["type", "message"]
    schemas["MultipleErrors"]["required"] = ["errors"]
    schemas["Error"]["properties"]["code"]["enum"] += ["insufficient_inventory", "cart_incompatible_state"]
    medusa_codes = schemas["Error"]["properties"]["code"].pop("enum")
    schemas["Error"]["properties"]["code"]["anyOf"] = [
        {"enum": medusa_codes + ["rate_limited", "unknown_card_key"]}, {"pattern": "^(card|jwe)_[a-z_]+$"}]


class SpecValidator:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        resource = Resource.from_contents(spec, default_specification=DRAFT4)
        self.registry = Registry().with_resource(SPEC_URI, resource)

    def validator(self, pointer: str) -> OAS30Validator:
        return OAS30Validator(
            {"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry, format_checker=oas30_format_checker
        )

    def response_schema_pointer(self, route: str, method: str, status: int) -> tuple[str | None, str]:
        """The JSON pointer of the response body schema, or None and the reason it is unchecked."""
        operation = self.spec["paths"].get(route, {}).get(method.lower())
        if operation is None:
            return None, "route not in the spec"
        responses = operation.get("responses", {})
        key = str(status) if str(status) in responses else "default" if "default" in responses else None
        if key is None:
            return None, f"status {status} not declared"
        pointer = f"/paths/{escape(route)}/{method.lower()}/responses/{key}"
        response = responses[key]
        if "$ref" in response:
            pointer = response["$ref"].removeprefix("#")
            response = self.resolve(pointer)
        if "schema" not in response.get("content", {}).get("application/json", {}):
            return None, f"status {status} has no JSON body in the spec"
        return f"{pointer}/content/application~1json/schema", ""

    def resolve(self, pointer: str) -> Any:
        node: Any = self.spec
        for part in pointer.strip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, pointer: str, body: Any) -> list[ValidationError]:
        errors = sorted(self.validator(pointer).iter_errors(body), key=relevance, reverse=True)
        return errors + self.completion_branch_errors(pointer, body)

    def completion_branch_errors(self, pointer: str, body: Any) -> list[ValidationError]:
        """StoreCompleteCartRes says `data` is oneOf Order, Cart or Swap. The `oneOf` alone would
        accept an Order under `type: "cart"`, so `data` is also checked against the branch its
        `type` names. (The `oneOf` itself still rejects data matching two branches.)"""
        if not self.resolve(pointer).get("$ref", "").endswith("/StoreCompleteCartRes"):
            return []
        if not isinstance(body, dict):
            return []
        branch = {"order": "Order", "cart": "Cart", "swap": "Swap"}.get(body.get("type"))
        if branch is None:
            return []
        found = list(self.validator(f"/components/schemas/{branch}").iter_errors(body.get("data")))
        for error in found:
            error.message = f"data is not a valid {branch} although type is {body['type']!r}: {error.message}"
            error.path.appendleft("data")
        return found


def escape(route: str) -> str:
    return route.replace("~", "~0").replace("/", "~1")


def describe(error: ValidationError) -> str:
    """`$.json.path: message`, descending into the closest branch of a failed oneOf/anyOf."""
    while error.context:
        error = sorted(error.context, key=relevance, reverse=True)[0]
    message = error.message
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT] + "..."
    return f"{error.json_path}: {message}"


def read_capture(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not all(key in record for key in ("method", "route", "status", "body")):
                    raise ValueError("needs method, route, status and body")
                yield number, record, ""
            except ValueError as problem:
                yield number, None, str(problem)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("capture", type=Path, help="JSONL file of captured responses")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="OpenAPI YAML (default: %(default)s)")
    parser.add_argument("--no-spec-fixes", action="store_true", help="validate against the spec exactly as written")
    arguments = parser.parse_args()

    if not arguments.capture.is_file():
        parser.error(f"no such capture file: {arguments.capture}")
    if not arguments.spec.is_file():
        parser.error(f"no such spec: {arguments.spec}")

    with arguments.spec.open(encoding="utf-8") as source:
        spec = yaml.safe_load(source)
    if not arguments.no_spec_fixes:
        apply_spec_fixes(spec)
    validator = SpecValidator(spec)

    passed = failed = skipped = 0
    for number, record, problem in read_capture(arguments.capture):
        if record is None:
            failed += 1
            print(f"FAIL line {number}: unreadable capture line: {problem}")
            continue
        exchange = f"{record['method']} {record['route']} {record['status']}"
        pointer, reason = validator.response_schema_pointer(record["route"], record["method"], record["status"])
        if pointer is None:
            skipped += 1
            print(f"unchecked line {number}: {exchange} ({reason})")
            continue
        errors = validator.errors(pointer, record["body"])
        if errors:
            failed += 1
            details = "; ".join(describe(error) for error in errors[:ERRORS_SHOWN])
            more = f" (+{len(errors) - ERRORS_SHOWN} more)" if len(errors) > ERRORS_SHOWN else ""
            print(f"FAIL line {number}: {exchange} [{record.get('path', '')}]: {details}{more}")
        else:
            passed += 1

    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
