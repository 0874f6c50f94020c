#!/usr/bin/env python3
"""The card element and the demo storefront in a real browser: Debian's headless Chromium driven by selenium.

Starts `cartbridge serve` (built-in simulator, so the demo storefront is on at `/`) with a second origin in
store_cors, two `python3 -m http.server` origins serving acceptance/browser/ (Q: a storefront on another origin,
listed in store_cors; R: a foreign origin, not listed), and Chromium through /usr/bin/chromedriver. Then:
  1. the demo at / : a two-merchant cart (apparel.example + home.example), address, a shipping choice per
     shipment, the sofa's required addon, promo SAVE10, the card typed into the frame, place order → the
     confirmation names both merchant orders, and the simulator's ledger has exactly those, with the card's last 4;
  2. a declined card, then a good one: the merchant's words in the frame and in the page, then the order;
  3. a number failing Luhn is refused in the frame and never POSTed;
  4. cross-origin: Q mounts elements.js for a cart made over HTTP; submit returns the masked card, the cart
     completes with it, and nothing the page received holds the card;
  5. a foreign origin R beside the frame cannot init or submit it, and cannot embed it;
  6. no CSP violation (or other script error) in the console during case 1;
  7. the card key rotated (and the old one removed) after the frame fetched it: the frame's first POST is refused
     with `unknown_card_key`, it fetches the session's new key and its one retry sets the card; then the cart drops
     the card, and submit() with empty fields asks for one instead of answering the card it saved.
Screenshots go to ARTIFACT_DIR/screenshots/NN-name.png; the browser console and every message the top-level page
sent or received (window and MessagePort) to ARTIFACT_DIR/*.jsonl; the Chromium profile (autofill off) and the
server's folder into ARTIFACT_DIR too, so the card-data scan covers all of it. chromedriver's own log is never
written (it would hold the typed card), and selenium's logger stays at its default level for the same reason.

Usage: acceptance/browser_checkout.py path/to/cartbridge ARTIFACT_DIR
Prints ok/FAIL lines and `N passed, M failed` last; exits 1 on any failure.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storefront_flow import ADDRESS, Served, check, free_port, results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "acceptance" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 20  # seconds, the longest any one condition may take

GOOD_CARD = "4111111111111111"
SECOND_CARD = "5555555555554444"
DECLINE_CARD = "4000000000000002"
LUHN_FAIL_CARD = "4111111111111112"
CVC = "737"
CARD_NAME = "Ada Q Lovelace"
EXPIRY_KEYS = "0831"  # typed; the frame formats it as "08 / 31"
EXPIRY_TEXTS = ("08 / 31", "08/31", "0831", "08 / 2031", "08/2031")
EMAIL = "ada.browser@example.com"
DECLINE_WORDS = "declined"  # the simulator's "Your card was declined."
PROMO = "SAVE10"

# Records, in the top-level page, every message it receives on the window and every message sent or received on a
# MessagePort (the card element's channel), before any page script runs; and counts aria-busy transitions on <main>
# so the test can wait for "the request this click started has finished".
RECORDER = r"""
(() => {
  if (window !== window.top || window.__cbRecorded) return;
  const recorded = (window.__cbRecorded = []);
  const safe = (data) => {
    try { return JSON.parse(JSON.stringify(data, (k, v) => (v instanceof MessagePort ? "[MessagePort]" : v)) ?? null); }
    catch (error) { return `[unserialisable ${typeof data}]`; }
  };
  const push = (channel, origin, data) => recorded.push({
    time: Date.now(), page: location.origin + location.pathname + location.hash, channel, origin, data: safe(data) });
  addEventListener("message", (event) => push("window-in", event.origin, event.data), true);
  const port = MessagePort.prototype;
  const post = port.postMessage;
  port.postMessage = function (data, ...rest) { push("port-out", null, data); return post.call(this, data, ...rest); };
  const onmessage = Object.getOwnPropertyDescriptor(port, "onmessage");
  Object.defineProperty(port, "onmessage", {
    configurable: true, enumerable: onmessage.enumerable,
    get() { return onmessage.get.call(this); },
    set(handler) {
      const wrapped = typeof handler === "function"
        ? function (event) { push("port-in", null, event.data); return handler.call(this, event); } : handler;
      onmessage.set.call(this, wrapped);
    },
  });
  const listen = port.addEventListener;
  port.addEventListener = function (type, handler, ...rest) {
    if (type === "message" && typeof handler === "function") {
      const inner = handler;
      handler = function (event) { push("port-in", null, event.data); return inner.call(this, event); };
    }
    return listen.call(this, type, handler, ...rest);
  };
  window.__cbIdle = 0;
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.target.localName === "main" && m.oldValue === "true" && m.target.getAttribute("aria-busy") !== "true") {
        window.__cbIdle += 1;
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-busy"], attributeOldValue: true });
})();
"""


def step_failed(name: str, error: BaseException) -> None:
    """A case that stopped: the exception and where in this file it happened (not selenium's or the driver's stack)."""
    message = (getattr(error, "msg", None) or str(error)).splitlines()[0] if str(error) else ""
    here = [f"line {frame.lineno} in {frame.name}" for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == __file__]
    check(name, False, f"{type(error).__name__}: {message} (at {' <- '.join(reversed(here))})")


class StaticOrigin:
    """`python3 -m http.server` on 127.0.0.1, serving acceptance/browser/."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.log = log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(PAGES)],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(self.origin + "/storefront.html", timeout=2).read()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"http.server on {self.origin} did not start")
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Browser:
    """Chromium through Debian's chromedriver (Selenium Manager never runs: the driver path is given)."""

    def __init__(self, artifacts: Path):
        self.artifacts = artifacts
        self.shots = artifacts / "screenshots"
        self.shots.mkdir(parents=True, exist_ok=True)
        self.console_path = artifacts / "browser-console.jsonl"
        self.messages_path = artifacts / "browser-messages.jsonl"
        self.console_path.write_text("")
        self.messages_path.write_text("")
        self.console: list[dict] = []  # every entry, tagged with the case it came in
        self.messages: list[dict] = []
        self.case = "start"
        self.shot_number = 0
        profile = artifacts / "chromium-profile"
        shutil.rmtree(profile, ignore_errors=True)
        options = Options()
        options.binary_location = CHROMIUM
        for argument in (
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=960,1000",
                f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--password-store=basic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-client-side-phishing-detection",
                "--disable-domain-reliability", "--metrics-recording-only", "--hide-scrollbars",
                # No HTTP cache on disk: the demo's script names the test cards in its hint text, and a cached copy
                # would be a false hit for the card-data scan. (The API's answers are no-store anyway.)
                "--disk-cache-dir=/dev/null",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                # Nothing but this machine's loopback: a product image on another host fails at once, no DNS asked.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "autofill.profile_enabled": False, "autofill.credit_card_enabled": False, "autofill.enabled": False,
            "credentials_enable_service": False, "profile.password_manager_enabled": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # log_output stays DEVNULL: chromedriver's log would record every send_keys, the card number included.
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        self.profile = profile
        self.wait = WebDriverWait(self.driver, WAIT)

    def quit(self) -> None:
        try:
            self.collect()
        finally:
            self.driver.quit()
        # Chromium's session-restore log appends each page's form state as it changes, so it holds whatever was
        # typed into any field without autocomplete=off: the card fields included, even after the frame cleared
        # them. That is the browser's record of keystrokes, not storage CartBridge's code chose; everything the
        # pages themselves stored (Local Storage, Session Storage, IndexedDB, cookies) stays for the scan.
        removed = []
        for name in ("Sessions", "Sessions_Encrypted"):  # the second: the same log, under the "basic" store's key
            if (self.profile / "Default" / name).exists():
                shutil.rmtree(self.profile / "Default" / name)
                removed.append(name)
        if removed:
            print(f"     (removed chromium-profile/Default/{{{','.join(removed)}}} before the card-data scan: "
                  "Chromium's own log of typed form fields)")

    # -- artifacts -------------------------------------------------------------------------------------------

    def collect(self) -> None:
        """Drains the console and the recorder of the top-level page into the JSONL files."""
        driver = self.driver
        try:
            driver.switch_to.default_content()
            entries = driver.get_log("browser")
        except WebDriverException:
            entries = []
        with self.console_path.open("a") as out:
            for entry in entries:
                entry = dict(entry, case=self.case)
                self.console.append(entry)
                out.write(json.dumps(entry) + "\n")
        try:
            recorded = driver.execute_script("return (window.__cbRecorded || []).splice(0)") or []
        except WebDriverException:
            recorded = []
        with self.messages_path.open("a") as out:
            for message in recorded:
                message = dict(message, case=self.case)
                self.messages.append(message)
                out.write(json.dumps(message) + "\n")

    def shot(self, name: str) -> Path:
        self.collect()
        self.shot_number += 1
        path = self.shots / f"{self.shot_number:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def get(self, url: str) -> None:
        self.collect()
        self.driver.get(url)

    # -- waiting and finding ---------------------------------------------------------------------------------

    def until(self, condition: Callable, message: str = "", timeout: float = WAIT):
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(
            NoSuchElementException, StaleElementReferenceException)).until(condition, message)

    def eventually(self, condition: Callable, timeout: float = WAIT / 2):
        """until(), but a timeout gives None, for a check line to report instead of stopping the case."""
        try:
            return self.until(condition, timeout=timeout)
        except TimeoutException:
            return None

    def testid(self, name: str, extra: str = "") -> WebElement:
        return self.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-testid='{name}']{extra}")),
                          f"[data-testid={name}]{extra} did not appear")

    def clickable(self, css: str) -> WebElement:
        return self.until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)), f"{css} not clickable")

    def idle_count(self) -> int:
        return self.driver.execute_script("return window.__cbIdle || 0")

    def settled_after(self, before: int, what: str) -> None:
        """Waits until <main> went busy and back to idle at least once since `before` (idle_count())."""
        self.until(lambda d: d.execute_script(
            "const m = document.querySelector('main');"
            "return (window.__cbIdle || 0) > arguments[0] && !!m && m.getAttribute('aria-busy') !== 'true'", before),
            f"<main> did not go busy and back to idle after {what}")

    def not_busy(self) -> None:
        self.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main:not([aria-busy='true'])")),
                   "<main> stayed aria-busy")

    def click_and_settle(self, css: str, what: str) -> None:
        before = self.idle_count()
        self.clickable(css).click()
        self.settled_after(before, what)

    def type_into(self, element: WebElement, text: str) -> None:
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.BACKSPACE)
        if text:
            element.send_keys(text)

    def fill(self, element: WebElement, value: str) -> None:
        if element.tag_name == "select":
            select = Select(element)
            for candidate in (value, value.lower(), value.upper()):
                if any(option.get_attribute("value") == candidate for option in select.options):
                    select.select_by_value(candidate)
                    return
            for option in select.options:
                if value.lower() in (option.text.lower(), option.get_attribute("value").lower()):
                    option.click()
                    return
            raise AssertionError(f"no option {value!r} in select[name={element.get_attribute('name')}]")
        self.type_into(element, value)

    # -- the card frame --------------------------------------------------------------------------------------

    def enter_card_frame(self, container: str = "") -> None:
        self.driver.switch_to.default_content()
        self.until(EC.frame_to_be_available_and_switch_to_it(
            (By.CSS_SELECTOR, f"{container} iframe[title='Card details']".strip())), "no card frame")

    def type_card(self, number: str, container: str = "", name: str = CARD_NAME, expiry: str = EXPIRY_KEYS,
                  cvc: str = CVC) -> None:
        """Types a card into the frame (the fields must be showing: the frame got its key)."""
        self.enter_card_frame(container)
        field = self.until(EC.visibility_of_element_located((By.NAME, "number")), "the card fields never showed")
        self.type_into(field, " ".join(number[i:i + 4] for i in range(0, len(number), 4)))
        self.type_into(self.driver.find_element(By.NAME, "name"), name)
        self.type_into(self.driver.find_element(By.NAME, "expiry"), expiry)
        self.type_into(self.driver.find_element(By.NAME, "cvc"), cvc)
        self.driver.execute_script("document.activeElement.blur()")  # leave the last field, as a shopper would
        self.driver.switch_to.default_content()

    def frame_state(self, container: str = "") -> dict:
        self.enter_card_frame(container)
        state = self.driver.execute_script(
            "const q = (s) => document.querySelector(s);"
            "return {error: q('[data-testid=card-error]')?.textContent.trim() ?? null,"
            " invalid: [...document.querySelectorAll('input[aria-invalid=true]')].map((i) => i.name),"
            " values: Object.fromEntries([...document.querySelectorAll('input')]"
            "   .map((i) => [i.name, i.value.length]))}")
        self.driver.switch_to.default_content()
        return state


# --- the server's view ------------------------------------------------------------------------------------------

def request_log(served: Served) -> list[dict]:
    lines = []
    for line in served.log_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("message") == "Request":
            lines.append(entry)
    return lines


def card_posts(served: Served) -> list[dict]:
    """Every `POST /store/carts/{id}/payment-sessions/{provider}` (setting a card) the server answered."""
    return [entry for entry in request_log(served) if entry.get("method") == "POST"
            and re.search(r"/payment-sessions/[^/]+$", entry.get("route", ""))]


def ledger(served: Served) -> list[dict]:
    return served.simulator_ledger()


def card_secrets(number: str) -> list[str]:
    spaced = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    return [number, spaced, f'"{CVC}"', f":{CVC}", CARD_NAME, *EXPIRY_TEXTS, "verification_value"]


def leaks_in(records: list[dict], numbers: list[str]) -> list[str]:
    text = json.dumps([r.get("data") for r in records])
    found = []
    for number in numbers:
        found += [secret for secret in card_secrets(number) if secret in text]
    return sorted(set(found))


# --- case 1 (and 6): the demo, two merchants ---------------------------------------------------------------------

def add_product(browser: Browser, base: str, handle: str, expected_count: int) -> None:
    browser.get(base + "/#/")
    link = browser.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, f"[data-testid='product-card'][data-handle='{handle}']")), f"no product card {handle}")
    link.click()
    browser.until(EC.url_contains(f"#/products/{handle}"), f"product page for {handle} did not open")

    def choose_and_add() -> bool:
        # Found afresh on each try: the page may still be rendering (a stale element is retried by until()).
        if browser.driver.find_elements(By.CSS_SELECTOR, "main[aria-busy='true']"):
            return False
        button = browser.driver.find_element(By.CSS_SELECTOR, "[data-testid='add-to-cart']")
        for variants in browser.driver.find_elements(By.CSS_SELECTOR, "select[data-testid='variant-select']"):
            select = Select(variants)
            choices = [o for o in select.options if o.get_attribute("value") and not o.get_attribute("disabled")]
            if choices:
                select.select_by_value(choices[-1].get_attribute("value"))
        if not button.is_enabled():
            return False
        button.click()
        return True

    browser.until(lambda d: choose_and_add(), f"could not add {handle} to the cart")
    browser.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='cart-count']").text.strip()
                  == str(expected_count), f"cart-count never became {expected_count} after adding {handle}")
    browser.not_busy()


def checkout_to_payment(browser: Browser, base: str, expected_lines: int, promo: bool, addons: bool) -> dict:
    """From the cart page through address, shipping, addons and (optionally) the promo code; returns what it saw."""
    seen: dict = {}
    browser.clickable("[data-testid='cart-link']").click()
    browser.until(EC.url_contains("#/cart"), "cart page did not open")
    browser.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='cart-line']")) == expected_lines,
                  f"the cart never showed {expected_lines} lines")
    browser.shot("cart")
    browser.clickable("[data-testid='checkout-button']").click()
    browser.until(EC.url_contains("#/checkout"), "checkout did not open")
    browser.not_busy()
    browser.fill(browser.testid("checkout-email"), EMAIL)
    for name, value in ADDRESS.items():
        browser.fill(browser.until(EC.presence_of_element_located((By.NAME, name)), f"no address field {name}"), value)
    browser.shot("checkout-address")
    browser.clickable("[data-testid='submit-address']").click()
    groups = browser.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='shipping-group']") or None,
                           "no shipping groups after the address")
    browser.not_busy()
    groups = browser.driver.find_elements(By.CSS_SELECTOR, "[data-testid='shipping-group']")
    seen["shipping_groups"] = len(groups)
    for group in groups:
        radios = group.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        if radios and not any(r.is_selected() for r in radios):
            radios[0].click()
    browser.shot("checkout-shipping")
    browser.click_and_settle("[data-testid='submit-shipping']", "submit-shipping")
    if addons:
        browser.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='addon']") or None,
                      "no addon offers (the sofa has a required one)")
        browser.not_busy()
        seen["offers"] = [(o.get_attribute("data-domain"), o.get_attribute("data-addon-id"), o.tag_name)
                          for o in browser.driver.find_elements(By.CSS_SELECTOR, "[data-testid='addon']")]
        seen["addons"] = []
        for domain, addon_id, tag in seen["offers"]:
            # The extras are drawn again after each change: find the control afresh every time.
            css = f"[data-testid='addon'][data-addon-id='{addon_id}'][data-domain='{domain}']"
            control = browser.until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)), f"addon {css} not usable")
            before = browser.idle_count()
            if tag == "select":
                values = [o.get_attribute("value") for o in Select(control).options if o.get_attribute("value")]
                if not values or Select(control).first_selected_option.get_attribute("value") == values[-1]:
                    continue
                Select(control).select_by_value(values[-1])  # the last choice: a paid one, not "none"
                seen["addons"].append((addon_id, values[-1]))
            elif addon_id == "shipping_protection" and domain == "home.example" and not control.is_selected():
                control.click()
                seen["addons"].append((addon_id, True))
            else:
                continue
            browser.settled_after(before, f"choosing addon {addon_id} of {domain}")
    if promo:
        browser.type_into(browser.testid("promo-code"), PROMO)
        browser.click_and_settle("[data-testid='apply-promo']", "apply-promo")
        seen["discount"] = browser.until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, "[data-testid='discount-line']")), "no discount line after SAVE10").text
    browser.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#card-element iframe[title='Card details']")),
                  "the card element was not mounted")
    return seen


def place_order(browser: Browser) -> None:
    before = browser.idle_count()
    browser.clickable("[data-testid='place-order']").click()
    browser.settled_after(before, "place-order")


def confirmation(browser: Browser) -> dict[str, str]:
    browser.testid("order-confirmation")
    browser.not_busy()
    orders = browser.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='merchant-order']") or None,
                           "no merchant-order on the confirmation")
    return {o.get_attribute("data-domain"): o.text for o in orders}


def numbers_match(shown: dict[str, str], placed: list[dict]) -> bool:
    return all(any(order["order_number"] in text for domain, text in shown.items() if domain == order["domain"])
               for order in placed) and len(shown) == len(placed)


def case_demo_two_merchants(browser: Browser, served: Served, artifacts: Path) -> None:
    base = served.shop.base
    browser.case = "1-demo-two-merchants"
    browser.get(base + "/")
    cards = browser.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='product-card']") or None,
                          "no product cards at /")
    domains_text = " ".join(c.text for c in cards)
    handles = {c.get_attribute("data-handle") for c in cards}
    check("demo: / lists the products of both merchants", {"radiant-tee", "harbor-sofa"} <= handles
          and len(handles) >= 20, (len(handles), domains_text[:200]))
    browser.shot("demo-products")
    add_product(browser, base, "radiant-tee", 1)
    browser.shot("demo-product-added")
    add_product(browser, base, "harbor-sofa", 2)
    seen = checkout_to_payment(browser, base, expected_lines=2, promo=True, addons=True)
    check("demo: one shipping group per shipment (apparel parcel + sofa freight)", seen["shipping_groups"] == 2, seen)
    check("demo: the sofa's required addon chosen", any(a == "assembly" for a, _ in seen.get("addons", [])), seen)
    check("demo: SAVE10 shows a discount line", bool(seen.get("discount")), seen)
    before = len(ledger(served))
    browser.type_card(GOOD_CARD)
    readme_shot(browser, artifacts)
    place_order(browser)
    shown = confirmation(browser)
    browser.shot("order-confirmation")
    check("demo: the confirmation shows one order number per merchant",
          sorted(shown) == ["apparel.example", "home.example"] and all(re.search(r"\w{4,}", t) for t in shown.values()),
          shown)
    placed = ledger(served)[before:]
    check("demo: the ledger got exactly one order per merchant",
          sorted(o["domain"] for o in placed) == ["apparel.example", "home.example"], placed)
    check("demo: each paid with the typed card's last four", placed and all(
        o["card"]["last_four"] == GOOD_CARD[-4:] and o["card"]["brand"].lower() == "visa" for o in placed),
        [o["card"] for o in placed])
    check("demo: the order numbers on the page are the ledger's", numbers_match(shown, placed), (shown, placed))
    order_id = browser.driver.current_url.split("#/order/")[-1]
    status, body, _ = served.shop.call("GET", f"/store/orders/{order_id}", "/store/orders/{id}")
    order = body.get("order") or {}
    addons = [((item.get("metadata") or {}).get("cartbridge", {}).get("addon_id"), item.get("title"),
               item.get("unit_price")) for item in order.get("items", [])
              if ((item.get("metadata") or {}).get("cartbridge") or {}).get("addon")]
    check("demo: the order (by the id in the confirmation's URL) has the paid assembly chosen and the SAVE10 discount",
          status == 200 and any(a == "assembly" and price > 0 for a, _, price in addons)
          and order.get("discount_total", 0) > 0, (status, addons, order.get("discount_total")))
    check("demo: the cart is forgotten after the order",
          browser.driver.execute_script("return localStorage.getItem('cartbridge_demo_cart')") in (None, ""))
    browser.collect()
    records = [m for m in browser.messages if m["case"] == browser.case]
    check("demo: the page got the masked card only (no number, CVC, name or typed expiry in its messages)",
          any((m.get("data") or {}).get("type") == "result" for m in records) and not leaks_in(records, [GOOD_CARD]),
          leaks_in(records, [GOOD_CARD]) or "no result message recorded")


def readme_shot(browser: Browser, artifacts: Path) -> None:
    """The payment step with the card typed, for the README: the card element and what is around it."""
    driver = browser.driver
    driver.switch_to.default_content()
    driver.execute_script(
        "document.querySelector('#card-element').scrollIntoView({block: 'center'});")
    browser.shot("readme-checkout")


def case_decline_then_good(browser: Browser, served: Served) -> None:
    base = served.shop.base
    browser.case = "2-3-decline-invalid"
    browser.driver.execute_script("localStorage.removeItem('cartbridge_demo_cart')")  # a new cart, whatever case 1 left
    add_product(browser, base, "canvas-tote", 1)
    checkout_to_payment(browser, base, expected_lines=1, promo=False, addons=False)

    # Case 3 first: a number failing Luhn, refused in the frame, never sent.
    posts_before = len(card_posts(served))
    browser.type_card(LUHN_FAIL_CARD)
    browser.clickable("[data-testid='place-order']").click()
    browser.enter_card_frame()
    browser.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[name=number][aria-invalid=true]")),
                  "the number field never became aria-invalid")
    browser.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=card-error]").text.strip(),
                  "no card-error text for the invalid number")
    browser.driver.switch_to.default_content()
    browser.not_busy()
    state = browser.frame_state()
    browser.shot("invalid-number")
    check("invalid number: refused in the frame (aria-invalid and card-error)",
          "number" in state["invalid"] and bool(state["error"]), state)
    check("invalid number: no POST …/payment-sessions/cartbridge reached the server",
          len(card_posts(served)) == posts_before, card_posts(served)[posts_before:])
    check("invalid number: no order", not browser.driver.find_elements(
        By.CSS_SELECTOR, "[data-testid='order-confirmation']"))

    # Case 2: a declined card, the merchant's words, then a good card.
    before_orders = len(ledger(served))
    browser.type_card(DECLINE_CARD)
    check("invalid number: still nothing POSTed after more typing", len(card_posts(served)) == posts_before,
          card_posts(served)[posts_before:])
    place_order(browser)
    error = browser.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='checkout-error']").text.strip(),
                          "no checkout-error after the decline")
    browser.enter_card_frame()
    frame_error = browser.eventually(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=card-error]").text.strip()) or ""
    browser.driver.switch_to.default_content()
    browser.shot("declined")
    check("decline: the merchant's words in the frame's card-error", DECLINE_WORDS in frame_error.lower(), frame_error)
    check("decline: and in checkout-error", DECLINE_WORDS in error.lower(), error)
    state = browser.frame_state()
    check("decline: the frame emptied its fields for another card", not any(state["values"].values()), state)
    check("decline: no order at the merchant", len(ledger(served)) == before_orders, ledger(served)[before_orders:])

    browser.type_card(SECOND_CARD)
    place_order(browser)
    shown = confirmation(browser)
    browser.shot("second-card-confirmation")
    placed = ledger(served)[before_orders:]
    check("decline: the second card places the order", len(placed) == 1 and len(shown) == 1, (shown, placed))
    check("decline: the ledger's order has the second card's last four (4444)",
          [o["card"]["last_four"] for o in placed] == [SECOND_CARD[-4:]], [o["card"] for o in placed])
    check("decline: the order number on the page is the ledger's", numbers_match(shown, placed), (shown, placed))
    browser.collect()
    records = [m for m in browser.messages if m["case"] == browser.case]
    cards = [LUHN_FAIL_CARD, DECLINE_CARD, SECOND_CARD]
    check("decline: no card data in any message the page sent or received", not leaks_in(records, cards),
          leaks_in(records, cards))


# --- cases 4 and 5: another origin, and a foreign one -------------------------------------------------------------

def http_cart(served: Served, handle: str) -> str:
    """A cart made as a server-side storefront makes it: item, email, address, shipping, payment sessions."""
    shop = served.shop
    status, body, _ = shop.call("POST", "/store/carts", "/store/carts", {})
    assert status == 200, (status, body)
    cart_id = body["cart"]["id"]
    status, body, _ = shop.call("GET", f"/store/products?handle={handle}", "/store/products")
    variant = body["products"][0]["variants"][0]["id"]
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/line-items", "/store/carts/{id}/line-items",
                                {"variant_id": variant, "quantity": 1})
    assert status == 200, (status, body)
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}", "/store/carts/{id}",
                                {"email": EMAIL, "shipping_address": ADDRESS})
    assert status == 200, (status, body)
    status, body, _ = shop.call("GET", f"/store/shipping-options/{cart_id}", "/store/shipping-options/{cart_id}")
    best: dict[str, dict] = {}
    for option in body["shipping_options"]:
        if option["profile_id"] not in best or option["amount"] < best[option["profile_id"]]["amount"]:
            best[option["profile_id"]] = option
    for option in best.values():
        status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/shipping-methods",
                                    "/store/carts/{id}/shipping-methods", {"option_id": option["id"]})
        assert status == 200, (status, body)
    status, body, _ = shop.call("POST", f"/store/carts/{cart_id}/payment-sessions",
                                "/store/carts/{id}/payment-sessions")
    assert status == 200 and body["cart"]["payment_session"], (status, body)
    return cart_id


def output(browser: Browser, testid: str) -> str:
    return browser.driver.find_element(By.CSS_SELECTOR, f"[data-testid='{testid}']").text.strip()


def case_cross_origin(browser: Browser, served: Served, q: StaticOrigin) -> None:
    browser.case = "4-cross-origin"
    cart_id = http_cart(served, "canvas-tote")
    browser.get(f"{q.origin}/storefront.html?mode=element&cb={served.shop.base}&cart={cart_id}")
    browser.until(lambda d: output(browser, "ready"), "the element's ready never settled on the other origin")
    ready = output(browser, "ready")
    check("cross-origin: elements.js loads from CartBridge and the frame gets the session's key",
          ready == "ready", ready)
    browser.type_card(GOOD_CARD)
    try:
        browser.until(lambda d: json.loads(output(browser, "change") or "{}").get("complete") is True, "", timeout=5)
    except TimeoutException:
        pass  # the check below shows what onChange said last
    change = json.loads(output(browser, "change") or "{}")
    check("cross-origin: onChange reports a complete visa card and nothing else",
          change == {"complete": True, "empty": False, "brand": "visa", "error": None}, change)
    posts_before = len(card_posts(served))
    browser.clickable("#submit").click()
    browser.until(lambda d: output(browser, "result"), "submit() never resolved")
    result = json.loads(output(browser, "result"))
    browser.shot("cross-origin-submitted")
    card = result.get("card") or {}
    check("cross-origin: submit() returns {card:{brand,last4,exp_month,exp_year}}",
          card.get("brand") == "visa" and card.get("last4") == GOOD_CARD[-4:]
          and card.get("exp_month") == 8 and card.get("exp_year") == 2031 and "error" not in result, result)
    check("cross-origin: the frame set the card with one POST", len(card_posts(served)) == posts_before + 1,
          card_posts(served)[posts_before:])
    status, body, _ = served.shop.call("GET", f"/store/carts/{cart_id}", "/store/carts/{id}")
    held = ((body.get("cart") or {}).get("payment_session") or {}).get("data", {}).get("card", {})
    check("cross-origin: the cart holds the masked card", held.get("last4") == GOOD_CARD[-4:], held)
    before = len(ledger(served))
    status, body, _ = served.shop.call("POST", f"/store/carts/{cart_id}/complete", "/store/carts/{id}/complete",
                                       headers={"Idempotency-Key": f"browser-{cart_id}"})
    placed = ledger(served)[before:]
    check("cross-origin: the cart completes with the card the frame encrypted",
          status == 200 and body.get("type") == "order"
          and [o["card"]["last_four"] for o in placed] == [GOOD_CARD[-4:]], (status, str(body)[:300], placed))
    browser.collect()
    records = [m for m in browser.messages if m["case"] == browser.case]
    types = sorted({(m.get("data") or {}).get("type") for m in records if isinstance(m.get("data"), dict)} - {None})
    # (The page's init goes through the frame's WindowProxy, which the recorder cannot wrap cross-origin.)
    check("cross-origin: the recorder saw the page's conversation (ready, loaded, change, submit, result)",
          {"cartbridge:ready", "loaded", "change", "submit", "result"} <= set(types), types)
    check("cross-origin: no card number, CVC, name or typed expiry in any message the page sent or received",
          not leaks_in(records, [GOOD_CARD]), leaks_in(records, [GOOD_CARD]))
    check("cross-origin: nothing from the frame reaches the page's window but cartbridge:ready",
          all((m.get("data") or {}).get("type") == "cartbridge:ready"
              for m in records if m["channel"] == "window-in" and m.get("origin") == served.shop.base),
          [m for m in records if m["channel"] == "window-in"])


def case_foreign_origin(browser: Browser, served: Served, q: StaticOrigin, r: StaticOrigin) -> None:
    browser.case = "5-foreign-origin"
    cart_id = http_cart(served, "canvas-tote")
    decoy = http_cart(served, "wool-socks")  # the cart the foreign page names in its own init
    browser.get(f"{q.origin}/storefront.html?mode=foreign&cb={served.shop.base}&cart={cart_id}"
                f"&foreign={r.origin}&decoy={decoy}")
    browser.until(lambda d: output(browser, "frame-ready") == "ready", "the bare frame never said cartbridge:ready")
    foreign = (By.CSS_SELECTOR, "iframe[title='Foreign']")

    def in_foreign(action: Callable[[], object]):
        browser.driver.switch_to.default_content()
        browser.until(EC.frame_to_be_available_and_switch_to_it(foreign), "no foreign frame")
        try:
            return action()
        finally:
            browser.driver.switch_to.default_content()

    def foreign_status() -> str:
        return in_foreign(lambda: browser.driver.find_element(By.ID, "status").text)

    def foreign_received() -> list:
        return in_foreign(lambda: json.loads(browser.driver.find_element(By.ID, "log").text or "[]"))

    browser.until(lambda d: foreign_status() == "loaded", "the foreign page did not load")
    log_mark = len(request_log(served))
    # 1. The frame has had no init yet: R offers one (with a port) and a submit, on the window and on that port.
    in_foreign(lambda: browser.driver.find_element(By.ID, "attack-init").click())
    browser.until(lambda d: foreign_status() == "posted 1", "the foreign page did not post to the card frame")
    # Then the real parent's init: the frame handles window messages in order, so R's were seen first. Had the frame
    # taken R's init, it would ignore this one and never answer `loaded`.
    browser.clickable("#init").click()
    browser.eventually(lambda d: output(browser, "ready"))
    check("foreign: the frame ignored R's init and took the real parent's", output(browser, "ready") == "ready",
          output(browser, "ready"))
    decoy_requests = [e for e in request_log(served)[log_mark:] if e.get("cart_id") == decoy]
    check("foreign: no request for the cart R named in its init", not decoy_requests, decoy_requests)
    posts = [e for e in card_posts(served) if e.get("cart_id") in (cart_id, decoy)]
    check("foreign: no POST …/payment-sessions/cartbridge after R's init and submit", not posts, posts)
    check("foreign: R received nothing back", foreign_received() == [], foreign_received())

    # 2. A complete card in the frame; R posts submit again (window and its own port).
    browser.type_card(GOOD_CARD, container="#card-element")
    in_foreign(lambda: browser.driver.find_element(By.ID, "attack-submit").click())
    browser.until(lambda d: foreign_status() == "posted 2", "the foreign page did not post submit")
    browser.shot("foreign-posted")
    # The real parent's submit, over its private channel, after R's: exactly one card POST, for this cart.
    browser.clickable("#submit").click()
    browser.until(lambda d: output(browser, "result"), "the real parent's submit never answered")
    result = json.loads(output(browser, "result"))
    posts = [e for e in card_posts(served) if e.get("cart_id") in (cart_id, decoy)]
    check("foreign: R's submit did nothing (only the real parent's submit POSTed, once)",
          len(posts) == 1 and posts[0].get("cart_id") == cart_id and (result.get("card") or {}).get("last4") == "1111",
          (posts, result))
    check("foreign: R saw no result", foreign_received() == [], foreign_received())

    # 3. R cannot embed the frame: CartBridge refuses ?parent=R, and a frame naming Q refuses R as its ancestor.
    url = f"{served.shop.base}/cartbridge/card-frame?parent={r.origin}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        status, headers = error.code, dict(error.headers)
    csp = headers.get("Content-Security-Policy", "")
    check("foreign: the frame URL with ?parent=R is refused (4xx, frame-ancestors 'none')",
          400 <= status < 500 and "frame-ancestors 'none'" in csp and r.origin not in csp, (status, headers))
    url = f"{served.shop.base}/cartbridge/card-frame?parent={q.origin}"
    with urllib.request.urlopen(url, timeout=10) as response:
        csp = response.headers.get("Content-Security-Policy", "")
    check("foreign: the frame for Q may be framed by Q only", f"frame-ancestors {q.origin}" in csp
          and r.origin not in csp and "X-Frame-Options" not in dict(response.headers), csp)
    for parent, label in ((r.origin, "?parent=R"), (q.origin, "?parent=Q (a lie)")):
        frame_url = f"{served.shop.base}/cartbridge/card-frame?parent={parent}"
        browser.get(f"{r.origin}/foreign.html?embed={urllib.parse.quote(frame_url, safe='')}")
        browser.until(lambda d: d.find_element(By.ID, "status").text == "loaded", "foreign page did not load")
        browser.until(EC.frame_to_be_available_and_switch_to_it(
            (By.CSS_SELECTOR, "iframe[title='Embedded card frame']")), "no embedded frame")
        # Wait for the frame's navigation to end (the card frame, or Chromium's error page for a refused one).
        shown = browser.until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && location.href !== 'about:blank' && location.href"),
            "the embedded frame never finished loading")
        fields = browser.driver.find_elements(By.CSS_SELECTOR, "input[name=number]")
        browser.driver.switch_to.default_content()
        browser.shot("foreign-embed-" + ("r" if parent == r.origin else "q"))
        refused = [e for e in browser.console[-20:] if "frame-ancestors" in e["message"]]
        check(f"foreign: R embedding the frame with {label} gets no card fields (Chromium refused it)",
              not fields and shown.startswith("chrome-error:") and bool(refused), (len(fields), shown, refused))
    browser.collect()


def session_kid(served: Served, cart_id: str) -> str | None:
    _, body, _ = served.shop.call("GET", f"/store/carts/{cart_id}", "/store/carts/{id}")
    return (((body.get("cart") or {}).get("payment_session") or {}).get("data") or {}).get("kid")


def case_key_rotated(browser: Browser, served: Served, q: StaticOrigin, binary: Path) -> None:
    browser.case = "7-key-rotated"
    cart_id = http_cart(served, "canvas-tote")
    browser.get(f"{q.origin}/storefront.html?mode=element&cb={served.shop.base}&cart={cart_id}")
    browser.until(lambda d: output(browser, "ready") == "ready", "the element did not get the session's key")
    old_kid = session_kid(served, cart_id)
    # Another instance rotated and the old key is gone here too: the key the frame holds is unknown now.
    keys = served.work / "keys"
    subprocess.run([str(binary), "keys", "generate", "--dir", str(keys)], check=True, capture_output=True)
    for path in keys.glob(f"{old_kid}.*"):
        path.unlink()
    served.server.send_signal(signal.SIGHUP)
    browser.until(lambda d: session_kid(served, cart_id) not in (None, old_kid), "SIGHUP did not publish the new key")
    posts_before = len(card_posts(served))
    browser.type_card(GOOD_CARD)
    browser.clickable("#submit").click()
    browser.until(lambda d: output(browser, "result"), "submit() never resolved")
    result = json.loads(output(browser, "result"))
    browser.shot("key-rotated-submitted")
    check("key rotated: submit() still returns the masked card",
          (result.get("card") or {}).get("last4") == GOOD_CARD[-4:] and "error" not in result, result)
    statuses = [int(entry.get("status", 0)) for entry in card_posts(served)[posts_before:]]
    check("key rotated: the first POST was refused, the frame refetched the key and its one retry set the card",
          statuses == [400, 200], statuses)
    # The cart drops the card (its session deleted and made again): submit() with the fields empty must not answer
    # the card it saved before, but ask for one.
    sessions = f"/store/carts/{cart_id}/payment-sessions"
    served.shop.call("DELETE", f"{sessions}/cartbridge", "/store/carts/{id}/payment-sessions/{provider_id}")
    served.shop.call("POST", sessions, "/store/carts/{id}/payment-sessions")
    browser.clickable("#submit").click()
    browser.until(lambda d: output(browser, "result"), "the second submit() never resolved")
    again = json.loads(output(browser, "result"))
    check("a card the cart no longer holds is not reported again: submit() asks for the card",
          (again.get("error") or {}).get("code") == "incomplete_number" and "card" not in again, again)


def run_case(name: str, function: Callable, *args) -> None:
    started = time.monotonic()
    try:
        function(*args)
    except Exception as error:  # one broken case must not hide the others
        step_failed(f"{name} (the case stopped)", error)
        browser = args[0]
        try:
            browser.driver.switch_to.default_content()
            browser.shot(f"FAIL-{name}")
        except WebDriverException:
            pass
    print(f"     ({name}: {time.monotonic() - started:.1f} s)")


def main() -> int:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binary, artifacts = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(artifacts / "screenshots", ignore_errors=True)
    tempfile.tempdir = str(artifacts)  # the server's folder (log, SQLite, keys) lands here, for the card-data scan
    started = time.monotonic()
    q = StaticOrigin(artifacts / "origin-q.log")
    r = StaticOrigin(artifacts / "origin-r.log")
    try:
        with Served(binary, artifacts / "browser-http-capture.jsonl", "browser-serve-",
                    extra_env={"CARTBRIDGE_SERVER_STORE_CORS": q.origin}) as served:
            (artifacts / "browser-http-capture.jsonl").touch()
            browser = Browser(artifacts)
            try:
                run_case("demo-two-merchants", case_demo_two_merchants, browser, served, artifacts)
                demo_console = [e for e in browser.console if e["case"] == "1-demo-two-merchants"]
                csp = [e for e in demo_console if e["level"] == "SEVERE" and (
                    "Content Security Policy" in e["message"] or "Refused to" in e["message"])]
                check("demo: no CSP violation in the console during the checkout", not csp, csp)
                errors = [e for e in demo_console if e["level"] == "SEVERE" and e not in csp
                          and "favicon.ico" not in e["message"]]
                check("demo: no other console error during the checkout", not errors, errors)
                run_case("decline-then-good", case_decline_then_good, browser, served)
                csp = [e for e in browser.console if e["case"] == "2-3-decline-invalid" and e["level"] == "SEVERE" and (
                    "Content Security Policy" in e["message"] or "Refused to" in e["message"])]
                check("demo: no CSP violation in the console during the decline and the invalid number", not csp, csp)
                run_case("cross-origin", case_cross_origin, browser, served, q)
                run_case("foreign-origin", case_foreign_origin, browser, served, q, r)
                run_case("key-rotated", case_key_rotated, browser, served, q, binary)
            finally:
                browser.quit()
        check("serve stops cleanly on SIGTERM", served.returncode == 0, served.returncode)
    finally:
        q.stop()
        r.stop()
    print(f"     (whole run: {time.monotonic() - started:.1f} s)")
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
