// The hash router: #/, #/products/<handle>, #/cart, #/checkout, #/order/<id>.
import { busy } from "./api.js";
import { fill, h } from "./dom.js";
import { loadCart } from "./store.js";
import * as products from "./view-products.js";
import * as product from "./view-product.js";
import * as cart from "./view-cart.js";
import * as checkout from "./view-checkout.js";
import * as order from "./view-order.js";
import { notFound } from "./ui.js";

const ROUTES = [
  [/^\/?$/, products, () => ({}), "Shop"],
  [/^\/products\/([^/]+)$/, product, ([handle]) => ({ handle: decodeURIComponent(handle) }), "Product"],
  [/^\/cart$/, cart, () => ({}), "Cart"],
  [/^\/checkout$/, checkout, () => ({}), "Checkout"],
  [/^\/order\/([^/]+)$/, order, ([id]) => ({ id: decodeURIComponent(id) }), "Order confirmed"],
];

const main = document.querySelector("main");
let cleanup = null;
let generation = 0;

async function route() {
  const path = location.hash.replace(/^#/, "") || "/";
  const current = ++generation;
  const firstPage = current === 1;
  cleanup?.();
  cleanup = null;
  // Each page renders into its own element; a page the shopper already left renders into a detached one.
  const page = h("div", { class: "page" });
  main.replaceChildren(page);
  window.scrollTo(0, 0);
  const match = ROUTES.map(([pattern, view, params, title]) => [path.match(pattern), view, params, title]).find(([m]) => m);
  await busy(async () => {
    try {
      if (!match) {
        document.title = "Not found · CartBridge demo";
        notFound(page, "This page does not exist.");
        return;
      }
      const [m, view, params, title] = match;
      document.title = `${title} · CartBridge demo`;
      const done = await view.render(page, params(m.slice(1)));
      if (typeof done === "function") {
        if (current === generation) cleanup = done;
        else done();
      }
    } catch (error) {
      fill(page, h("div", { class: "page-head" }, h("h1", { tabindex: "-1" }, "Something went wrong"),
        h("p", { class: "form-error", role: "alert" }, error?.message ?? String(error)),
        h("p", {}, h("button", { type: "button", class: "button", on: { click: route } }, "Try again"))));
    }
  });
  // Move focus to the new page's heading, as a page load would, unless the page already placed it.
  if (current === generation && !firstPage && !page.contains(document.activeElement)) {
    page.querySelector("h1")?.focus({ preventScroll: true });
  }
}

window.addEventListener("hashchange", route);
loadCart().catch(() => {}); // the header's cart count
route();
