// A page on a foreign origin (see foreign.html). It addresses the card frame as any page on the web could:
// parent.frames[i].postMessage(…, "*"), with a MessageChannel of its own, and records every answer it gets.
const params = new URLSearchParams(location.search);
const received = [];
const record = (via, data) => {
  received.push({ via, data });
  document.getElementById("log").textContent = JSON.stringify(received);
};
addEventListener("message", (event) => record(`window from ${event.origin}`, event.data));

function siblings() {
  const frames = [];
  if (parent === window) return frames;
  for (let i = 0; i < parent.frames.length; i++) {
    if (parent.frames[i] !== window) frames.push(parent.frames[i]);
  }
  return frames;
}

let posted = 0;
function attack(withInit) {
  for (const target of siblings()) {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => record("port", data);
    if (withInit) {
      target.postMessage({ type: "cartbridge:init", v: 1, cartId: params.get("cart") }, "*", [channel.port2]);
    }
    target.postMessage({ type: "submit", id: 99 }, "*");
    channel.port1.postMessage({ type: "submit", id: 98 });
    posted += 1;
  }
  document.getElementById("status").textContent = `posted ${posted}`;
}
document.getElementById("attack-init").addEventListener("click", () => attack(true));
document.getElementById("attack-submit").addEventListener("click", () => attack(false));

const embed = params.get("embed");
if (embed) {
  const frame = document.createElement("iframe");
  frame.title = "Embedded card frame";
  frame.src = embed;
  document.getElementById("embed-slot").appendChild(frame);
}
document.getElementById("status").textContent = "loaded";
