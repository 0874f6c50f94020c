// Shop state shared by the views: the region, the cart id in localStorage (as Medusa's storefronts keep it), the
// header's cart count, and merchant names learned from the API.
import { ApiError, del, get, post } from "./api.js";

const CART_KEY = "cartbridge_demo_cart";

export function storedCartId() {
  try {
    return localStorage.getItem(CART_KEY);
  } catch {
    return null;
  }
}

function storeCartId(id) {
  try {
    if (id) localStorage.setItem(CART_KEY, id);
    else localStorage.removeItem(CART_KEY);
  } catch {
    // Storage off (private mode): the cart lasts as long as the page.
  }
}

export function forgetCart() {
  storeCartId(null);
  showCount(0);
}

let regionPromise = null;

export function region() {
  regionPromise ??= get("/store/regions").then(({ regions }) => {
    if (!regions?.length) throw new ApiError(0, { message: "The shop has no region to sell in." });
    return regions.find((r) => r.countries?.some((c) => c.iso_2 === "us")) ?? regions[0];
  });
  regionPromise.catch(() => { regionPromise = null; });
  return regionPromise;
}

// --- merchants -------------------------------------------------------------------------------------------------

const merchantNames = new Map();

export function merchantName(domain) {
  return merchantNames.get(domain) ?? domain ?? "Merchant";
}

export function learnMerchant(domain, name) {
  if (domain && name) merchantNames.set(domain, name);
}

export const productDomain = (product) => product?.metadata?.cartbridge?.domain ?? null;
export const itemDomain = (item) => item?.metadata?.cartbridge?.domain ?? null;
export const isAddonLine = (item) => Boolean(item?.metadata?.cartbridge?.addon);
export const cartMerchants = (cart) => cart?.metadata?.cartbridge?.merchants ?? [];

// --- the cart --------------------------------------------------------------------------------------------------

function showCount(count) {
  const badge = document.querySelector('[data-testid="cart-count"]');
  if (badge) badge.textContent = String(count);
  const link = document.querySelector('[data-testid="cart-link"]');
  link?.setAttribute("aria-label", `Cart, ${count} ${count === 1 ? "item" : "items"}`);
}

// Every cart the API returns goes through here, so the header and the merchant names stay current.
export function noteCart(cart) {
  if (!cart) return cart;
  for (const merchant of cartMerchants(cart)) learnMerchant(merchant.domain, merchant.merchant_name);
  showCount((cart.items ?? []).filter((item) => !isAddonLine(item)).reduce((n, item) => n + item.quantity, 0));
  return cart;
}

const cartOf = (data) => noteCart(data.cart);

// The stored cart, or null when there is none (a missing or completed cart is forgotten).
export async function loadCart() {
  const id = storedCartId();
  if (!id) {
    showCount(0);
    return null;
  }
  try {
    const cart = cartOf(await get(`/store/carts/${encodeURIComponent(id)}`));
    if (cart.completed_at) {
      forgetCart();
      return null;
    }
    return cart;
  } catch (error) {
    if (error.status === 404) {
      forgetCart();
      return null;
    }
    throw error;
  }
}

async function ensureCart() {
  const existing = await loadCart();
  if (existing) return existing;
  const { id } = await region();
  const cart = cartOf(await post("/store/carts", { region_id: id }));
  storeCartId(cart.id);
  return cart;
}

const cartPath = (cartId, rest = "") => `/store/carts/${encodeURIComponent(cartId)}${rest}`;

export async function addItem(variantId, quantity) {
  const cart = await ensureCart();
  return cartOf(await post(cartPath(cart.id, "/line-items"), { variant_id: variantId, quantity }));
}

export const updateCart = async (cartId, body) => cartOf(await post(cartPath(cartId), body));
export const setQuantity = async (cartId, lineId, quantity) =>
  cartOf(await post(cartPath(cartId, `/line-items/${encodeURIComponent(lineId)}`), { quantity }));
export const removeLine = async (cartId, lineId) =>
  cartOf(await del(cartPath(cartId, `/line-items/${encodeURIComponent(lineId)}`)));
export const removeDiscount = async (cartId, code) =>
  cartOf(await del(cartPath(cartId, `/discounts/${encodeURIComponent(code)}`)));
export const addShippingMethod = async (cartId, optionId) =>
  cartOf(await post(cartPath(cartId, "/shipping-methods"), { option_id: optionId }));
export const changeAddons = async (cartId, changes) => cartOf(await post(cartPath(cartId, "/addons"), changes));
export const createPaymentSessions = async (cartId) => cartOf(await post(cartPath(cartId, "/payment-sessions")));
export const shippingOptions = async (cartId) =>
  (await get(`/store/shipping-options/${encodeURIComponent(cartId)}`)).shipping_options ?? [];
export const completeCart = (cartId, idempotencyKey) =>
  post(cartPath(cartId, "/complete"), {}, { idempotencyKey });

// Products carry their merchant's domain; most of a merchant's products sit in a collection named after it.
export function learnMerchantsFromProducts(products) {
  const votes = new Map();
  for (const product of products) {
    const domain = productDomain(product);
    const title = product.collection?.title;
    if (!domain || !title) continue;
    const key = `${domain}\n${title}`;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  const best = new Map();
  for (const [key, count] of votes) {
    const [domain, title] = key.split("\n");
    if (!best.has(domain) || best.get(domain).count < count) best.set(domain, { title, count });
  }
  for (const [domain, { title }] of best) if (!merchantNames.has(domain)) learnMerchant(domain, title);
}

// --- prices ----------------------------------------------------------------------------------------------------

// The variant's price in the region: calculated_price when the list was asked with region_id, else the money
// amount in the region's currency. `original` is set when the price is reduced.
export function variantPrice(variant, currency) {
  const listed = variant.prices?.find((p) => p.currency_code === currency)?.amount;
  const amount = variant.calculated_price ?? listed ?? null;
  const original = variant.original_price ?? listed ?? null;
  return { amount, original: original !== null && amount !== null && original > amount ? original : null };
}

export const inStock = (variant) =>
  variant.purchasable !== false &&
  (!variant.manage_inventory || variant.allow_backorder || (variant.inventory_quantity ?? 0) > 0);
