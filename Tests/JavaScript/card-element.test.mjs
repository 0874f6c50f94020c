// The card element's pure parts, in Node (node --test): the card checks must agree with CartBridge's own, and a JWE
// made by card-jwe.js must be one CartBridge decrypts. Usage: CARTBRIDGE_BINARY=.build/debug/cartbridge node --test Tests/JavaScript/
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { webcrypto } from "node:crypto";

globalThis.crypto ??= webcrypto;

const { brandOf, cvcState, expiryState, formatExpiry, formatNumber, luhn, nameState, numberState } =
  await import("../../web/element/card-checks.js");
const { base64url, encryptJSON } = await import("../../web/element/card-jwe.js");

test("Luhn and brands, as CartBridge's CardValidation sees them", () => {
  const cases = [
    ["4111111111111111", "visa", true],
    ["5555555555554444", "mastercard", true],
    ["2223003122003222", "mastercard", true],
    ["378282246310005", "amex", true],
    ["6011111111111117", "discover", true],
    ["4000000000000002", "visa", true],
    ["4111111111111112", "visa", false],
    ["9999999999999995", "unknown", true],
  ];
  for (const [digits, brand, valid] of cases) {
    assert.equal(brandOf(digits), brand, digits.slice(-4));
    assert.equal(luhn(digits), valid, digits.slice(-4));
  }
});

test("a number is incomplete while short, invalid when it fails Luhn or is too long, else complete", () => {
  const cases = [
    ["", "incomplete_number"],
    ["4111 1111", "incomplete_number"],
    ["4111 1111 1111 1111", null],
    ["4111-1111-1111-1111", null],
    ["4111 1111 1111 1112", "invalid_number"],
    ["3782 822463 10005", null],
    ["3782 822463 1000", "incomplete_number"],
    ["4111 1111 1111 1111 1111", "invalid_number"],
    ["4111 abcd", "invalid_number"],
  ];
  for (const [text, error] of cases) assert.equal(numberState(text).error, error, JSON.stringify(text.slice(-4)));
});

test("on submit any 12 to 19 digits passing Luhn are accepted, as the server does, whatever the brand's usual lengths", () => {
  const visa14 = "41111111111111"; // 14 digits: not a usual Visa length
  const check = (digits) => digits + [...Array(10).keys()].find((d) => luhn(digits + d));
  const number = check(visa14.slice(0, 13));
  assert.equal(numberState(number).error, "incomplete_number", "while typing it may still grow");
  assert.equal(numberState(number, true).error, null);
  assert.equal(numberState("41111111111", true).error, "incomplete_number", "11 digits are too few");
});

test("expiry while typing: a year that may still grow is incomplete, not an error", () => {
  const now = new Date(Date.UTC(2026, 11, 15));
  for (const text of ["12 / 2", "12 / 20", "12 / 203", "12 /"]) assert.equal(expiryState(text, now).error, "incomplete_expiry", text);
  assert.equal(expiryState("12 / 2020", now).error, "card_expired");
  assert.equal(expiryState("12 / 20", now, true).error, "card_expired");
  assert.equal(expiryState("12 / 203", now, true).error, "invalid_expiry");
});

test("expiry: valid through the end of its month in UTC, two-digit years in this century", () => {
  const now = new Date(Date.UTC(2026, 11, 31, 23, 30)); // the last half hour of December 2026, UTC
  const cases = [
    ["12 / 26", null, "12", "2026"],
    ["12 / 2026", null, "12", "2026"],
    ["11 / 26", "card_expired"],
    ["01 / 27", null, "01", "2027"],
    ["13 / 27", "invalid_expiry"],
    ["00 / 27", "invalid_expiry"],
    ["08", "incomplete_expiry"],
    ["", "incomplete_expiry"],
    ["08 / 2099", "invalid_expiry"],
    ["ab / cd", "invalid_expiry"],
  ];
  for (const [text, error, month, year] of cases) {
    const state = expiryState(text, now, true);
    assert.equal(state.error, error, text);
    if (!error) assert.deepEqual([state.month, state.year], [month, year], text);
  }
});

test("the security code has 4 digits for American Express and 3 for every other brand; a name is not blank", () => {
  assert.equal(cvcState("123", "visa").error, null);
  assert.equal(cvcState("1234", "visa").error, "incomplete_cvc");
  assert.equal(cvcState("1234", "amex").error, null);
  assert.equal(cvcState("123", "amex").error, "incomplete_cvc");
  assert.equal(cvcState("", "visa").error, "incomplete_cvc");
  assert.equal(nameState("  ").error, "incomplete_name");
  assert.equal(nameState("Ada Lovelace").error, null);
});

test("numbers and expiries are grouped as printed", () => {
  assert.equal(formatNumber("4111111111111111"), "4111 1111 1111 1111");
  assert.equal(formatNumber("378282246310005"), "3782 822463 10005");
  assert.equal(formatNumber("41111"), "4111 1");
  assert.equal(formatExpiry("0831"), "08 / 31");
  assert.equal(formatExpiry("8"), "08 / ");
  assert.equal(formatExpiry("1"), "1");
});

test("base64url has no padding and the URL-safe alphabet", () => {
  assert.equal(base64url(new Uint8Array([0xfb, 0xff])), "-_8");
  assert.equal(base64url(new Uint8Array([])), "");
});

test("a card encrypted by card-jwe.js is one CartBridge decrypts (cartbridge jwe inspect)", async () => {
  const binary = process.env.CARTBRIDGE_BINARY;
  assert.ok(binary, "set CARTBRIDGE_BINARY to the cartbridge executable");
  const keys = mkdtempSync(join(tmpdir(), "element-keys-"));
  try {
    execFileSync(binary, ["keys", "generate", "--dir", keys], { stdio: "ignore" });
    const publicFile = readdirSync(keys).find((name) => name.endsWith(".public.jwk.json"));
    const jwk = JSON.parse(readFileSync(join(keys, publicFile), "utf8"));
    const jwe = await encryptJSON(jwk, jwk.kid, {
      number: "4111111111111111", name: "Zoë Ångström", verification_value: "123", month: "08", year: "2031",
    });
    const parts = jwe.split(".");
    assert.equal(parts.length, 5);
    assert.deepEqual(JSON.parse(Buffer.from(parts[0], "base64url")), { alg: "RSA-OAEP-256", enc: "A256GCM", kid: jwk.kid });
    assert.equal(Buffer.from(parts[2], "base64url").length, 12);
    assert.equal(Buffer.from(parts[4], "base64url").length, 16);
    const summary = JSON.parse(execFileSync(binary, ["jwe", "inspect", "--keys", keys], { input: jwe }).toString());
    assert.deepEqual(
      { brand: summary.brand, card: summary.card, expiry: summary.expiry, kid: summary.kid },
      { brand: "visa", card: "**** 1111", expiry: "08/2031", kid: jwk.kid });
  } finally {
    rmSync(keys, { recursive: true, force: true });
  }
});
