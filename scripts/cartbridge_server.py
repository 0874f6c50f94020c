"""A throwaway `cartbridge serve` for the test scripts, and access to the acceptance flow's helpers.

    from cartbridge_server import CartBridgeServer, storefront_flow
    with CartBridgeServer(".build/debug/cartbridge") as server:
        shop = storefront_flow.Storefront(server.base, capture_path)

The server runs on a free loopback port with a temporary working directory: its SQLite database, its card
key pair and its log live there and nothing of the checkout is touched. The catalog and mapping files are
given as absolute paths to the checkout's own. Readiness is polled (GET /store/regions) with a deadline,
never assumed after a sleep. `extra_env` overrides any CARTBRIDGE_* setting (e.g. the rate limit).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_storefront_flow():
    """acceptance/storefront_flow.py as a module (its folder is not a package)."""
    spec = importlib.util.spec_from_file_location("storefront_flow", ROOT / "acceptance" / "storefront_flow.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["storefront_flow"] = module
    spec.loader.exec_module(module)
    return module


def _load_validate_oas():
    """scripts/validate-oas.py as a module (its name has a dash), for its spec corrections."""
    spec = importlib.util.spec_from_file_location("validate_oas", ROOT / "scripts" / "validate-oas.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["validate_oas"] = module
    spec.loader.exec_module(module)
    return module


storefront_flow = _load_storefront_flow()


def unlimited_stock_catalog(destination: Path) -> Path:
    """The demo catalog with every stocked variant at a billion: runs that place thousands of orders would
    otherwise sell variants out. Written to `destination`, which is returned."""
    catalog = json.loads((ROOT / "config" / "simulator-catalog.json").read_text())
    for merchant in catalog["merchants"]:
        for product in merchant["products"]:
            for variant in product["variants"]:
                if variant.get("stock", 0) > 0:
                    variant["stock"] = 1_000_000_000
    destination.write_text(json.dumps(catalog))
    return destination


def terminate(process: subprocess.Popen, grace: float = 20) -> int:
    """SIGTERM, then SIGKILL after `grace` seconds; returns the exit code (negative for a signal)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


class ServerFailed(Exception):
    pass


def json_log_records(path: Path) -> list[dict]:
    """The JSON objects of a CartBridge log (one per line on stderr); other lines (an `Error: …` from the
    argument parser, a partly written last line) are skipped."""
    try:
        lines = Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except ValueError:
                pass
    return records


def wait_for_log_record(path: Path, process: subprocess.Popen, message: str, timeout: float = 60) -> dict:
    """Polls the log until a record whose `message` starts with `message` appears, and returns it: e.g.
    "CartBridge is listening", whose `url` metadata names the port actually bound (with `--port 0`). Raises
    ServerFailed if the process exits first or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        for record in json_log_records(path):
            if str(record.get("message", "")).startswith(message):
                return record
        if process.poll() is not None:
            raise ServerFailed(f"the process exited with {process.returncode} before logging {message!r}")
        if time.monotonic() > deadline:
            raise ServerFailed(f"no {message!r} log line within {timeout:.0f} s")
        time.sleep(0.05)  # poll interval, not synchronisation: the loop waits for the line


class CartBridgeServer:
    def __init__(self, binary: str | Path, *, extra_env: dict[str, str] | None = None, keep: bool = False,
                 start_timeout: float = 90):
        self.binary = Path(binary).resolve()
        if not self.binary.is_file():
            raise ServerFailed(f"no server binary at {self.binary} (build it: swift build)")
        self.extra_env = extra_env or {}
        self.keep = keep
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self.work: Path | None = None
        self.exit_code: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> "CartBridgeServer":
        self.work = Path(tempfile.mkdtemp(prefix="cartbridge-test-"))
        self.port = storefront_flow.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.update({
            "CARTBRIDGE_SERVER_PORT": str(self.port),
            "CARTBRIDGE_STORAGE_URL": f"sqlite:{self.work}/cartbridge.sqlite",
            "CARTBRIDGE_KEYS_DIRECTORY": str(self.work / "keys"),
            "CARTBRIDGE_SIMULATOR_CATALOG": str(ROOT / "config" / "simulator-catalog.json"),
            "CARTBRIDGE_CATALOG_PINNED_IDS": str(ROOT / "mappings" / "pinned-ids.json"),
        })
        env.update(self.extra_env)
        self.log_path = self.work / "serve.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen([str(self.binary), "serve"], cwd=self.work, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.start_timeout
        while True:
            try:
                urllib.request.urlopen(self.base + "/store/regions", timeout=2).read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise ServerFailed(f"cartbridge serve exited with {self.process.returncode} while starting:\n"
                                       + self.log_tail())
                if time.monotonic() > deadline:
                    self.stop()
                    raise ServerFailed(f"cartbridge serve did not answer within {self.start_timeout}s:\n"
                                       + self.log_tail())
                time.sleep(0.1)  # poll interval, not synchronisation: the loop waits for an answer

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after 20 s; returns the exit code (a negative one for a signal)."""
        if self.process is None:
            return None
        self.exit_code = terminate(self.process)
        self._log.close()
        return self.exit_code

    def cleanup(self) -> None:
        if self.work is not None and not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self) -> "CartBridgeServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        self.cleanup()

    # -- inspection --------------------------------------------------------------------------------------
    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def data_files(self) -> list[Path]:
        """The server's log, SQLite files (with -wal/-shm) and keys: what a card-data scan should read."""
        return sorted(path for path in self.work.rglob("*") if path.is_file()) if self.work else []
