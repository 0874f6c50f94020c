// #/cart — lines with quantity and remove, promo code, totals, checkout.
import { whileBusy } from "./api.js";
import { add, field, fill, h, keepFocus, thumbnail } from "./dom.js";
import { formatMoney } from "./money.js";
import { isAddonLine, itemDomain, loadCart, merchantName, removeLine, setQuantity } from "./store.js";
import { notices, promoForm, showError, status, totals } from "./ui.js";

const MAX_QUANTITY = 10;

export async function render(main) {
  const cart = await loadCart();
  const heading = h("h1", { tabindex: "-1" }, "Your cart");
  const body = h("div", { class: "cart-page" });
  add(main, h("div", { class: "page-head" }, heading), body);
  show(body, cart);
}

function show(body, cart) {
  const items = cart?.items ?? [];
  if (!items.some((item) => !isAddonLine(item))) {
    fill(body, h("div", { class: "empty" },
      h("p", {}, "Your cart is empty."), h("a", { class: "button primary", href: "#/" }, "Continue shopping")));
    return;
  }
  const currency = cart.region?.currency_code ?? "usd";
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const update = (next) => keepFocus(body, () => show(body, next));

  fill(body,
    h("section", { class: "cart-lines", "aria-label": "Items" },
      notices(cart),
      error,
      h("ul", { class: "lines" }, items.map((item) => cartLine(cart, item, currency, update, error)))),
    h("aside", { class: "cart-summary", "aria-label": "Order summary" },
      h("h2", {}, "Summary"),
      promoForm(cart, currency, update),
      totals(cart, currency),
      h("a", { class: "button primary block", href: "#/checkout", "data-testid": "checkout-button" }, "Checkout"),
      h("p", { class: "fine" }, "Shipping and tax are final once you choose delivery at checkout.")));
}

function cartLine(cart, item, currency, update, error) {
  const addon = isAddonLine(item);
  const run = whileBusy(async (work, message) => {
    error.hidden = true;
    try {
      update(await work());
      status(message);
    } catch (e) {
      showError(error, e);
    }
  });
  let controls = h("span", { class: "line-meta" }, "Add-on, chosen at checkout");
  if (!addon) {
    const quantity = h("input", {
      type: "number", inputmode: "numeric", min: "1", max: String(MAX_QUANTITY), value: String(item.quantity),
      name: `quantity-${item.id}`, class: "qty", "data-focus-key": `qty:${item.id}`,
    });
    quantity.addEventListener("change", () => {
      if (quantity.value.trim() === "") return; // mid-edit: wait for a number
      const count = Number(quantity.value);
      if (!Number.isInteger(count) || count < 1 || count > MAX_QUANTITY) {
        quantity.setAttribute("aria-invalid", "true");
        showError(error, `Choose a quantity from 1 to ${MAX_QUANTITY} for ${item.title}, or remove it.`);
        return;
      }
      if (count !== item.quantity) {
        run(() => setQuantity(cart.id, item.id, count), `${item.title}: quantity ${count}.`);
      }
    });
    controls = h("div", { class: "line-controls" },
      field(`Quantity of ${item.title}`, quantity),
      h("button", {
        type: "button", class: "link-button", "aria-label": `Remove ${item.title}`,
        on: { click: () => run(() => removeLine(cart.id, item.id), `${item.title} removed.`) },
      }, "Remove"));
  }
  return h("li", { class: ["line", addon && "addon-line"], "data-testid": "cart-line", "data-line-id": item.id },
    addon ? h("div", { class: "thumb thumb-small thumb-addon", "aria-hidden": "true" }) : thumbnail(item.thumbnail, item.title, "thumb thumb-small"),
    h("div", { class: "line-text" },
      h("span", { class: "line-title" },
        item.variant?.product?.handle && !addon
          ? h("a", { href: `#/products/${encodeURIComponent(item.variant.product.handle)}` }, item.title)
          : item.title),
      !addon && item.description ? h("span", { class: "line-meta" }, item.description) : null,
      h("span", { class: "line-meta" }, merchantName(itemDomain(item))),
      h("span", { class: "line-meta" }, `${formatMoney(item.unit_price, currency)} each`)),
    controls,
    h("span", { class: "line-price" }, formatMoney(item.subtotal ?? item.unit_price * item.quantity, currency)));
}
