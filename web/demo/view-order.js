// #/order/<id> — the confirmation: one order number per merchant, the items, the totals, the card.
import { get } from "./api.js";
import { add, h } from "./dom.js";
import { formatMoney } from "./money.js";
import { learnMerchant, merchantName } from "./store.js";
import { itemsByMerchant, notFound, totals } from "./ui.js";

const BRANDS = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", discover: "Discover" };

export async function render(main, { id }) {
  let order;
  try {
    ({ order } = await get(`/store/orders/${encodeURIComponent(id)}`));
  } catch (e) {
    if (e.status === 404) return notFound(main, "There is no order with this number.");
    throw e;
  }
  const currency = order.currency_code;
  const merchants = order.metadata?.cartbridge?.merchants ?? [];
  for (const merchant of merchants) learnMerchant(merchant.domain, merchant.merchant_name);
  const payments = order.payments ?? [];
  const paidTo = (domain) => payments.find((p) => p.data?.merchant === domain);
  const cards = [...new Set(payments.filter((p) => p.data?.card_last4)
    .map((p) => `${BRANDS[p.data.card_brand] ?? p.data.card_brand ?? "Card"} •••• ${p.data.card_last4}`))];
  const a = order.shipping_address ?? {};

  add(main, h("div", { class: "confirmation", "data-testid": "order-confirmation", "data-order-id": order.id },
    h("div", { class: "page-head" },
      h("p", { class: "eyebrow" }, `Order #${order.display_id}`),
      h("h1", { tabindex: "-1" }, a.first_name ? `Thank you, ${a.first_name}!` : "Thank you!"),
      h("p", { class: "lede" }, merchants.length > 1
        ? `Your order went to ${merchants.length} merchants. Each one ships and supports its part.`
        : "Your order is placed.", order.email ? ` Receipts go to ${order.email}.` : "")),
    h("div", { class: "confirmation-grid" },
      h("section", { "aria-labelledby": "merchant-orders" },
        h("h2", { id: "merchant-orders" }, merchants.length > 1 ? "Merchant orders" : "Merchant order"),
        h("ul", { class: "merchant-orders" }, merchants.map((m) => {
          const payment = paidTo(m.domain);
          return h("li", { "data-testid": "merchant-order", "data-domain": m.domain },
            h("span", { class: "merchant" }, merchantName(m.domain)),
            h("span", { class: "order-number" }, m.order_number ?? "pending"),
            payment ? h("span", { class: "line-meta" }, `charged ${formatMoney(payment.amount, payment.currency_code ?? currency)}`) : null);
        })),
        h("h2", {}, "Items"),
        itemsByMerchant(order, currency)),
      h("aside", { class: "checkout-summary", "aria-label": "Totals" },
        h("h2", {}, "Totals"),
        totals(order, currency),
        h("h3", {}, "Paid with"),
        h("p", { "data-card": "" }, cards.length ? cards.join(", ") : "Card"),
        h("h3", {}, "Shipping to"),
        h("p", {}, [`${a.first_name ?? ""} ${a.last_name ?? ""}`.trim(), a.address_1, a.city,
          `${a.province ?? ""} ${a.postal_code ?? ""}`.trim(), (a.country_code ?? "").toUpperCase()].filter(Boolean).join(", ")),
        h("a", { class: "button block", href: "#/" }, "Continue shopping")))));
}
