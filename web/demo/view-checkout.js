// #/checkout — one page, in steps: 1 contact and address → 2 delivery (one choice per shipment) → 3 extras
// (merchant addons), promo code and card → place order.
import { busy, newIdempotencyKey, whileBusy } from "./api.js";
import { add, field, fill, h, keepFocus } from "./dom.js";
import { formatMoney } from "./money.js";
import {
  addShippingMethod, cartMerchants, changeAddons, completeCart, createPaymentSessions, forgetCart, isAddonLine,
  itemDomain, learnMerchant, loadCart, merchantName, region, removeLine, shippingOptions, updateCart,
} from "./store.js";
import { itemsByMerchant, notices, promoForm, showError, status, totals } from "./ui.js";

const ADDRESS_FIELDS = [
  ["first_name", "First name", { autocomplete: "given-name", required: true }],
  ["last_name", "Last name", { autocomplete: "family-name", required: true }],
  ["address_1", "Address", { autocomplete: "address-line1", required: true }],
  ["city", "City", { autocomplete: "address-level2", required: true }],
  ["province", "State / province", { autocomplete: "address-level1", required: true }],
  ["postal_code", "Postal code", { autocomplete: "postal-code", required: true }],
  ["country_code", "Country code", { autocomplete: "country", required: true, maxlength: "2", hint: "Two letters, e.g. US" }],
  ["phone", "Phone", { autocomplete: "tel", type: "tel", required: true, hint: "The merchants need it for delivery." }],
];
const CARD_READY_TIMEOUT_MS = 15000;

export async function render(main) {
  const cart = await loadCart();
  add(main, h("div", { class: "page-head" }, h("h1", { tabindex: "-1" }, "Checkout")));
  if (!cart?.items?.some((item) => !isAddonLine(item))) {
    add(main, h("div", { class: "empty" }, h("p", {}, "Your cart is empty."),
      h("a", { class: "button primary", href: "#/" }, "Continue shopping")));
    return;
  }
  const checkout = new Checkout(main, cart, await region());
  await checkout.start();
  return () => checkout.destroy();
}

class Checkout {
  constructor(main, cart, region) {
    this.cart = cart;
    this.region = region;
    this.currency = cart.region?.currency_code ?? region.currency_code ?? "usd";
    this.options = [];
    this.card = null;
    this.attemptKey = null; // the Idempotency-Key of the current place-order attempt, kept for its retries

    this.address = h("section", { class: "step", "aria-labelledby": "step-address" });
    this.shipping = h("section", { class: "step", "aria-labelledby": "step-shipping" });
    this.extras = h("div", { class: "step-part" });
    this.promo = h("div", { class: "step-part" });
    this.payment = h("div", { class: "step-part" });
    this.pay = h("section", { class: "step", "aria-labelledby": "step-pay" });
    this.summary = h("aside", { class: "checkout-summary", "aria-label": "Order summary" });
    this.noticeBox = h("div");
    add(main, h("div", { class: "checkout" },
      h("div", { class: "steps" }, this.noticeBox, this.address, this.shipping, this.pay), this.summary));
  }

  async start() {
    const c = this.cart;
    let addressDone = Boolean(c.email && c.shipping_address?.address_1);
    if (addressDone) {
      try {
        await this.loadOptions();
      } catch {
        addressDone = false; // e.g. an address the merchants refuse: the shopper corrects it
      }
    }
    const shippingDone = addressDone && this.groups().every((g) => this.chosenOption(g));
    if (shippingDone) await this.enterPay(false);
    else this.go(addressDone ? "shipping" : "address", false);
  }

  destroy() {
    this.card?.destroy();
    this.card = null;
  }

  setCart(cart) {
    this.cart = cart;
    fill(this.noticeBox, notices(cart));
    fill(this.summary,
      h("h2", {}, "Order summary"),
      itemsByMerchant(cart, this.currency),
      totals(cart, this.currency));
    if (this.step === "pay") {
      keepFocus(this.extras, () => this.drawExtras());
      keepFocus(this.promo, () => this.drawPromo());
    }
  }

  go(step, moveFocus = true) {
    this.step = step;
    if (step !== "pay") this.destroy();
    this.drawAddress();
    this.drawShipping();
    this.drawPay();
    this.setCart(this.cart);
    if (moveFocus) document.getElementById(`step-${step}`)?.focus();
  }

  heading(id, number, title, done, onEdit) {
    return h("div", { class: "step-head" },
      h("h2", { id, tabindex: "-1" }, h("span", { class: "step-number", "aria-hidden": "true" }, number), title),
      done && onEdit ? h("button", { type: "button", class: "link-button", "aria-label": `Edit ${title.toLowerCase()}`, on: { click: onEdit } }, "Edit") : null);
  }

  // --- 1. contact and address ------------------------------------------------------------------------------

  drawAddress() {
    const c = this.cart;
    const open = this.step === "address";
    this.address.className = ["step", open ? "open" : "done"].join(" ");
    const head = this.heading("step-address", "1", "Contact and address", !open, () => this.go("address"));
    if (!open) {
      const a = c.shipping_address ?? {};
      fill(this.address, head, h("p", { class: "step-summary" }, c.email, h("br"),
        [`${a.first_name ?? ""} ${a.last_name ?? ""}`.trim(), a.address_1, a.city,
          `${a.province ?? ""} ${a.postal_code ?? ""}`.trim(), (a.country_code ?? "").toUpperCase()].filter(Boolean).join(", ")));
      return;
    }
    const saved = c.shipping_address ?? {};
    const defaultCountry = this.region.countries?.[0]?.iso_2 ?? "us";
    const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, "data-testid": "checkout-email", value: c.email ?? "" });
    const inputs = {};
    const fields = ADDRESS_FIELDS.map(([name, label, { hint, ...attrs }]) => {
      inputs[name] = h("input", { type: "text", name, ...attrs,
        value: saved[name] ?? (name === "country_code" ? defaultCountry : "") });
      return field(label, inputs[name], hint);
    });
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const form = h("form", { class: "address-form", novalidate: true },
      field("Email", email, "For the order confirmation."),
      h("div", { class: "field-grid" }, fields),
      error,
      h("button", { type: "submit", class: "button primary", "data-testid": "submit-address" }, "Continue to delivery"));
    form.addEventListener("submit", whileBusy(async (event) => {
      event.preventDefault();
      error.hidden = true;
      const invalid = [email, ...Object.values(inputs)].filter((input) => {
        input.value = input.value.trim();
        const bad = !input.checkValidity() || (input.required && !input.value) ||
          (input.name === "country_code" && !/^[a-z]{2}$/i.test(input.value));
        input.setAttribute("aria-invalid", bad ? "true" : "false");
        return bad;
      });
      if (invalid.length) {
        showError(error, `Check ${invalid.map((i) => form.querySelector(`label[for="${i.id}"]`).textContent.toLowerCase()).join(", ")}.`);
        invalid[0].focus();
        return;
      }
      const address = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value]));
      address.country_code = address.country_code.toLowerCase();
      try {
        const cart = await updateCart(c.id, { email: email.value, shipping_address: address, billing_address: address });
        this.cart = cart;
        await this.loadOptions();
        this.go("shipping");
      } catch (e) {
        showError(error, e);
      }
    }));
    fill(this.address, head, form);
  }

  // --- 2. delivery -----------------------------------------------------------------------------------------

  async loadOptions() {
    this.options = await shippingOptions(this.cart.id);
    for (const option of this.options) {
      const meta = option.metadata?.cartbridge ?? {};
      learnMerchant(meta.domain ?? option.data?.domain, meta.merchant_name);
    }
  }

  // CartBridge gives each merchant shipment its own shipping profile: one choice per profile.
  groups() {
    const groups = new Map();
    for (const option of this.options) {
      if (!groups.has(option.profile_id)) groups.set(option.profile_id, { profile: option.profile_id, options: [] });
      groups.get(option.profile_id).options.push(option);
    }
    return [...groups.values()];
  }

  chosenOption(group) {
    const chosen = new Set((this.cart.shipping_methods ?? []).map((m) => m.shipping_option_id ?? m.shipping_option?.id));
    return group.options.find((o) => chosen.has(o.id)) ?? null;
  }

  drawShipping() {
    const open = this.step === "shipping";
    this.shipping.className = ["step", open ? "open" : this.step === "pay" ? "done" : "later"].join(" ");
    const head = this.heading("step-shipping", "2", "Delivery", this.step === "pay", () => this.go("shipping"));
    if (this.step === "address") {
      fill(this.shipping, head);
      return;
    }
    const groups = this.groups();
    const itemTitles = (ids) => (this.cart.items ?? []).filter((i) => ids?.includes(i.id)).map((i) => i.title);
    const groupName = (group) => {
      const meta = group.options[0]?.metadata?.cartbridge ?? {};
      return meta.merchant_name ?? merchantName(meta.domain ?? group.options[0]?.data?.domain);
    };
    if (!open) {
      fill(this.shipping, head, h("ul", { class: "step-summary plain" }, groups.map((group) => {
        const option = this.chosenOption(group);
        return h("li", {}, h("strong", {}, `${groupName(group)}: `),
          option ? `${option.name}, ${formatMoney(option.amount, this.currency)}` : "not chosen");
      })));
      return;
    }
    if (!groups.length) {
      fill(this.shipping, head, h("p", { class: "form-error", role: "alert" },
        "No delivery option reaches this address. Check the address, or remove the items that cannot ship there."));
      return;
    }
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const fieldsets = groups.map((group, index) => {
      const current = this.chosenOption(group);
      const cheapest = group.options.reduce((a, b) => (b.amount < a.amount ? b : a));
      const items = itemTitles(group.options[0]?.metadata?.cartbridge?.line_item_ids);
      return h("fieldset", { class: "shipping-group", "data-testid": "shipping-group", "data-profile": group.profile },
        h("legend", {}, groupName(group), groups.length > 1 ? ` (shipment ${index + 1} of ${groups.length})` : ""),
        items.length ? h("p", { class: "hint" }, items.join(", ")) : null,
        group.options.map((option) => {
          const id = `ship-${index}-${option.id}`;
          return h("div", { class: "radio" },
            h("input", { type: "radio", id, name: `shipping-${index}`, value: option.id, checked: option === (current ?? cheapest) }),
            h("label", { for: id },
              h("span", {}, option.name),
              h("span", { class: "radio-price" }, option.amount ? formatMoney(option.amount, this.currency) : "Free")));
        }));
    });
    const form = h("form", { class: "shipping-form", novalidate: true }, fieldsets, error,
      h("button", { type: "submit", class: "button primary", "data-testid": "submit-shipping" }, "Continue to payment"));
    form.addEventListener("submit", whileBusy(async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        for (const [index, group] of groups.entries()) {
          const picked = form.querySelector(`input[name="shipping-${index}"]:checked`)?.value;
          if (!picked) throw new Error(`Choose a delivery option for ${groupName(group)}.`);
          if (this.chosenOption(group)?.id !== picked) this.cart = await addShippingMethod(this.cart.id, picked);
        }
        await this.enterPay(true);
      } catch (e) {
        showError(error, e);
      }
    }));
    fill(this.shipping, head, form);
  }

  // --- 3. extras, promo code, payment ----------------------------------------------------------------------

  async enterPay(moveFocus) {
    this.cart = await createPaymentSessions(this.cart.id);
    this.go("pay", moveFocus);
    await this.mountCard();
  }

  drawPay() {
    const open = this.step === "pay";
    this.pay.className = ["step", open ? "open" : "later"].join(" ");
    const head = this.heading("step-pay", "3", "Extras and payment", false);
    if (!open) {
      fill(this.pay, head);
      return;
    }
    this.drawPayment();
    fill(this.pay, head, this.extras, this.promo, this.payment);
  }

  drawExtras() {
    const merchants = cartMerchants(this.cart).filter((m) => m.addon_offers?.length);
    if (!merchants.length) {
      fill(this.extras);
      return;
    }
    fill(this.extras, h("h3", {}, "Extras"), merchants.map((merchant) =>
      h("fieldset", { class: "addon-group" },
        h("legend", {}, merchant.merchant_name ?? merchantName(merchant.domain)),
        merchant.addon_offers.map((offer) => this.addonControl(merchant, offer)))));
  }

  addonControl(merchant, offer) {
    const key = `${merchant.domain}:${offer.addon_id}`;
    const describe = offer.description ? h("p", { class: "hint", id: `addon-hint-${key.replace(/[^a-z0-9]/gi, "-")}` }, offer.description) : null;
    const common = { "data-testid": "addon", "data-addon-id": offer.addon_id, "data-domain": merchant.domain, "data-focus-key": key,
      "aria-describedby": describe?.id };
    const price = (amount) => (amount ? `+${formatMoney(amount, this.currency)}` : "free");

    if (offer.choices?.length) {
      const selected = offer.choices.find((c) => c.selected);
      const select = h("select", { ...common, required: offer.required, id: `addon-${key}` },
        h("option", { value: "", disabled: offer.required, selected: !selected }, offer.required ? "Choose an option…" : "None"),
        offer.choices.map((choice) => h("option", { value: choice.addon_id, selected: choice === selected },
          `${choice.name} (${price(choice.price)})`)));
      select.addEventListener("change", () => this.changeAddon(select, select.value
        ? { select: [{ addon_id: select.value }] }
        : { deselect: [{ addon_id: selected.addon_id }] }));
      return h("div", { class: ["field", "addon", offer.required && !selected && "needs-choice"] },
        h("label", { for: select.id }, offer.name, offer.required ? h("span", { class: "required" }, " (required)") : null),
        select, describe);
    }

    // Item-scope offers are priced per covered line; cart-scope ones once.
    const itemScope = offer.scope === "ITEM";
    const amount = itemScope
      ? Object.values(offer.line_item_prices ?? {}).reduce((a, b) => a + b, 0) || offer.price
      : offer.price;
    const box = h("input", { ...common, type: "checkbox", id: `addon-${key}`, checked: offer.selected });
    box.addEventListener("change", () => {
      if (box.checked) {
        // The lines name the merchant, so an addon offered by both merchants is added for this one only.
        return this.changeAddon(box, { select: [{ addon_id: offer.addon_id, line_item_ids: offer.eligible_line_item_ids }] });
      }
      if (itemScope) {
        return this.changeAddon(box, { deselect: offer.selected_line_item_ids.map((id) => ({ addon_id: offer.addon_id, line_item_id: id })) });
      }
      // A cart-scope addon is removed through its line, which belongs to this merchant only.
      const lines = this.cart.items.filter((i) => isAddonLine(i) && itemDomain(i) === merchant.domain &&
        i.metadata.cartbridge.addon_id === offer.addon_id);
      return this.changeAddon(box, null, lines);
    });
    return h("div", { class: "checkbox addon" }, box,
      h("label", { for: box.id }, offer.name, h("span", { class: "radio-price" }, price(amount))), describe);
  }

  changeAddon(control, changes, removeLines = []) {
    return busy(() => this.applyAddon(control, changes, removeLines));
  }

  async applyAddon(control, changes, removeLines) {
    control.disabled = true;
    this.payError(null);
    try {
      let cart = this.cart;
      if (changes) cart = await changeAddons(cart.id, changes);
      for (const line of removeLines) cart = await removeLine(cart.id, line.id);
      this.setCart(cart);
      status("Extras updated.");
    } catch (e) {
      this.payError(e.message);
      control.disabled = false;
      if (control.type === "checkbox") control.checked = !control.checked;
    }
  }

  drawPromo() {
    fill(this.promo, promoForm(this.cart, this.currency, (cart) => this.setCart(cart)));
  }

  drawPayment() {
    this.errorBox = h("p", { class: "form-error checkout-error", role: "alert", "data-testid": "checkout-error", hidden: true });
    this.placeButton = h("button", { type: "button", class: "button primary block", "data-testid": "place-order",
      on: { click: () => this.placeOrder() } }, "Place order");
    fill(this.payment,
      h("h3", {}, "Card"),
      h("div", { id: "card-element", class: "card-element" }),
      h("p", { class: "hint" }, "Demo: 4111 1111 1111 1111 is approved, 4000 0000 0000 0002 is declined."),
      this.errorBox,
      this.placeButton);
  }

  async mountCard() {
    const { mount } = await import("/cartbridge/elements.js");
    this.destroy();
    this.card = mount(this.payment.querySelector("#card-element"), { cartId: this.cart.id });
    const timeout = new Promise((_, reject) => setTimeout(() => reject({ message: "The card form did not load." }), CARD_READY_TIMEOUT_MS));
    try {
      await busy(() => Promise.race([this.card.ready, timeout]));
    } catch (e) {
      this.payError(e?.message ?? "The card form could not load. Reload the page to try again.");
    }
  }

  payError(message) {
    if (!this.errorBox) return;
    this.errorBox.textContent = message ?? "";
    this.errorBox.hidden = !message;
  }

  missingChoices() {
    return cartMerchants(this.cart).flatMap((m) => (m.addon_offers ?? [])
      .filter((o) => o.required && !o.selected).map((o) => ({ merchant: m, offer: o })));
  }

  async placeOrder() {
    this.payError(null);
    const missing = this.missingChoices();
    if (missing.length) {
      this.payError(`Choose ${missing.map(({ offer, merchant }) => `${offer.name} (${merchant.merchant_name ?? merchantName(merchant.domain)})`).join(" and ")} under Extras.`);
      this.extras.querySelector(`[data-focus-key="${CSS.escape(`${missing[0].merchant.domain}:${missing[0].offer.addon_id}`)}"]`)?.focus();
      return;
    }
    if (!this.card) return;
    this.placeButton.disabled = true;
    this.placeButton.textContent = "Placing order…";
    try {
      await busy(() => this.submitAndComplete());
    } finally {
      this.placeButton.disabled = false;
      this.placeButton.textContent = "Place order";
    }
  }

  async submitAndComplete() {
    const { error } = await this.card.submit();
    if (error) {
      this.payError(error.message);
      return;
    }
    this.attemptKey ??= newIdempotencyKey();
    let answer;
    try {
      answer = await completeCart(this.cart.id, this.attemptKey);
    } catch (e) {
      if (e.status === 0 || e.status >= 500) {
        // Unknown outcome: keep the key, so pressing Place order again cannot order twice.
        this.payError(`${e.message} Press Place order again to retry.`);
        return;
      }
      this.attemptKey = null;
      if (e.status === 422) this.card.showError(e.message); // declined: the merchant's words, and a fresh card form
      this.payError(e.message);
      return;
    }
    this.attemptKey = null;
    if (answer.type === "order") {
      forgetCart();
      // Stay busy until the router has taken over (it marks <main> busy again while it loads the order).
      const routed = new Promise((resolve) => window.addEventListener("hashchange", resolve, { once: true }));
      location.hash = `#/order/${encodeURIComponent(answer.data.id)}`;
      await routed;
      return;
    }
    if (answer.type === "cart" && answer.data) this.setCart(answer.data);
    this.payError(answer.data?.message ?? "The order could not be completed. Check the steps above and try again.");
  }
}
