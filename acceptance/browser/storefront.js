// The cross-origin test storefront (see storefront.html). Everything the page learns is written into <output>s, which
// acceptance/browser_checkout.py reads; the test's own recorder (installed through CDP) logs every message too.
const params = new URLSearchParams(location.search);
const cartBridge = params.get("cb");
const cartId = params.get("cart");
const mode = params.get("mode") ?? "element";
const show = (id, value) => {
  document.getElementById(id).textContent = typeof value === "string" ? value : JSON.stringify(value);
};

if (mode === "element") {
  // What a storefront does: three lines (docs/card-element.md).
  const { mount } = await import(`${cartBridge}/cartbridge/elements.js`);
  const card = mount("#card-element", { cartId, onChange: (state) => show("change", state) });
  card.ready.then(() => show("ready", "ready"), (error) => show("ready", { error }));
  document.getElementById("submit").addEventListener("click", async () => {
    show("result", "");
    show("result", await card.submit());
  });
} else {
  // The bare frame, embedded by its legitimate parent (this origin), with the handshake held back until the test
  // clicks #init, so a foreign page gets to talk to an uninitialised frame first.
  const frame = document.createElement("iframe");
  frame.title = "Card details";
  frame.src = `${cartBridge}/cartbridge/card-frame?parent=${encodeURIComponent(location.origin)}`;
  let port = null;
  addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || event.origin !== cartBridge) return;
    if (event.data?.type === "cartbridge:ready") show("frame-ready", "ready");
  });
  const init = document.getElementById("init");
  init.hidden = false;
  init.addEventListener("click", () => {
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = ({ data }) => {
      if (data?.type === "loaded") show("ready", data.ok ? "ready" : { error: data.error });
      if (data?.type === "change") show("change", data);
      if (data?.type === "result") show("result", data);
    };
    frame.contentWindow.postMessage({ type: "cartbridge:init", v: 1, cartId }, cartBridge, [channel.port2]);
  });
  document.getElementById("submit").addEventListener("click", () => {
    show("result", "");
    port?.postMessage({ type: "submit", id: 1 });
  });
  document.getElementById("card-element").appendChild(frame);

  const foreign = document.createElement("iframe");
  foreign.title = "Foreign";
  foreign.src = `${params.get("foreign")}/foreign.html?cart=${encodeURIComponent(params.get("decoy") ?? "")}`;
  document.getElementById("foreign-slot").appendChild(foreign);
}
