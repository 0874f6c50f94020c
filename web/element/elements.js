// CartBridge's card element for storefronts:
//
//   import { mount } from "https://cartbridge.example.com/cartbridge/elements.js";
//   const card = mount("#card-element", { cartId });
//   const { card: masked, error } = await card.submit();
//
// The card fields live in an iframe on CartBridge's origin, which encrypts the card and sets it on the cart. This
// page only ever learns the field states ({complete, empty, brand, error}) and the masked card the server holds.
// Reference: docs/card-element.md.

const FRAME_ORIGIN = new URL(import.meta.url).origin;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,100}$/;
// The frame answers within its own request deadlines; this only guards against a frame that never answers.
const SUBMIT_DEADLINE_MS = 90000;
// After the frame's document has loaded, how long it may take to say it is ready (a refused frame never does).
const HANDSHAKE_DEADLINE_MS = 5000;
const DESTROYED = { code: "destroyed", message: "The card element was removed." };
const UNAVAILABLE = { code: "frame_unavailable", message: "The card form could not be loaded. Reload the page." };

export function mount(target, options = {}) {
  return new CardElement(target, options);
}

class CardElement {
  #iframe;
  #port = null;
  #connected;
  #onWindowMessage;
  #pending = new Map();
  #nextID = 1;
  #onChange;
  #destroyed = false;
  #settleReady;

  constructor(target, { cartId, publishableKey, onChange, style } = {}) {
    const container = typeof target === "string" ? document.querySelector(target) : target;
    if (!(container instanceof Element)) throw new TypeError("CartBridge card element: the mount target was not found");
    if (typeof cartId !== "string" || !ID_SHAPE.test(cartId)) {
      throw new TypeError("CartBridge card element: options.cartId must be the Medusa cart id");
    }
    this.#onChange = typeof onChange === "function" ? onChange : () => {};

    let connect;
    this.#connected = new Promise((resolve) => { connect = resolve; });
    let settle;
    this.ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    this.#settleReady = settle;
    this.ready.catch(() => {}); // a storefront that never awaits `ready` must not see an unhandled rejection

    const iframe = document.createElement("iframe");
    iframe.title = "Card details";
    iframe.className = "cartbridge-card-frame";
    iframe.src = `${FRAME_ORIGIN}/cartbridge/card-frame?parent=${encodeURIComponent(window.location.origin)}`;
    iframe.setAttribute("scrolling", "no");
    iframe.style.border = "0";
    iframe.style.width = "100%";
    iframe.style.height = "230px";
    iframe.style.display = "block";
    this.#iframe = iframe;

    // Only the frame this element made, from CartBridge's origin, may start the conversation; the rest of it runs
    // over a private channel.
    this.#onWindowMessage = (event) => {
      if (event.source !== iframe.contentWindow || event.origin !== FRAME_ORIGIN) return;
      if (event.data?.type !== "cartbridge:ready") return;
      // A second `ready` is a reloaded frame (an iframe moved in the DOM reloads): the old port is dead, so what
      // waited on it fails and the new document gets a fresh channel.
      if (this.#port) {
        this.#port.close();
        this.#failPending({ code: "network_error", message: "The card form reloaded. Enter the card again." });
      }
      const channel = new MessageChannel();
      this.#port = channel.port1;
      this.#port.onmessage = (message) => this.#onFrameMessage(message.data, settle);
      iframe.contentWindow.postMessage(
        { type: "cartbridge:init", v: 1, cartId, publishableKey, style }, FRAME_ORIGIN, [channel.port2]);
      connect();
    };
    window.addEventListener("message", this.#onWindowMessage);
    iframe.addEventListener("load", () => {
      setTimeout(() => {
        if (this.#port || this.#destroyed) return;
        settle.reject(UNAVAILABLE);
        this.#failPending(UNAVAILABLE);
      }, HANDSHAKE_DEADLINE_MS);
    });
    container.appendChild(iframe);
  }

  #onFrameMessage(data, settle) {
    switch (data?.type) {
      case "loaded":
        if (data.ok) settle.resolve();
        else settle.reject(data.error);
        break;
      case "change":
        this.#onChange({ complete: !!data.complete, empty: !!data.empty, brand: data.brand, error: data.error ?? null });
        break;
      case "resize":
        if (Number.isFinite(data.height) && data.height > 0 && data.height < 2000) {
          this.#iframe.style.height = `${data.height}px`;
        }
        break;
      case "result": {
        const resolve = this.#pending.get(data.id);
        this.#pending.delete(data.id);
        resolve?.(data.card ? { card: data.card } : { error: data.error });
        break;
      }
    }
  }

  // Resolves {card: {brand, last4, exp_month, exp_year}} once CartBridge holds the card, or {error: {code, message}}.
  // The deadline runs from the call, so a frame that never connects cannot leave it pending.
  submit() {
    if (this.#destroyed) return Promise.resolve({ error: DESTROYED });
    const id = this.#nextID++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ error: { code: "network_error", message: "The card form did not answer. Try again." } });
      }, SUBMIT_DEADLINE_MS);
      this.#pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.#connected.then(() => this.#port?.postMessage({ type: "submit", id }));
    });
  }

  #failPending(error) {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const resolve of waiting) resolve({ error });
  }

  // Shows a message in the frame (a merchant's decline) and empties the fields for another card.
  showError(message) {
    this.#send({ type: "showError", message: String(message) });
  }

  clear() {
    this.#send({ type: "clear" });
  }

  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    window.removeEventListener("message", this.#onWindowMessage);
    this.#port?.close();
    this.#iframe.remove();
    this.#settleReady.reject(DESTROYED);
    this.#failPending(DESTROYED);
  }

  #send(message) {
    if (this.#destroyed) return;
    this.#connected.then(() => this.#port?.postMessage(message));
  }
}
