// Pieces the pages share: messages, totals, the order summary, the promo code form.
import { whileBusy } from "./api.js";
import { add, field, h, thumbnail } from "./dom.js";
import { formatMoney } from "./money.js";
import { cartMerchants, isAddonLine, itemDomain, merchantName, updateCart, removeDiscount } from "./store.js";

// Announces a message to screen readers (and shows it briefly in the page's status line).
export function status(message) {
  const region = document.getElementById("status");
  if (region) region.textContent = message;
}

export function showError(el, error) {
  el.textContent = error?.message || String(error);
  el.hidden = false;
}

export function notFound(main, message) {
  add(main, h("div", { class: "page-head" }, h("h1", { tabindex: "-1" }, "Not found"), h("p", {}, message),
    h("p", {}, h("a", { href: "#/" }, "Back to the shop"))));
}

// Subtotal, discount, shipping, tax, total of a cart or an order (Medusa's fields, in minor units).
export function totals(entity, currency) {
  const row = (label, amount, attrs = {}) =>
    h("div", { class: ["totals-row", attrs.class] },
      h("dt", {}, label), h("dd", { "data-total": attrs.key }, amount));
  return h("dl", { class: "totals" },
    row("Subtotal", formatMoney(entity.subtotal, currency), { key: "subtotal" }),
    entity.discount_total
      ? row("Discount", `−${formatMoney(entity.discount_total, currency)}`, { key: "discount", class: "saving" })
      : row("Discount", formatMoney(0, currency), { key: "discount" }),
    row("Shipping", entity.shipping_methods?.length ? formatMoney(entity.shipping_total, currency) : "Not chosen yet", { key: "shipping" }),
    row("Tax", formatMoney(entity.tax_total, currency), { key: "tax" }),
    row("Total", formatMoney(entity.total, currency), { key: "total", class: "grand" }));
}

// The items grouped by merchant, read-only (checkout summary, confirmation).
export function itemsByMerchant(entity, currency, extra = () => null) {
  const groups = new Map();
  for (const item of entity.items ?? []) {
    const domain = itemDomain(item) ?? "";
    if (!groups.has(domain)) groups.set(domain, []);
    groups.get(domain).push(item);
  }
  return [...groups].map(([domain, items]) =>
    h("section", { class: "merchant-block" },
      h("h3", {}, merchantName(domain), extra(domain)),
      h("ul", { class: "summary-lines" }, items.map((item) =>
        h("li", { class: ["summary-line", isAddonLine(item) && "addon-line"] },
          isAddonLine(item) ? h("div", { class: "thumb thumb-small thumb-addon", "aria-hidden": "true" })
            : thumbnail(item.thumbnail, item.title, "thumb thumb-small"),
          h("div", { class: "line-text" },
            h("span", { class: "line-title" }, item.title),
            !isAddonLine(item) && item.description ? h("span", { class: "line-meta" }, item.description) : null,
            h("span", { class: "line-meta" }, isAddonLine(item) ? "Add-on" : `Qty ${item.quantity}`)),
          h("span", { class: "line-price" }, formatMoney(item.subtotal ?? item.unit_price * item.quantity, currency)))))));
}

// Merchant notices (e.g. an item that cannot ship to the address), shown on the cart and at checkout.
export function notices(cart) {
  const list = cartMerchants(cart).flatMap((m) => (m.notices ?? []).filter((n) => n.message)
    .map((n) => h("li", {}, h("strong", {}, `${m.merchant_name ?? merchantName(m.domain)}: `), n.message)));
  return list.length ? h("ul", { class: "notices", role: "status" }, list) : null;
}

function discountAmount(discount, currency) {
  const rule = discount.rule ?? {};
  if (rule.type === "percentage") return `${rule.value}% off`;
  if (rule.type === "free_shipping") return "Free shipping";
  return `−${formatMoney(rule.value, currency)}`;
}

// The promo code form and the applied codes. Medusa v1 replaces the cart's discounts with the list sent, so a
// new code is sent together with the ones already applied; a refused code leaves the cart as it was.
export function promoForm(cart, currency, onCart) {
  const input = h("input", { "data-testid": "promo-code", "data-focus-key": "promo-code", name: "promo_code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false" });
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const applied = h("ul", { class: "discounts" }, (cart.discounts ?? []).map((discount) =>
    h("li", { "data-testid": "discount-line", "data-code": discount.code },
      h("span", { class: "code" }, discount.code),
      h("span", { class: "discount-amount" }, discountAmount(discount, currency)),
      h("button", {
        type: "button", class: "link-button", "aria-label": `Remove code ${discount.code}`,
        on: { click: whileBusy(async () => {
          try {
            onCart(await removeDiscount(cart.id, discount.code));
          } catch (e) {
            showError(error, e);
          }
        }) },
      }, "Remove"))));

  const form = h("form", { class: "promo", novalidate: true },
    h("div", { class: "inline-field" },
      field("Promo code", input),
      h("button", { type: "submit", class: "button", "data-testid": "apply-promo", "data-focus-key": "apply-promo" }, "Apply")),
    error, applied);
  form.addEventListener("submit", whileBusy(async (event) => {
    event.preventDefault();
    error.hidden = true;
    const code = input.value.trim();
    if (!code) {
      showError(error, "Enter a promo code.");
      input.focus();
      return;
    }
    const codes = (cart.discounts ?? []).map((d) => d.code).filter((c) => c.toUpperCase() !== code.toUpperCase());
    try {
      onCart(await updateCart(cart.id, { discounts: [...codes, code].map((c) => ({ code: c })) }));
      status(`Promo code ${code.toUpperCase()} applied.`);
    } catch (e) {
      showError(error, e);
      input.focus();
    }
  }));
  return form;
}
