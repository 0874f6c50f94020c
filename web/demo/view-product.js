// #/products/<handle> — one product: variant, quantity, add to cart.
import { get, whileBusy } from "./api.js";
import { add, field, fill, h, thumbnail } from "./dom.js";
import { formatMoney } from "./money.js";
import { addItem, inStock, learnMerchantsFromProducts, merchantName, productDomain, region, variantPrice } from "./store.js";
import { notFound, showError } from "./ui.js";

const MAX_QUANTITY = 10;

export async function render(main, { handle }) {
  const { id: regionId, currency_code: currency } = await region();
  const { products } = await get(`/store/products?handle=${encodeURIComponent(handle)}&region_id=${encodeURIComponent(regionId)}`);
  const product = products?.[0];
  if (!product) return notFound(main, "This product is not in the shop.");
  learnMerchantsFromProducts(products);

  const firstAvailable = product.variants.find(inStock) ?? product.variants[0];
  const variantSelect = h("select", { "data-testid": "variant-select", name: "variant_id" },
    product.variants.map((variant) => {
      const { amount } = variantPrice(variant, currency);
      const available = inStock(variant);
      return h("option", { value: variant.id, disabled: !available, selected: variant === firstAvailable },
        `${variant.title} — ${amount === null ? "price unavailable" : formatMoney(amount, currency)}${available ? "" : " (sold out)"}`);
    }));
  const quantity = h("input", {
    "data-testid": "quantity", name: "quantity", type: "number", inputmode: "numeric",
    min: "1", max: String(MAX_QUANTITY), value: "1", required: true,
  });
  const price = h("p", { class: "product-price" });
  const addButton = h("button", { type: "submit", class: "button primary", "data-testid": "add-to-cart" }, "Add to cart");
  const error = h("p", { class: "form-error", role: "alert" });
  const added = h("p", { class: "added", role: "status" });

  const selected = () => product.variants.find((v) => v.id === variantSelect.value) ?? firstAvailable;
  const showVariant = () => {
    const variant = selected();
    const { amount, original } = variantPrice(variant, currency);
    fill(price,
      amount === null ? "Price unavailable" : formatMoney(amount, currency),
      original ? [" ", h("s", { class: "was" }, h("span", { class: "sr-only" }, "was "), formatMoney(original, currency))] : []);
    const available = inStock(variant);
    addButton.disabled = !available;
    addButton.textContent = available ? "Add to cart" : "Sold out";
  };
  variantSelect.addEventListener("change", showVariant);
  showVariant();

  const form = h("form", { class: "buy-form", novalidate: true },
    field(product.options?.map((o) => o.title).join(" / ") || "Variant", variantSelect),
    field("Quantity", quantity),
    addButton, error, added);

  form.addEventListener("submit", whileBusy(async (event) => {
    event.preventDefault();
    error.textContent = "";
    fill(added);
    const count = Number.parseInt(quantity.value, 10);
    if (!Number.isInteger(count) || count < 1 || count > MAX_QUANTITY) {
      error.textContent = `Choose a quantity from 1 to ${MAX_QUANTITY}.`;
      quantity.focus();
      return;
    }
    addButton.disabled = true;
    try {
      await addItem(selected().id, count);
      fill(added, `Added ${count} × ${product.title} (${selected().title}). `, h("a", { href: "#/cart" }, "View cart"));
    } catch (e) {
      showError(error, e);
    } finally {
      showVariant();
    }
  }));

  add(main,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/" }, "Shop"), " / ", product.title),
    h("article", { class: "product" },
      thumbnail(product.thumbnail, product.title, "thumb thumb-large"),
      h("div", { class: "product-info" },
        h("p", { class: "merchant" }, merchantName(productDomain(product))),
        h("h1", { tabindex: "-1" }, product.title),
        price,
        product.description ? h("p", { class: "description" }, product.description) : null,
        form)));
}
