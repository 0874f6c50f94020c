#!/usr/bin/env python3
"""Card keys and operations, end to end, against real `cartbridge serve` processes on loopback.

Card keys (config `keys:`; `cartbridge keys generate|rotate|export`):
  keys/sqlite-first-key         SQLite, empty key folder: serve generates <kid>.private.pem (0600); ready names it
  keys/postgres-waits-for-key   PostgreSQL, empty folder: no key is generated, /health/ready 503 and
                                payment-sessions 503 say so; `keys generate` + SIGHUP: ready, full checkout
  keys/rotate-sighup            `keys rotate` + SIGHUP: new sessions publish the new kid; a card encrypted to
                                the old key (session made before the rotation) is still accepted and completes
  keys/rescan-interval          keys.rescan_seconds: 1 publishes a generated key without SIGHUP
  keys/insecure-at-start        a 0644 private key stops start-up (non-zero, names the file and "chmod 600")
  keys/insecure-while-running   a 0644 key added while running: logged, old keys kept, readiness says why;
                                chmod 600 + SIGHUP then publishes it
  keys/retired-refused          keys older than keys.retire_after_days are refused (a card to one is a 400)
  keys/only-retired-at-start    SQLite whose only key is past its retirement age: a fresh key is generated and
                                published; the old one still decrypts until the fresh one has been out for
                                a card's lifetime (the newest key never retires)
  keys/rotate-prunes-retired    `keys rotate --retire-after-days N` deletes retired keys and prints them
Operations:
  ops/host-port-flags           `serve --host 127.0.0.1 --port P` beats the file and the environment
  ops/simulator-stands-in       no merchants: the start-up log and /health/ready name the built-in simulator
  ops/admin-port                server.admin_port: /metrics and /health/ready only there; /health on both
  ops/many-completions-no-429   default configuration: one client completes N carts back to back, no 429
  ops/declined-completions-429  rate_limit.declined_completions_per_hour: 2 → the third completion is 429

Every server gets its own folder under one run folder in $TMPDIR (kept, for CI's card-data scan), listens on
a port it picks itself (`--port 0`, read back from the "CartBridge is listening" log line) and is terminated
when its case ends, pass or fail. Every wait polls a condition with a deadline.

PostgreSQL cases use CARTBRIDGE_TEST_POSTGRES_URL (an admin URL); a database cartbridge_keys_<random> is
created and dropped (kept with --keep-db, for a card-data scan). Without the variable they are skipped.

Usage: scripts/keys-and-ops.py [path/to/cartbridge] [--carts N] [--only SUBSTRING] [--keep-db]
Prints PASS/FAIL/SKIP per case and a summary line; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cartbridge_server import (  # noqa: E402
    ROOT,
    ServerFailed,
    json_log_records,
    storefront_flow,
    terminate,
    wait_for_log_record,
)

encrypt_card = storefront_flow.encrypt_card
ADDRESS = storefront_flow.ADDRESS
GOOD_CARD = storefront_flow.GOOD_CARD          # 4111111111111111, approved
DECLINE_CARD = storefront_flow.DECLINE_CARD    # 4000000000000002, declined by the simulator
KID_PATTERN = re.compile(r"^cb-(\d{8}T\d{6})(\d{3})?Z-([0-9a-f]{8})$")
LISTENING = "CartBridge is listening"
ADMIN_LISTENING = "admin endpoints (/metrics, /health/ready) are listening"
PRIVATE, PUBLIC = ".private.pem", ".public.jwk.json"
# The rescan interval for cases where only SIGHUP may reload the folder.
NEVER = 3600


# -- waiting ----------------------------------------------------------------------------------------------

class Timeout(Exception):
    pass


def poll(condition, timeout: float, what: str, interval: float = 0.05):
    """Calls `condition` until it returns something truthy, and returns that; Timeout (with the last value
    seen) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = condition()
        if last:
            return last
        if time.monotonic() > deadline:
            raise Timeout(f"{what}: not within {timeout:g} s (last seen: {short(last)})")
        time.sleep(interval)  # poll interval, not synchronisation: the loop waits for the condition


def short(value: object, limit: int = 600) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} chars)"


# -- HTTP: one keep-alive connection per client -------------------------------------------------------------

class Answer:
    def __init__(self, method: str, path: str, status: int, headers, raw: bytes):
        self.method, self.path, self.status, self.headers, self.raw = method, path, status, headers, raw
        try:
            self.body = json.loads(raw) if raw else None
        except ValueError:
            self.body = raw.decode(errors="replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def envelope(self) -> bool:
        """Medusa's error envelope: at least `type` and `message`, both strings."""
        return isinstance(self.body, dict) and isinstance(self.body.get("type"), str) \
            and isinstance(self.body.get("message"), str)

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status} {short(self.body)}"


class Client:
    """HTTP/1.1 with keep-alive over one connection (reopened only if the server closed it)."""

    def __init__(self, base: str, timeout: float = 60):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.connection: http.client.HTTPConnection | None = None
        self.used = False
        self.connections_opened = 0
        self.requests = 0

    def call(self, method: str, path: str, body: object | None = None, headers: dict | None = None) -> Answer:
        data = None if body is None else json.dumps(body).encode()
        sent_headers = {"content-type": "application/json", **(headers or {})}
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.connections_opened += 1
                self.used = False
            try:
                self.connection.request(method, path, body=data, headers=sent_headers)
                response = self.connection.getresponse()
                raw = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed while idle: once more on a new one.
                reused = self.used
                self.close()
                if attempt == 2 or not reused:
                    raise
                continue
            self.used = True
            self.requests += 1
            if response.getheader("connection", "").lower() == "close":
                self.close()
            return Answer(method, path, response.status, response.headers, raw)
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refuses(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex((host, port)) != 0


# -- processes ----------------------------------------------------------------------------------------------

RUNNING: list[subprocess.Popen] = []


def clean_environment() -> dict[str, str]:
    """This process's environment without any CARTBRIDGE_* variable, so only what a case sets applies."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CARTBRIDGE_")}


class Serve:
    """One `cartbridge serve` in its own folder: `config` (a dict, written as JSON, which is YAML) goes to
    --config; `env` adds CARTBRIDGE_* variables; `args` are more CLI flags (default `--port 0`)."""

    def __init__(self, run: "Run", name: str, config: dict | None = None, env: dict | None = None,
                 args: list[str] | None = None, keys_dir: Path | None = None, sqlite: bool = True):
        self.run, self.name = run, name
        self.work = Path(tempfile.mkdtemp(prefix=f"{name.replace('/', '-')}-", dir=run.folder))
        self.keys = keys_dir or (self.work / "keys")
        self.config = config
        self.env = env or {}
        self.args = ["--port", "0"] if args is None else args
        self.sqlite = sqlite
        self.log_path = self.work / "serve.log"
        self.process: subprocess.Popen | None = None
        self.base = self.admin = None
        self.listening: dict = {}

    def command(self) -> list[str]:
        command = [str(self.run.binary), "serve", "--mappings", str(ROOT / "mappings")]
        if self.config is not None:
            path = self.work / "cartbridge.yaml"
            path.write_text(json.dumps(self.config, indent=2) + "\n")
            command += ["--config", str(path)]
        return command + self.args

    def spawn(self) -> None:
        env = clean_environment()
        env.update(self.env)
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(self.command(), cwd=self.work, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        RUNNING.append(self.process)

    def start(self, timeout: float = 60) -> "Serve":
        self.spawn()
        try:
            self.listening = wait_for_log_record(self.log_path, self.process, LISTENING, timeout)
        except ServerFailed as error:
            raise ServerFailed(f"{self.name}: {error}\n{self.log_tail()}") from None
        self.base = self.listening["url"].removesuffix("/store")
        if self.config and (self.config.get("server") or {}).get("admin_port") is not None:
            self.admin = wait_for_log_record(self.log_path, self.process, ADMIN_LISTENING, timeout)["url"]
        self.client = Client(self.base)
        return self

    def wait_exit(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Timeout(f"{self.name}: still running after {timeout:g} s") from None

    def hup(self) -> None:
        self.process.send_signal(signal.SIGHUP)

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if hasattr(self, "client"):
            self.client.close()
        code = terminate(self.process)
        self._log.close()
        if self.process in RUNNING:
            RUNNING.remove(self.process)
        return code

    def __enter__(self) -> "Serve":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- inspection
    def records(self) -> list[dict]:
        return json_log_records(self.log_path)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join("      | " + line for line in self.log_text().splitlines()[-lines:])

    def wait_log(self, predicate, timeout: float, what: str, after: int = 0) -> dict:
        """The first log record past the first `after` ones that satisfies `predicate`."""
        try:
            return poll(lambda: next((r for r in self.records()[after:] if predicate(r)), None), timeout, what)
        except Timeout as error:
            raise Timeout(f"{error}; the server's log ends:\n{self.log_tail(6)}") from None

    def wait_reload(self, after: int, timeout: float = 10) -> dict:
        """The outcome of the next folder read that changed something: "card keys reloaded", or the error that
        the folder cannot be used (so a refused folder fails a case at once instead of at the deadline)."""
        return self.wait_log(lambda r: r.get("message") == "card keys reloaded"
                             or "card key folder cannot be used" in r.get("message", ""), timeout,
                             "the key folder to be read again", after)

    def ready(self, via: str | None = None) -> tuple[Answer, dict]:
        """GET /health/ready (on the admin listener when there is one); the answer and its checks by name."""
        client = Client(via) if via else self.client
        answer = client.call("GET", "/health/ready")
        if via:
            client.close()
        checks = {c.get("name"): c for c in answer.body.get("checks", [])} if isinstance(answer.body, dict) else {}
        return answer, checks


def cli(run: "Run", *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """A `cartbridge` subcommand other than serve (keys …), with a clean environment."""
    return subprocess.run([str(run.binary), *args], capture_output=True, text=True, timeout=timeout,
                          env=clean_environment(), cwd=run.folder)


def generated_kid(result: subprocess.CompletedProcess) -> str:
    match = re.search(r"^kid: (\S+)$", result.stdout, re.M)
    if result.returncode != 0 or not match:
        raise AssertionError(f"`{' '.join(result.args[1:])}` exited {result.returncode}: "
                             f"stdout {result.stdout!r} stderr {result.stderr!r}")
    return match.group(1)


def key_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def backdate(folder: Path, kid: str, days: float) -> str:
    """Renames a key's files to a kid made `days` ago (same random part); the loader takes the kid and its
    creation time from the file name. Returns the new kid."""
    old = datetime.now(timezone.utc) - timedelta(days=days)
    new_kid = f"cb-{old:%Y%m%dT%H%M%S}{old.microsecond // 1000:03d}Z-{KID_PATTERN.match(kid).group(3)}"
    for suffix in (PRIVATE, PUBLIC):
        (folder / (kid + suffix)).rename(folder / (new_kid + suffix))
    return new_kid


def make_key(run: "Run", folder: Path, days_old: float | None = None) -> str:
    kid = generated_kid(cli(run, "keys", "generate", "--dir", str(folder)))
    return backdate(folder, kid, days_old) if days_old else kid


def public_jwk(folder: Path, kid: str) -> dict:
    jwk = json.loads((folder / (kid + PUBLIC)).read_text())
    jwk["kid"] = kid  # the file name is the kid the server knows the key by
    return jwk


# -- a Medusa storefront ----------------------------------------------------------------------------------

class Shop:
    def __init__(self, serve: Serve, case: "Case"):
        self.client, self.case = serve.client, case
        self._variants: list[str] | None = None

    def ok(self, answer: Answer, what: str) -> dict:
        if answer.status != 200:
            raise Failure(f"{what}: {answer}")
        return answer.body

    def variants(self) -> list[str]:
        """radiant-tee's in-stock variants (100 each in the demo catalog); carts cycle through them."""
        if self._variants is None:
            body = self.ok(self.client.call("GET", "/store/products?handle=radiant-tee"), "product")
            self._variants = [v["id"] for v in body["products"][0]["variants"]]
        return self._variants

    def cart(self, n: int = 0) -> str:
        """A cart with one item, email + address and a shipping method per profile: ready for payment."""
        c = self.client
        cart_id = self.ok(c.call("POST", "/store/carts", {}), "create cart")["cart"]["id"]
        variant = self.variants()[n % len(self.variants())]
        self.ok(c.call("POST", f"/store/carts/{cart_id}/line-items", {"variant_id": variant, "quantity": 1}),
                "add line item")
        self.ok(c.call("POST", f"/store/carts/{cart_id}", {"email": "ada@example.com", "shipping_address": ADDRESS}),
                "email and address")
        options = self.ok(c.call("GET", f"/store/shipping-options/{cart_id}"), "shipping options")["shipping_options"]
        cheapest: dict[str, dict] = {}
        for option in options:
            if option["profile_id"] not in cheapest or option["amount"] < cheapest[option["profile_id"]]["amount"]:
                cheapest[option["profile_id"]] = option
        if not cheapest:
            raise Failure(f"no shipping options for {cart_id}")
        for option in cheapest.values():
            self.ok(c.call("POST", f"/store/carts/{cart_id}/shipping-methods", {"option_id": option["id"]}),
                    "shipping method")
        return cart_id

    def sessions(self, cart_id: str) -> Answer:
        return self.client.call("POST", f"/store/carts/{cart_id}/payment-sessions")

    def session(self, cart_id: str) -> dict:
        """Creates the payment sessions; the selected session (its data has public_key and kid)."""
        session = self.ok(self.sessions(cart_id), "payment sessions")["cart"]["payment_session"]
        if not session or "public_key" not in session.get("data", {}):
            raise Failure(f"payment sessions of {cart_id}: no session with a public key: {short(session)}")
        return session

    def published_kid(self, cart_id: str) -> str | None:
        """The kid the cart's payment session publishes now (GET renders it with the current key)."""
        answer = self.client.call("GET", f"/store/carts/{cart_id}")
        session = (answer.body or {}).get("cart", {}).get("payment_session") if answer.status == 200 else None
        return (session or {}).get("data", {}).get("kid")

    def add_card(self, cart_id: str, jwk: dict, number: str = GOOD_CARD, provider: str = "cartbridge") -> Answer:
        token = encrypt_card(jwk, number)
        return self.client.call("POST", f"/store/carts/{cart_id}/payment-sessions/{provider}",
                                {"data": {"encrypted_card": token}})

    def complete(self, cart_id: str) -> Answer:
        return self.client.call("POST", f"/store/carts/{cart_id}/complete")

    def checkout(self, n: int = 0) -> tuple[str, str, Answer]:
        """A whole checkout with the good card: (cart id, the session's kid, the complete answer)."""
        cart_id = self.cart(n)
        session = self.session(cart_id)
        self.ok(self.add_card(cart_id, session["data"]["public_key"]), "add card")
        return cart_id, session["data"]["kid"], self.complete(cart_id)


def is_order(answer: Answer) -> bool:
    return answer.status == 200 and isinstance(answer.body, dict) and answer.body.get("type") == "order"


# -- cases --------------------------------------------------------------------------------------------------

class Failure(Exception):
    """Ends a case: a step it depends on did not work."""


class Skip(Exception):
    pass


class Case:
    def __init__(self, name: str):
        self.name = name
        self.failures: list[str] = []
        self.notes: list[str] = []

    def expect(self, ok: bool, what: str, detail: object = "") -> bool:
        if not ok:
            self.failures.append(f"{what}" + (f": {detail}" if detail != "" else ""))
        return ok

    def note(self, text: str) -> None:
        self.notes.append(text)


class Run:
    def __init__(self, binary: Path, carts: int, keep_db: bool):
        self.binary, self.carts, self.keep_db = binary, carts, keep_db
        self.folder = Path(tempfile.mkdtemp(prefix="cartbridge-keys-ops-"))
        self.postgres = os.environ.get("CARTBRIDGE_TEST_POSTGRES_URL") or None
        # One account secret for every server of the run, as instances sharing a database need.
        self.account_secret = self.folder / "account-secret"
        self.account_secret.write_text(base64.b64encode(os.urandom(48)).decode() + "\n")
        self.account_secret.chmod(0o600)

    def server(self, name: str, *, keys: dict | None = None, storage: str | None = None, extra: dict | None = None,
               keys_dir: Path | None = None, args: list[str] | None = None, env: dict | None = None) -> Serve:
        serve = Serve(self, name, keys_dir=keys_dir, args=args, env=env)
        config = {
            "server": {"host": "127.0.0.1", "port": 0},
            "storage": {"url": storage or f"sqlite:{serve.work / 'cartbridge.sqlite'}"},
            "keys": {"directory": str(serve.keys), **(keys or {})},
            "simulator": {"catalog": str(ROOT / "config" / "simulator-catalog.json")},
            "catalog": {"pinned_ids": str(ROOT / "mappings" / "pinned-ids.json")},
            "logging": {"format": "json", "level": "info"},
            "accounts": {"secret_file": str(self.account_secret)},
        }
        for section, settings in (extra or {}).items():
            config.setdefault(section, {}).update(settings)
        serve.config = config
        return serve


def card_keys_check(checks: dict) -> dict:
    return checks.get("card_keys") or {}


# keys/sqlite-first-key
def sqlite_first_key(run: Run, case: Case) -> None:
    serve = run.server("sqlite-first-key")
    serve.keys.mkdir(mode=0o700)
    with serve:
        files = key_files(serve.keys)
        privates = [f for f in files if f.endswith(PRIVATE)]
        case.expect(len(privates) == 1, "exactly one <kid>.private.pem generated", files)
        if not privates:
            return
        kid = privates[0].removesuffix(PRIVATE)
        case.expect(bool(KID_PATTERN.match(kid)), "kid looks like cb-<yyyymmddThhmmssSSS>Z-<8 hex>", kid)
        mode = stat.S_IMODE((serve.keys / privates[0]).stat().st_mode)
        case.expect(mode == 0o600, "private key mode 0600", oct(mode))
        case.expect(kid + PUBLIC in files, "its public JWK file too", files)
        answer, checks = serve.ready()
        keys = card_keys_check(checks)
        case.expect(answer.status == 200, "GET /health/ready is 200", answer)
        case.expect(keys.get("ok") is True and kid in keys.get("detail", ""), "card_keys check passes naming the kid",
                    keys)
        case.note(f"kid {kid}, mode {oct(mode)}; card_keys: {keys.get('detail')}")


# keys/postgres-waits-for-key
def postgres_waits_for_key(run: Run, case: Case) -> None:
    if not run.postgres:
        raise Skip("CARTBRIDGE_TEST_POSTGRES_URL is not set")
    database = f"cartbridge_keys_{uuid.uuid4().hex[:12]}"
    psql = ["psql", run.postgres, "-v", "ON_ERROR_STOP=1", "-qc"]
    created = subprocess.run(psql + [f"CREATE DATABASE {database}"], capture_output=True, text=True)
    if created.returncode != 0:
        raise Failure(f"CREATE DATABASE {database}: {created.stderr.strip()}")
    url = urllib.parse.urlsplit(run.postgres)._replace(path=f"/{database}").geturl()
    try:
        serve = run.server("postgres-waits-for-key", storage=url, keys={"rescan_seconds": NEVER})
        serve.keys.mkdir(mode=0o700)
        with serve:
            folder = str(serve.keys)
            case.expect(key_files(serve.keys) == [], "no key file generated at start", key_files(serve.keys))
            answer, checks = serve.ready()
            keys = card_keys_check(checks)
            detail = keys.get("detail", "")
            case.expect(answer.status == 503, "GET /health/ready is 503 without a key", answer)
            case.expect(keys.get("ok") is False and "no card key" in detail
                        and f"cartbridge keys generate --dir {folder}" in detail,
                        "card_keys check fails, says no card key is loaded and names `cartbridge keys generate`", keys)
            case.expect(any(r.get("level") == "error" and "no card key loaded" in r.get("message", "")
                            for r in serve.records()), "start-up logs that no card key is loaded", serve.log_tail())
            shop = Shop(serve, case)
            waiting_cart = shop.cart()
            answer = shop.sessions(waiting_cart)
            case.expect(answer.status == 503 and answer.envelope(),
                        "POST payment-sessions is 503 in Medusa's envelope {type, message}", answer)
            case.note(f"without a key: ready 503 ({detail!r}); payment-sessions {answer.status} "
                      f"{short(answer.body, 200)}, Retry-After {answer.header('Retry-After')}")

            kid = generated_kid(cli(run, "keys", "generate", "--dir", folder))
            answer, _ = serve.ready()
            case.expect(answer.status == 503, "still 503 before SIGHUP (rescan_seconds is an hour)", answer)
            mark = len(serve.records())
            serve.hup()
            answer, checks = poll(lambda: (lambda a: a if a[0].status == 200 else None)(serve.ready()), 15,
                                  "/health/ready 200 after keys generate + SIGHUP")
            case.expect(kid in card_keys_check(checks).get("detail", ""), "card_keys names the new kid", checks)
            reload = serve.wait_reload(mark, 5)
            case.expect(reload.get("reason") == "SIGHUP" and reload.get("kid") == kid,
                        "the reload is logged with reason SIGHUP and the kid", reload)
            case.expect(key_files(serve.keys) == sorted([kid + PRIVATE, kid + PUBLIC]),
                        "serve added no key of its own", key_files(serve.keys))

            cart_id, session_kid, done = shop.checkout()
            case.expect(session_kid == kid, "the new cart's session publishes the generated kid", session_kid)
            case.expect(is_order(done), "a full checkout completes", done)
            later = shop.sessions(waiting_cart)
            case.expect(later.status == 200, "the cart refused earlier now gets its payment session", later)
            if is_order(done):
                case.note(f"after SIGHUP: kid {kid}; order {done.body['data']['id']} "
                          f"({done.body['data'].get('external_id')})")
    finally:
        if not run.keep_db:
            dropped = subprocess.run(psql + [f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"],
                                     capture_output=True, text=True)
            case.expect(dropped.returncode == 0, f"DROP DATABASE {database}", dropped.stderr.strip())
        else:
            case.note(f"kept database {database}")


# keys/rotate-sighup
def rotate_sighup(run: Run, case: Case) -> None:
    serve = run.server("rotate-sighup", keys={"rescan_seconds": NEVER})
    with serve:
        shop = Shop(serve, case)
        old_cart = shop.cart(0)
        old_session = shop.session(old_cart)
        old_kid, old_jwk = old_session["data"]["kid"], old_session["data"]["public_key"]
        case.expect(key_files(serve.keys) == sorted([old_kid + PRIVATE, old_kid + PUBLIC]),
                    "the session publishes the key serve generated", (old_kid, key_files(serve.keys)))
        rotated = cli(run, "keys", "rotate", "--dir", str(serve.keys))
        new_kid = generated_kid(rotated)
        case.expect("deleted: none" in rotated.stdout, "rotate deletes nothing young", rotated.stdout)
        mark = len(serve.records())
        serve.hup()
        reload = serve.wait_reload(mark)
        case.expect(reload.get("message") == "card keys reloaded", "the folder is reloaded", reload)
        case.expect(reload.get("kid") == new_kid and reload.get("previous_kid") == old_kid
                    and reload.get("reason") == "SIGHUP", "reload logged: SIGHUP, new kid, previous kid", reload)
        new_cart = shop.cart(1)
        new_session = shop.session(new_cart)
        case.expect(new_session["data"]["kid"] == new_kid and new_session["data"]["public_key"].get("kid") == new_kid,
                    "a new cart's session publishes the new kid", (new_kid, new_session["data"]))
        answer = shop.add_card(old_cart, old_jwk)
        card = (answer.body or {}).get("cart", {}).get("payment_session", {}).get("data", {}).get("card") \
            if answer.status == 200 else None
        case.expect(answer.status == 200 and card and card.get("last4") == GOOD_CARD[-4:],
                    "a card JWE encrypted to the OLD key is accepted", answer)
        done = shop.complete(old_cart)
        case.expect(is_order(done), "the cart paid with the old key completes", done)
        answer = shop.add_card(new_cart, new_session["data"]["public_key"])
        done_new = shop.complete(new_cart) if answer.status == 200 else answer
        case.expect(is_order(done_new), "the cart paid with the new key completes", done_new)
        case.note(f"{old_kid} → {new_kid}")


# keys/rescan-interval
def rescan_interval(run: Run, case: Case) -> None:
    serve = run.server("rescan-interval", keys={"rescan_seconds": 1})
    with serve:
        shop = Shop(serve, case)
        cart_id = shop.cart()
        first = shop.session(cart_id)["data"]["kid"]
        kid = make_key(run, serve.keys)
        started = time.monotonic()
        published = poll(lambda: shop.published_kid(cart_id) == kid, 10,
                         f"the session to publish {kid} without SIGHUP (was {first})", interval=0.2)
        seconds = time.monotonic() - started
        case.expect(published, "the session publishes the generated key")
        reload = next((r for r in serve.records() if r.get("message") == "card keys reloaded"), {})
        case.expect(reload.get("reason") == "interval" and reload.get("kid") == kid,
                    "the reload is logged with reason interval", reload)
        case.note(f"{first} → {kid}, published after {seconds:.1f} s")


# keys/insecure-at-start
def insecure_at_start(run: Run, case: Case) -> None:
    serve = run.server("insecure-at-start")
    kid = make_key(run, serve.keys)
    private = serve.keys / (kid + PRIVATE)
    private.chmod(0o644)
    serve.spawn()
    try:
        code = serve.wait_exit(30)
    finally:
        serve.stop()
    output = serve.log_text()
    case.expect(code not in (0, None), "serve exits non-zero", code)
    case.expect(str(private) in output, "the message names the file", output.strip()[-600:])
    case.expect("chmod 600" in output, 'the message says "chmod 600"', output.strip()[-600:])
    case.expect(LISTENING not in output, "it never listened")
    case.expect(key_files(serve.keys) == sorted([kid + PRIVATE, kid + PUBLIC]), "no key was generated instead",
                key_files(serve.keys))
    case.note(f"exit {code}: {output.strip().splitlines()[-1] if output.strip() else '(no output)'}")


# keys/insecure-while-running
def insecure_while_running(run: Run, case: Case) -> None:
    serve = run.server("insecure-while-running", keys={"rescan_seconds": NEVER})
    with serve:
        shop = Shop(serve, case)
        cart_id = shop.cart()
        session = shop.session(cart_id)
        first = session["data"]["kid"]
        kid = make_key(run, serve.keys)
        private = serve.keys / (kid + PRIVATE)
        private.chmod(0o644)
        mark = len(serve.records())
        serve.hup()
        error = serve.wait_log(lambda r: r.get("level") == "error" and "card key folder" in r.get("message", ""),
                               10, "the refused folder logged after SIGHUP", mark)
        case.expect(str(private) in error.get("error", "") and "chmod 600" in error.get("error", "")
                    and "keeping 1 key(s) in use" in error.get("message", ""),
                    "the error names the file and chmod 600, and says the key in use is kept", error)
        case.expect(shop.published_kid(cart_id) == first, "sessions still publish the old kid",
                    shop.published_kid(cart_id))
        other = shop.cart(1)
        case.expect(shop.session(other)["data"]["kid"] == first, "a new cart's session publishes the old kid too")
        answer, checks = serve.ready()
        detail = card_keys_check(checks).get("detail", "")
        case.expect(answer.status == 200, "readiness stays 200", answer)
        case.expect(first in detail and "failed" in detail and str(private) in detail,
                    "readiness detail names the kid in use and the failure", detail)
        answer = shop.add_card(cart_id, session["data"]["public_key"])
        case.expect(answer.status == 200, "a card to the kept key is still accepted", answer)
        case.note(f"ready detail: {detail}")

        private.chmod(0o600)
        mark = len(serve.records())
        serve.hup()
        reload = serve.wait_reload(mark)
        case.expect(reload.get("message") == "card keys reloaded", "chmod 600 + SIGHUP reloads the folder", reload)
        case.expect(shop.published_kid(cart_id) == kid, "after chmod 600 + SIGHUP the new key is published",
                    shop.published_kid(cart_id))
        answer, checks = serve.ready()
        detail = card_keys_check(checks).get("detail", "")
        case.expect(answer.status == 200 and "failed" not in detail and kid in detail,
                    "readiness no longer mentions the failure", detail)


# keys/retired-refused
def retired_refused(run: Run, case: Case) -> None:
    serve = run.server("retired-refused", keys={"retire_after_days": 30, "rescan_seconds": NEVER})
    ancient = make_key(run, serve.keys, days_old=400)
    mid = make_key(run, serve.keys, days_old=40)
    young = make_key(run, serve.keys, days_old=20)
    with serve:
        warning = next((r for r in serve.records() if "retirement age" in r.get("message", "")), {})
        case.expect(ancient in warning.get("kids", "") and mid in warning.get("kids", "")
                    and young not in warning.get("kids", ""),
                    "start-up warns that the keys older than 30 days are refused, naming them", warning)
        shop = Shop(serve, case)
        cart_id = shop.cart()
        session = shop.session(cart_id)
        case.expect(session["data"]["kid"] == young, "the session publishes the 20-day-old key",
                    session["data"]["kid"])
        answer, checks = serve.ready()
        detail = card_keys_check(checks).get("detail", "")
        case.expect(answer.status == 200 and detail.startswith("1 loaded"), "readiness: 1 key loaded", detail)
        for label, kid in (("400", ancient), ("40", mid)):
            answer = shop.add_card(cart_id, public_jwk(serve.keys, kid))
            case.expect(answer.status == 400 and answer.envelope() and answer.body.get("type") == "invalid_data",
                        f"a card JWE to the {label}-day-old key is refused (400 invalid_data)", answer)
        answer = shop.add_card(cart_id, public_jwk(serve.keys, young))
        case.expect(answer.status == 200, "a card to the 20-day-old key is accepted", answer)
        case.expect(len(key_files(serve.keys)) == 6, "no key generated, none deleted", key_files(serve.keys))
        case.note(f"refused at start-up: {warning.get('kids')}")


# keys/only-retired-at-start
def only_retired_at_start(run: Run, case: Case) -> None:
    serve = run.server("only-retired-at-start")
    ancient = make_key(run, serve.keys, days_old=400)
    with serve:
        files = key_files(serve.keys)
        fresh = [f.removesuffix(PRIVATE) for f in files if f.endswith(PRIVATE) and not f.startswith(ancient)]
        case.expect(len(fresh) == 1, "serve generated one fresh key", files)
        shop = Shop(serve, case)
        cart_id = shop.cart()
        kid = shop.session(cart_id)["data"]["kid"]
        case.expect(fresh and kid == fresh[0] and kid != ancient, "sessions publish the fresh key", (kid, fresh))
        answer = shop.add_card(cart_id, public_jwk(serve.keys, ancient))
        case.expect(answer.status == 200, "a card to the old key still works while the fresh one is new", answer)
        generated = next((r for r in serve.records() if "generated a card key" in r.get("message", "")), {})
        case.expect(fresh and generated.get("kid") == fresh[0], "start-up logs the key it generated", generated)


# keys/rotate-prunes-retired
def rotate_prunes_retired(run: Run, case: Case) -> None:
    folder = Path(tempfile.mkdtemp(prefix="rotate-prunes-retired-", dir=run.folder)) / "keys"
    ancient = make_key(run, folder, days_old=400)
    mid = make_key(run, folder, days_old=40)
    young = make_key(run, folder, days_old=1)
    rotated = cli(run, "keys", "rotate", "--dir", str(folder), "--retire-after-days", "365")
    new = generated_kid(rotated)
    case.expect(re.search(rf"^deleted: {re.escape(ancient)}$", rotated.stdout, re.M) is not None,
                "rotate --retire-after-days 365 prints the 400-day-old kid as deleted", rotated.stdout)
    expected = sorted(k + s for k in (mid, young, new) for s in (PRIVATE, PUBLIC))
    case.expect(key_files(folder) == expected, "its files are gone; the others and the new key remain",
                key_files(folder))
    again = cli(run, "keys", "rotate", "--dir", str(folder), "--retire-after-days", "30")
    newest = generated_kid(again)
    case.expect(re.search(rf"^deleted: {re.escape(mid)}$", again.stdout, re.M) is not None,
                "rotate --retire-after-days 30 prints the 40-day-old kid as deleted", again.stdout)
    case.expect(key_files(folder) == sorted(k + s for k in (young, new, newest) for s in (PRIVATE, PUBLIC)),
                "only the young keys remain", key_files(folder))
    exported = cli(run, "keys", "export", "--dir", str(folder))
    exported_kid = json.loads(exported.stdout).get("kid") if exported.returncode == 0 else None
    case.expect(exported_kid == newest, "keys export gives the newest key", (exported_kid, exported.stderr))
    case.note("first rotate said: " + " | ".join(l for l in rotated.stdout.splitlines() if l.startswith("deleted")))


# ops/host-port-flags
def host_port_flags(run: Run, case: Case) -> None:
    file_port, env_port, port = free_port(), free_port(), free_port()
    serve = run.server("host-port-flags", args=["--host", "127.0.0.1", "--port", str(port)],
                       env={"CARTBRIDGE_SERVER_HOST": "127.0.0.3", "CARTBRIDGE_SERVER_PORT": str(env_port)})
    serve.config["server"].update({"host": "127.0.0.2", "port": file_port})
    with serve:
        case.expect(serve.listening.get("url") == f"http://127.0.0.1:{port}/store",
                    f"the listening line names http://127.0.0.1:{port}/store", serve.listening)
        answer = serve.client.call("GET", "/health")
        case.expect(answer.status == 200, f"GET http://127.0.0.1:{port}/health is 200", answer)
        for host, p in (("127.0.0.2", file_port), ("127.0.0.3", env_port), ("127.0.0.1", file_port),
                        ("127.0.0.1", env_port)):
            case.expect(refuses(host, p), f"nothing listens on {host}:{p} (file/env setting)")
        case.note(f"file 127.0.0.2:{file_port}, env 127.0.0.3:{env_port}, flags 127.0.0.1:{port} → "
                  f"{serve.listening.get('url')}")


# ops/simulator-stands-in
def simulator_stands_in(run: Run, case: Case) -> None:
    # No configuration at all (the embedded defaults, relative to the server's own folder) but --port 0.
    serve = Serve(run, "simulator-stands-in")
    with serve:
        notice = next((r for r in serve.records()
                       if "built-in Full Cart simulator stands in" in r.get("message", "")), None)
        case.expect(notice is not None, "the start-up log says the built-in simulator stands in for merchants",
                    serve.log_tail())
        answer, checks = serve.ready()
        merchants = checks.get("merchants") or {}
        case.expect(answer.status == 200, "GET /health/ready is 200", answer)
        case.expect(merchants.get("ok") is True and "simulator" in merchants.get("detail", "")
                    and notice is not None and notice.get("url", "?") in merchants.get("detail", ""),
                    "a `merchants` check names the simulator (and its URL)", merchants)
        case.expect(serve.listening.get("merchants") == "apparel.example,home.example",
                    "the listening line names the demo merchants", serve.listening)
        case.expect((serve.work / ".cartbridge" / "cartbridge.sqlite").exists() and
                    any(f.endswith(PRIVATE) for f in key_files(serve.work / ".cartbridge" / "keys")),
                    "defaults: SQLite and keys under .cartbridge/ in the working directory",
                    key_files(serve.work / ".cartbridge"))
        case.note(f"merchants check: {merchants.get('detail')}")


# ops/admin-port
def admin_port(run: Run, case: Case) -> None:
    serve = run.server("admin-port", extra={"server": {"admin_port": 0, "admin_host": "127.0.0.1"}})
    with serve:
        case.expect(serve.admin and serve.admin.startswith("http://127.0.0.1:") and serve.admin != serve.base,
                    "the admin listener logs its own loopback URL", serve.admin)
        admin = Client(serve.admin)
        store = serve.client
        store.call("GET", "/store/regions")
        metrics = admin.call("GET", "/metrics")
        case.expect(metrics.status == 200 and "text/plain" in (metrics.header("Content-Type") or "")
                    and "cartbridge_http_requests_total" in str(metrics.body)
                    and 'route="/store/regions"' in str(metrics.body),
                    "admin /metrics is 200 Prometheus text counting storefront requests", metrics)
        answer, checks = serve.ready(via=serve.admin)
        case.expect(answer.status == 200 and "card_keys" in checks, "admin /health/ready is 200 with its checks",
                    answer)
        for path in ("/metrics", "/health/ready"):
            answer = store.call("GET", path)
            case.expect(answer.status == 404 and answer.envelope() and answer.body.get("type") == "not_found",
                        f"storefront {path} is 404 in Medusa's envelope", answer)
        for label, client in (("storefront", store), ("admin", admin)):
            answer = client.call("GET", "/health")
            case.expect(answer.status == 200 and answer.body == {"status": "ok"}, f"{label} /health is 200", answer)
        admin.close()
        case.note(f"store {serve.base}, admin {serve.admin}")


# ops/many-completions-no-429
def many_completions(run: Run, case: Case) -> None:
    serve = Serve(run, "many-completions-no-429")   # the default configuration (no file, no variables)
    with serve:
        shop = Shop(serve, case)
        shop.variants()
        statuses: dict[int, int] = {}
        throttled: list[str] = []
        started = time.monotonic()
        orders = 0
        blocks: list[float] = []   # seconds per block of 50 checkouts, to see whether they slow down
        block_started = started
        for n in range(run.carts):
            if n and n % 50 == 0:
                blocks.append(time.monotonic() - block_started)
                block_started = time.monotonic()
            try:
                cart_id, _, done = shop.checkout(n)
            except Failure as failure:
                status = int(m.group(1)) if (m := re.search(r"→ (\d{3})", str(failure))) else 0
                statuses[status] = statuses.get(status, 0) + 1
                if status == 429:
                    throttled.append(str(failure))
                    continue
                raise Failure(f"cart {n + 1}: {failure}") from None
            statuses[done.status] = statuses.get(done.status, 0) + 1
            if done.status == 429:
                throttled.append(str(done))
            elif not case.expect(is_order(done), f"cart {n + 1} completes", done):
                break
            else:
                orders += 1
        seconds = time.monotonic() - started
        if run.carts % 50 == 0 and run.carts:
            blocks.append(time.monotonic() - block_started)
        client = serve.client
        case.expect(not throttled, "no 429", throttled[:3])
        case.expect(orders == run.carts, f"{run.carts} orders placed", orders)
        case.expect(client.connections_opened == 1, "one kept-alive connection for the whole run",
                    client.connections_opened)
        case.note(f"{orders} carts completed in {seconds:.1f} s ({seconds / max(orders, 1) * 1000:.0f} ms per "
                  f"checkout of 8 requests, {client.requests / seconds:.0f} requests/s), "
                  f"{client.connections_opened} connection(s); complete statuses {statuses}")
        if blocks:
            case.note("ms per checkout by block of 50: " + ", ".join(f"{b / 50 * 1000:.0f}" for b in blocks))


# ops/declined-completions-429
def declined_completions(run: Run, case: Case) -> None:
    serve = run.server("declined-completions-429", extra={"rate_limit": {"declined_completions_per_hour": 2}})
    with serve:
        shop = Shop(serve, case)
        cart_id = shop.cart()
        jwk = shop.session(cart_id)["data"]["public_key"]
        for attempt in (1, 2):
            added = shop.add_card(cart_id, jwk, DECLINE_CARD)
            if not case.expect(added.status == 200, f"decline card added (attempt {attempt})", added):
                return
            done = shop.complete(cart_id)
            case.expect(done.status == 422 and done.envelope()
                        and done.body.get("type") == "payment_authorization_error",
                        f"completion {attempt} is declined (422 payment_authorization_error)", done)
            after = serve.client.call("GET", f"/store/carts/{cart_id}")
            card = ((after.body or {}).get("cart", {}).get("payment_session") or {}).get("data", {}).get("card")
            case.expect(card is None, f"the decline dropped the card (attempt {attempt})", card)
        for label, number in (("decline", DECLINE_CARD), ("good", GOOD_CARD)):
            added = shop.add_card(cart_id, jwk, number)
            case.expect(added.status == 200, f"{label} card added for the next completion", added)
            done = shop.complete(cart_id)
            retry_after = done.header("Retry-After") or ""
            case.expect(done.status == 429, f"the next completion (with the {label} card) is 429", done)
            case.expect(retry_after.isdigit() and 0 < int(retry_after) <= 3600,
                        "with Retry-After in seconds (at most an hour)", retry_after)
            case.expect(done.envelope() and done.body.get("code") == "rate_limited"
                        and done.body.get("type") == "not_allowed",
                        "in Medusa's envelope: type not_allowed, code rate_limited", done.body)
        case.note(f"third completion: {done.status}, Retry-After {done.header('Retry-After')}, "
                  f"{short(done.body, 200)}")


CASES = [
    ("keys/sqlite-first-key", sqlite_first_key),
    ("keys/postgres-waits-for-key", postgres_waits_for_key),
    ("keys/rotate-sighup", rotate_sighup),
    ("keys/rescan-interval", rescan_interval),
    ("keys/insecure-at-start", insecure_at_start),
    ("keys/insecure-while-running", insecure_while_running),
    ("keys/retired-refused", retired_refused),
    ("keys/only-retired-at-start", only_retired_at_start),
    ("keys/rotate-prunes-retired", rotate_prunes_retired),
    ("ops/host-port-flags", host_port_flags),
    ("ops/simulator-stands-in", simulator_stands_in),
    ("ops/admin-port", admin_port),
    ("ops/many-completions-no-429", many_completions),
    ("ops/declined-completions-429", declined_completions),
]


def binary_stamp(binary: Path) -> tuple[int, int]:
    status = binary.stat()
    return status.st_mtime_ns, status.st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?", type=Path, default=ROOT / ".build" / "debug" / "cartbridge")
    parser.add_argument("--carts", type=int, default=200, help="carts completed back to back (default 200)")
    parser.add_argument("--only", action="append", help="run only cases whose name contains this (repeatable)")
    parser.add_argument("--keep-db", action="store_true", help="keep the PostgreSQL database (for a card-data scan)")
    args = parser.parse_args()
    binary = args.binary.resolve()
    if not binary.is_file():
        print(f"no cartbridge binary at {binary}")
        return 2
    run = Run(binary, args.carts, args.keep_db)
    stamp = binary_stamp(binary)
    print(f"keys-and-ops: {binary} (built {datetime.fromtimestamp(stamp[0] / 1e9):%Y-%m-%d %H:%M:%S}); "
          f"run folder {run.folder}; PostgreSQL: {run.postgres or 'not set (those cases are skipped)'}", flush=True)

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, interrupted)

    started = time.monotonic()
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    try:
        for name, function in CASES:
            if args.only and not any(part in name for part in args.only):
                continue
            case = Case(name)
            case_started = time.monotonic()
            outcome = "PASS"
            try:
                function(run, case)
            except Skip as skip:
                outcome, case.notes = "SKIP", [str(skip)]
            except (Failure, Timeout, ServerFailed, AssertionError, subprocess.TimeoutExpired) as error:
                case.failures.append(f"{type(error).__name__}: {error}")
            except Exception:  # a bug in this script, or an answer of an unexpected shape
                case.failures.append("unexpected error:\n" + traceback.format_exc().rstrip())
            finally:
                for process in list(RUNNING):   # a case that failed half-way may leave one
                    terminate(process)
                    RUNNING.remove(process)
            if outcome != "SKIP" and case.failures:
                outcome = "FAIL"
            counts[outcome] += 1
            print(f"{outcome} {name} ({time.monotonic() - case_started:.1f} s)", flush=True)
            for failure in case.failures:
                print("     - " + failure.replace("\n", "\n       "), flush=True)
            for note in case.notes:
                print("       " + note, flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        counts["FAIL"] += 1
    finally:
        for process in list(RUNNING):
            terminate(process)

    changed = binary_stamp(binary) != stamp
    if changed:
        print(f"FAIL the binary {binary} changed during the run; run again")
        counts["FAIL"] += 1
    print(f"keys-and-ops: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped "
          f"in {time.monotonic() - started:.1f} s (server folders in {run.folder})")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
