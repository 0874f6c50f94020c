#!/usr/bin/env python3
"""Writes a SQLite store made by a real `cartbridge serve`, with carts in every state, for the tests that
prove a newer build still reads and completes what an older one stored (Tests/Fixtures/store-v1/).

The fixture committed was made by revision f7090e3 (the last release before stored carts got a
`schema_version`); running this script with a newer binary writes that binary's format instead, which is what a
fixture for the *next* format change would need.

Usage: scripts/make-store-fixture.py path/to/cartbridge OUTPUT_FOLDER
Writes OUTPUT_FOLDER/cartbridge.sql (the database as SQL text, JSON documents readable, so git holds no binary
state; the tests rebuild the file from it) and OUTPUT_FOLDER/manifest.json (which cart is in which state, with the
ids and times a test needs). Card rows are left out with the server's key, which is not kept: a private key stays
out of git, and the tests put test cards back under a key of their own.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cartbridge_server import CartBridgeServer, storefront_flow as flow  # noqa: E402


def sql_text(database: Path) -> str:
    """The database as a SQL script without its card rows, blobs written as text (they hold JSON)."""
    with sqlite3.connect(database) as source:
        lines = [line for line in source.iterdump() if not line.startswith('INSERT INTO "payment_cards"')]
    as_text = lambda match: "CAST('" + bytes.fromhex(match.group(1)).decode().replace("'", "''") + "' AS BLOB)"  # noqa: E731
    return "\n".join(re.sub(r"X'([0-9A-Fa-f]+)'", as_text, line) for line in lines) + "\n"


def main() -> int:
    binary, output = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    capture = Path(tempfile.mkdtemp()) / "capture.jsonl"
    manifest: dict = {"made_by": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                                 text=True).stdout.strip(),
                      "made_at_ms": int(time.time() * 1000), "carts": {}}
    with CartBridgeServer(binary, keep=True) as server:
        shop = flow.Storefront(server.base, capture)
        carts = manifest["carts"]

        status, body, _ = shop.call("POST", "/store/carts", "/store/carts", {})
        carts["empty"] = {"id": body["cart"]["id"]}

        status, body, _ = shop.call("POST", "/store/carts", "/store/carts", {})
        cart_id = body["cart"]["id"]
        vid = flow.variant_id(shop, "radiant-tee", "WS12-XS-Orange")
        status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/line-items", "/store/carts/{id}/line-items",
                                    {"variant_id": vid, "quantity": 2})
        carts["items"] = {"id": cart_id, "total": body["cart"]["total"]}

        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 1)])
        carts["addressed"] = {"id": cart_id}

        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-M-Blue", 1)])
        cart = flow.choose_shipping(shop, cart_id)
        carts["shipping_chosen"] = {"id": cart_id, "total": cart["total"]}

        # Ready to complete: discount, shipping, a card encrypted to our key.
        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 2)])
        flow.choose_shipping(shop, cart_id)
        shop.call("POST", f"/store/carts/{cart_id}", "/store/carts/{id}", {"discounts": [{"code": "SAVE10"}]})
        status, body = flow.pay(shop, cart_id, flow.GOOD_CARD)
        carts["ready_to_complete"] = {"id": cart_id, "total": body["cart"]["total"],
                                      "discounts": [d["code"] for d in body["cart"]["discounts"]]}

        # Two merchants, addons chosen, card set.
        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-M-Blue", 1), ("harbor-sofa", "FN100-Oat", 1)])
        status, body, _ = shop.call("GET", f"/store/carts/{cart_id}", "/store/carts/{id}")
        offers = [o for m in body["cart"]["metadata"]["cartbridge"]["merchants"] for o in m.get("addon_offers", [])]
        required = [o for o in offers if o.get("required")]
        flow.choose_shipping(shop, cart_id)
        shop.call("POST", f"/store/carts/{cart_id}/addons", "/store/carts/{id}/addons",
                  {"select": [{"addon_id": required[0]["choices"][1]["addon_id"]}]})
        status, body = flow.pay(shop, cart_id, flow.GOOD_CARD)
        carts["two_merchants_ready"] = {"id": cart_id, "total": body["cart"]["total"],
                                        "items": len(body["cart"]["items"])}

        # Completed: an order and a finished idempotency record.
        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 1)])
        flow.choose_shipping(shop, cart_id)
        flow.pay(shop, cart_id, flow.GOOD_CARD)
        status, body, _ = flow.complete(shop, cart_id, "fixture-complete-1")
        assert status == 200 and body["type"] == "order", (status, body)
        carts["completed"] = {"id": cart_id, "order_id": body["data"]["id"], "display_id": body["data"]["display_id"],
                              "external_id": body["data"]["external_id"], "total": body["data"]["total"],
                              "idempotency_key": "fixture-complete-1"}

        # Declined once: the decline is recorded on the cart, its card deleted.
        cart_id = flow.prepare_cart(shop, [("radiant-tee", "WS12-XS-Orange", 1)])
        flow.choose_shipping(shop, cart_id)
        flow.pay(shop, cart_id, flow.DECLINE_CARD)
        status, body, _ = flow.complete(shop, cart_id, "fixture-decline-1")
        assert status == 422, (status, body)
        carts["declined"] = {"id": cart_id, "idempotency_key": "fixture-decline-1"}

        server.stop()
        if flow.results["failed"]:
            print(f"{flow.results['failed']} checks failed while making the fixture")
            return 1
        output.mkdir(parents=True, exist_ok=True)
        (output / "cartbridge.sql").write_text(sql_text(server.work / "cartbridge.sqlite"))
        (output / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        server.cleanup()
    print(f"fixture written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
