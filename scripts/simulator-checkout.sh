#!/usr/bin/env bash
# The README's curl walk-through, run for real against a freshly started simulator.
# Usage: scripts/simulator-checkout.sh [path/to/cartbridge]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/cartbridge}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SIM=http://127.0.0.1:$PORT
D=apparel.example
WORK=$(mktemp -d)
LOG=$WORK/simulator.log

"$BIN" simulate --port "$PORT" >"$LOG" 2>&1 &
SIM_PID=$!
trap 'kill $SIM_PID 2>/dev/null || true; wait $SIM_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
# Wait for the listener (bounded), not for a fixed time.
for _ in $(seq 1 100); do
    curl -s -o /dev/null "$SIM/api/v1/payment/key" && break
    kill -0 $SIM_PID 2>/dev/null || { cat "$LOG"; echo "simulator exited"; exit 1; }
    sleep 0.1
done

passed=0; failed=0
check() { # name, actual, expected
    if [ "$2" == "$3" ]; then passed=$((passed+1)); echo "ok   $1"; else failed=$((failed+1)); echo "FAIL $1: got '$2', want '$3'"; fi
}

TOKEN=$(curl -s -X POST $SIM/api/v1/browser-session \
  -H 'x-firmly-app-id: 6f1f2c3e-3a43-4d5b-9f5e-1d2a3b4c5d6e' | jq -r .access_token)
check "session token" "$( [ -n "$TOKEN" ] && [ "$TOKEN" != null ] && echo yes)" yes

CART=$(curl -s -X POST $SIM/api/v2/domains/$D/cart/line-items -H "x-firmly-authorization: $TOKEN" \
  -H 'content-type: application/json' -d '{"add_to_cart_ref":{"variant_id":"WS12-XS-Orange"},"quantity":2}')
check "sub total after add" "$(echo "$CART" | jq .sub_total.number)" 4400

CART=$(curl -s -X POST $SIM/api/v2/domains/$D/cart/shipping-info -H "x-firmly-authorization: $TOKEN" \
  -H 'content-type: application/json' \
  -d '{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone":"2065551212",
       "address1":"1 Analytical Way","city":"Seattle","state_or_province":"WA","postal_code":"98101","country":"US"}')
check "totals add up" "$(echo "$CART" | jq '.sub_total.number + .shipping_total.number + .tax_total.number + .addon_total.number - (.cart_discount.number // 0) == .total.number')" true

curl -s $SIM/api/v1/payment/key > "$WORK/merchant-key.json"
CARD=$(echo '{"number":"4111111111111111","name":"Ada Lovelace","verification_value":"123","month":"08","year":"2031"}' \
  | "$BIN" jwe encrypt --jwk "$WORK/merchant-key.json")
check "card is a compact JWE" "$(echo "$CARD" | awk -F. '{print NF}')" 5

ORDER=$(curl -s -X POST $SIM/api/v2/payment/domains/$D/complete-order -H "x-firmly-authorization: $TOKEN" \
  -H 'content-type: application/json' \
  -d "{\"encrypted_card\":\"$CARD\",\"billing_info\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",
       \"email\":\"ada@example.com\",\"phone\":\"2065551212\",\"address1\":\"1 Analytical Way\",\"city\":\"Seattle\",
       \"state_or_province\":\"WA\",\"postal_code\":\"98101\",\"country\":\"US\"}}")
check "order submitted" "$(echo "$ORDER" | jq -r .cart_status)" submitted
NUMBER=$(echo "$ORDER" | jq -r .platform_order_number)
check "payment summary shows the last four only" "$(echo "$ORDER" | jq -r .payment_summary.last_four)" 1111

LEDGER=$(curl -s $SIM/_simulator/orders)
check "ledger holds that one order" "$(echo "$LEDGER" | jq -r '[.orders[].order_number] | join(",")')" "$NUMBER"
check "no PAN in the ledger or the log" "$(cat "$LOG" <(echo "$LEDGER") <(echo "$ORDER") | grep -c 4111111111111111 || true)" 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
