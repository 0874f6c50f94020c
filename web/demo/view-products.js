// #/ — every product of every merchant, grouped by merchant.
import { get } from "./api.js";
import { add, h, thumbnail } from "./dom.js";
import { formatMoney } from "./money.js";
import { inStock, learnMerchantsFromProducts, merchantName, productDomain, region, variantPrice } from "./store.js";

const PAGE = 100;

export async function listProducts(regionId) {
  const products = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await get(`/store/products?limit=${PAGE}&offset=${offset}&region_id=${encodeURIComponent(regionId)}`);
    products.push(...page.products);
    if (!page.products.length || products.length >= page.count) return products;
  }
}

export function priceLabel(product, currency) {
  const prices = product.variants.map((v) => variantPrice(v, currency)).filter((p) => p.amount !== null);
  if (!prices.length) return h("span", { class: "price" }, "Price unavailable");
  const lowest = prices.reduce((a, b) => (b.amount < a.amount ? b : a));
  const varies = prices.some((p) => p.amount !== lowest.amount);
  return h("span", { class: "price" },
    varies ? "From " : "",
    formatMoney(lowest.amount, currency),
    lowest.original ? [" ", h("s", { class: "was" }, h("span", { class: "sr-only" }, "was "), formatMoney(lowest.original, currency))] : null);
}

function productCard(product, currency) {
  const soldOut = !product.variants.some(inStock);
  return h("a", {
      class: "product-card", href: `#/products/${encodeURIComponent(product.handle)}`,
      "data-testid": "product-card", "data-handle": product.handle,
    },
    thumbnail(product.thumbnail, product.title),
    h("div", { class: "product-card-body" },
      h("span", { class: "merchant" }, merchantName(productDomain(product))),
      h("h3", { class: "product-title" }, product.title),
      h("div", { class: "product-card-price" }, priceLabel(product, currency),
        soldOut ? h("span", { class: "badge" }, "Sold out") : null)));
}

export async function render(main) {
  const { id, currency_code: currency } = await region();
  const products = await listProducts(id);
  learnMerchantsFromProducts(products);

  const byMerchant = new Map();
  for (const product of products) {
    const domain = productDomain(product) ?? "";
    if (!byMerchant.has(domain)) byMerchant.set(domain, []);
    byMerchant.get(domain).push(product);
  }

  add(main,
    h("div", { class: "page-head" },
      h("h1", { tabindex: "-1" }, "Shop"),
      h("p", { class: "lede" },
        `${products.length} products from ${byMerchant.size} ${byMerchant.size === 1 ? "merchant" : "merchants"}, one cart, one checkout.`)),
    products.length ? null : h("p", { class: "empty" }, "No products are available right now."),
    [...byMerchant].map(([domain, items]) =>
      h("section", { class: "merchant-section", "aria-labelledby": `m-${domain}` },
        h("h2", { id: `m-${domain}` }, merchantName(domain), h("span", { class: "domain" }, domain)),
        h("div", { class: "product-grid" }, items.map((product) => productCard(product, currency))))));
}
