#!/usr/bin/env python3
"""Scan files for the test card numbers (PANs) and CVVs the repo uses; fail on any hit.

Usage:
    scripts/card-data-scan.py [--cards scripts/test-cards.json] [--pg-url URL] PATH...
    scripts/card-data-scan.py --self-test

PATHs are files or directories (walked recursively, hidden files included, symlinks not followed): server
logs, captured responses, SQLite databases with their -wal/-shm files, key folders, any data directory.
Every file is read as bytes, so a PAN in a SQLite free page, a WAL frame or a binary log is found too.
With --pg-url, `pg_dump` dumps that PostgreSQL database to a temporary file which is scanned as well (an
error if pg_dump is missing or fails: a requested scan must not be skipped silently). A dump holds only live
rows; deleted ones still in PostgreSQL's pages are not seen (scan the data directory as a PATH for those).

What is matched (the cards come from scripts/test-cards.json, the single list; an empty list is an error):
  PAN, in any of these forms, at any byte offset:
    raw        the digits, also with one space or dash between any two digits ("4111 1111-1111 1111"),
               not inside a longer run of digits;
    utf16le/be the same in UTF-16 (Windows tools, some JSON/SQLite encodings);
    base64     the digits inside base64 or base64url text (e.g. an unencrypted JWT/JWS payload or a
               base64 blob holding `{"number":"4111..."}`), at each of the three byte alignments: the
               18+ base64 characters the digits alone determine;
    hex        the digits' ASCII as hex (PostgreSQL bytea in pg_dump, hex dumps).
  CVV: only in context, because a 3-4 digit value like 123 occurs everywhere in binary data: a CVV key
    (verification_value, cvv, cvc, security_code, ... from test-cards.json) followed within a few
    characters of quotes, backslashes, spaces, ':' or '=' (also %22, %3A, %3D) by one of the listed CVVs,
    e.g. "cvv":"123", cvv=123, \\"verification_value\\": \\"947\\". Raw text only (not UTF-16/base64).
Not done: decompressing .gz/.zip archives, decrypting anything (a JWE is ciphertext; that is the point),
generic Luhn-valid numbers that are not in the list.

Output: one line per hit (file, byte offset, form, the card masked to its last 4 digits: the full number is
never printed; a CVV hit names the key and the CVV's length only), then what was scanned (files, bytes).
Exit codes: 0 no hit; 1 a hit; 2 a usage/scan error (missing path, unreadable file, nothing scanned, empty
card list, pg_dump failure).

--self-test plants cards in a temporary folder in every form and checks the scan finds each one (and no
false positive in a decoy file, and no full number in the output), so the scan cannot silently pass.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import mmap
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CARDS = Path(__file__).resolve().parent / "test-cards.json"
MAX_HITS_SHOWN_PER_FILE = 50


class ScanError(Exception):
    pass


@dataclass(frozen=True)
class Card:
    number: str
    brand: str

    @property
    def masked(self) -> str:
        return "*" * (len(self.number) - 4) + self.number[-4:]


@dataclass(frozen=True)
class Hit:
    path: str
    offset: int
    form: str
    what: str  # already masked


def load_cards(path: Path) -> tuple[list[Card], list[str], list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise ScanError(f"cannot read the card list {path}: {problem}") from None
    cards = [Card(str(entry["number"]), str(entry.get("brand", "card"))) for entry in data.get("pans", [])]
    cvvs = [str(value) for value in data.get("cvvs", [])]
    keys = [str(value) for value in data.get("cvv_keys", [])]
    if not cards or not cvvs or not keys:
        raise ScanError(f"{path}: the lists pans, cvvs and cvv_keys must all be non-empty (refusing to pass "
                        "a scan that looks for nothing)")
    for card in cards:
        if not re.fullmatch(r"[0-9]{12,19}", card.number):
            raise ScanError(f"{path}: not a card number: {card.masked}")
    for cvv in cvvs:
        if not re.fullmatch(r"[0-9]{3,4}", cvv):
            raise ScanError(f"{path}: a CVV must be 3 or 4 digits, got {len(cvv)} characters")
    return cards, cvvs, keys


# --- patterns -------------------------------------------------------------------------------------------
# Speed matters (SQLite files and logs can be large): PANs are found through simple "digit run" regexes and
# bytes.find() of literal fragments, not one big alternation, which Python's re would try at every byte.

def base64_fragments(data: bytes) -> set[bytes]:
    """The base64 characters fully determined by `data` at each of the three byte alignments, in the
    standard and the URL-safe alphabet."""
    fragments = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data + b"\0\0\0")
        first = -(-8 * shift // 6)  # ceil: the first character with no prefix bits
        last = (8 * (shift + len(data))) // 6  # exclusive: characters with no suffix bits
        fragment = encoded[first:last]
        fragments.add(fragment)
        fragments.add(fragment.translate(bytes.maketrans(b"+/", b"-_")))
    return fragments


@dataclass
class RunForm:
    """Digits (each `unit` bytes wide, the digit at `digit_at`) with at most one space or dash between two
    digits; a PAN must not touch another digit on either side."""
    form: str
    regex: re.Pattern[bytes]
    unit: int
    digit_at: int


@dataclass
class Matchers:
    cards: list[Card]
    runs: list[RunForm]
    literals: list[tuple[bytes, str, str]]  # (bytes, form, description)
    cvv: list[re.Pattern[bytes]]
    cvv_keys: list[str]


def build_matchers(cards: list[Card], cvvs: list[str], keys: list[str]) -> Matchers:
    shortest = min(len(card.number) for card in cards)
    repeat = b"{%d,}" % (shortest - 1)
    runs = [
        RunForm("raw", re.compile(rb"[0-9](?:[ -]?[0-9])" + repeat), 1, 0),
        RunForm("utf16le", re.compile(rb"[0-9]\x00(?:(?:[ -]\x00)?[0-9]\x00)" + repeat), 2, 0),
        RunForm("utf16be", re.compile(rb"\x00[0-9](?:(?:\x00[ -])?\x00[0-9])" + repeat), 2, 1),
    ]
    literals = []
    for card in cards:
        what = f"PAN {card.masked} ({card.brand})"
        for fragment in sorted(base64_fragments(card.number.encode())):
            literals.append((fragment, "base64", what))
        hexed = card.number.encode().hex().encode()
        literals += [(form, "hex", what) for form in sorted({hexed, hexed.upper()})]  # digits: both are one
    # One regex per key, each starting with its literal (lower-case; the data is lower-cased first), which
    # re finds quickly; an alternation of keys under IGNORECASE would be tried at every byte.
    cvv_alternatives = b"|".join(re.escape(cvv.encode()) for cvv in sorted(cvvs, key=len, reverse=True))
    glue = rb"(?:[\s\"'\\:=]|%2[02]|%3[ad]){1,8}"
    cvv_regexes = [re.compile(re.escape(key.lower().encode()) + glue + rb"(?P<cvv>" + cvv_alternatives + rb")(?![0-9])")
                   for key in keys]
    return Matchers(cards, runs, literals, cvv_regexes, keys)


# --- scanning -------------------------------------------------------------------------------------------

def scan_bytes(data, label: str, matchers: Matchers) -> list[Hit]:
    hits = []
    for run_form in matchers.runs:
        for match in run_form.regex.finditer(data):
            run = match.group()
            offsets = [index for index in range(run_form.digit_at, len(run), run_form.unit)
                       if 0x30 <= run[index] <= 0x39 and (run_form.unit == 1 or run[index + 1 - 2 * run_form.digit_at] == 0)]
            digits = "".join(chr(run[index]) for index in offsets)
            for card in matchers.cards:
                position = digits.find(card.number)
                while position != -1:
                    first, last = offsets[position], offsets[position + len(card.number) - 1]
                    # Inside the run, a neighbouring digit must be separated by a space or dash.
                    touches_before = position > 0 and offsets[position - 1] == first - run_form.unit
                    touches_after = (position + len(card.number) < len(offsets)
                                     and offsets[position + len(card.number)] == last + run_form.unit)
                    if not touches_before and not touches_after:
                        hits.append(Hit(label, match.start() + first - run_form.digit_at, run_form.form,
                                        f"PAN {card.masked} ({card.brand})"))
                    position = digits.find(card.number, position + 1)
    for literal, form, what in matchers.literals:
        position = data.find(literal)
        while position != -1:
            hits.append(Hit(label, position, form, what))
            position = data.find(literal, position + 1)
    lowered = bytes(data).lower()
    for key, regex in zip(matchers.cvv_keys, matchers.cvv):
        for match in regex.finditer(lowered):
            before = lowered[match.start() - 1:match.start()]
            if before and (before.isalnum() or before == b"_"):
                continue  # part of a longer name, e.g. my_cvv_total
            hits.append(Hit(label, match.start(), "cvv-in-context",
                            f"CVV next to key {key!r} ({len(match.group('cvv'))} digits, value not shown)"))
    return sorted(hits, key=lambda hit: hit.offset)


def scan_file(path: Path, matchers: Matchers) -> tuple[int, list[Hit]]:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                return 0, []
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return size, scan_bytes(data, str(path), matchers)
    except (OSError, ValueError) as problem:
        raise ScanError(f"cannot read {path}: {problem}") from None


def files_under(path: Path) -> list[Path]:
    if not os.path.lexists(path):
        raise ScanError(f"no such file or directory: {path}")
    mode = os.lstat(path).st_mode
    if stat.S_ISREG(mode):
        return [path]
    if stat.S_ISDIR(mode):
        found = []
        for root, directories, names in os.walk(path, onerror=lambda error: (_ for _ in ()).throw(
                ScanError(f"cannot list {error.filename}: {error.strerror}"))):
            directories.sort()
            for name in sorted(names):
                candidate = Path(root) / name
                if stat.S_ISREG(os.lstat(candidate).st_mode):
                    found.append(candidate)
        return found
    return []  # a symlink, socket or fifo given explicitly: nothing to read as data


def pg_dump(url: str, folder: Path) -> Path:
    executable = shutil.which("pg_dump")
    if executable is None:
        raise ScanError("--pg-url was given but pg_dump is not installed (apt-get install postgresql-client)")
    target = folder / "pg_dump.sql"
    result = subprocess.run([executable, "--dbname", url, "--file", str(target), "--no-owner", "--no-privileges"],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        # pg_dump's message may repeat the URL; do not print a password.
        message = re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", result.stderr.strip())
        raise ScanError(f"pg_dump failed ({result.returncode}): {message}")
    return target


def run_scan(paths: list[Path], cards_file: Path, pg_url: str | None, out=sys.stdout) -> int:
    cards, cvvs, keys = load_cards(cards_file)
    matchers = build_matchers(cards, cvvs, keys)
    print(f"looking for {len(cards)} test PANs (raw, spaced/dashed, UTF-16, base64, hex) and {len(cvvs)} "
          f"CVVs next to {len(keys)} CVV keys, from {cards_file}", file=out)
    files: list[Path] = []
    for path in paths:
        files.extend(files_under(path))
    total_bytes, hits = 0, []
    with tempfile.TemporaryDirectory(prefix="card-scan-pg-") as temporary:
        if pg_url:
            dump = pg_dump(pg_url, Path(temporary))
            size, found = scan_file(dump, matchers)
            print(f"PostgreSQL: pg_dump of the database, {size} bytes", file=out)
            total_bytes += size
            hits.extend(Hit("pg_dump:" + hit.path.rsplit("/", 1)[-1], hit.offset, hit.form, hit.what) for hit in found)
        else:
            print("PostgreSQL: not scanned (no --pg-url given)", file=out)
        for path in files:
            size, found = scan_file(path, matchers)
            total_bytes += size
            hits.extend(found)
            shown = found[:MAX_HITS_SHOWN_PER_FILE]
            for hit in shown:
                print(f"HIT {hit.path} @ {hit.offset}: {hit.what} [{hit.form}]", file=out)
            if len(found) > len(shown):
                print(f"HIT {path}: ... {len(found) - len(shown)} more", file=out)
    if pg_url:
        for hit in (hit for hit in hits if hit.path.startswith("pg_dump:")):
            print(f"HIT {hit.path} @ {hit.offset}: {hit.what} [{hit.form}]", file=out)
    scanned = len(files) + (1 if pg_url else 0)
    print(f"scanned {scanned} files, {total_bytes} bytes; {len(hits)} card data hits", file=out)
    if scanned == 0:
        raise ScanError("nothing was scanned (no regular file under the given paths)")
    return 1 if hits else 0


# --- self-test ------------------------------------------------------------------------------------------

def self_test(cards_file: Path) -> int:
    cards, cvvs, keys = load_cards(cards_file)
    visa = next(card.number for card in cards if len(card.number) == 16)
    amex = next((card.number for card in cards if len(card.number) == 15), cards[0].number)
    last = cards[-1].number
    cvv = cvvs[0]
    junk = bytes(range(256)) * 4
    plants = {
        "raw.bin": (junk + visa.encode() + junk, "raw"),
        "spaced.log": (f"card {amex[:4]} {amex[4:10]} {amex[10:]} ok\n".encode(), "raw"),
        "dashed.txt": ("-".join(visa[i:i + 4] for i in range(0, 16, 4)).encode(), "raw"),
        "last-card.json": (json.dumps({"number": last}).encode(), "raw"),
        "utf16.dat": (junk + f'{{"number":"{visa}"}}'.encode("utf-16-le") + junk, "utf16le"),
        "utf16be.dat": (f"x{visa}x".encode("utf-16-be"), "utf16be"),
        "jwt.txt": (b"eyJhbGciOiJub25lIn0." + base64.urlsafe_b64encode(
            json.dumps({"card": {"number": visa}}).encode()).rstrip(b"=") + b".", "base64"),
        "blob.b64": (base64.b64encode(b"xy" + visa.encode() + b"z"), "base64"),
        "bytea.sql": (b"COPY cards (jwe) FROM stdin;\n\\\\x" + visa.encode().hex().encode() + b"\n", "hex"),
        "cvv.json": (f'{{"cvv": "{cvv}"}}'.encode(), "cvv-in-context"),
        "cvv-form.txt": (f"name=Ada&cvc={cvv}&x=1".encode(), "cvv-in-context"),
        "cvv-escaped.log": (f'body="{{\\"verification_value\\":\\"{cvv}\\"}}"'.encode(), "cvv-in-context"),
    }
    decoys = {
        "decoy-longer-number.txt": f"order 9{visa}9 and {visa[:-1]} and cvv_total={cvv}5".encode(),
        "decoy-cvv-no-context.bin": (junk + cvv.encode() + junk) * 3,
    }
    failures = []
    with tempfile.TemporaryDirectory(prefix="card-scan-self-test-") as folder:
        root = Path(folder)
        (root / "nested" / ".hidden").mkdir(parents=True)
        for name, (content, _) in plants.items():
            (root / "nested" / ".hidden" / name if name == "raw.bin" else root / name).write_bytes(content)
        decoy_root = Path(folder + "-decoys")
        decoy_root.mkdir()
        try:
            for name, content in decoys.items():
                (decoy_root / name).write_bytes(content)
            matchers = build_matchers(cards, cvvs, keys)
            for name, (content, form) in plants.items():
                path = root / "nested" / ".hidden" / name if name == "raw.bin" else root / name
                _, hits = scan_file(path, matchers)
                if not any(hit.form == form for hit in hits):
                    failures.append(f"the planted {form} card in {name} was not found (hits: {hits})")
            for name in decoys:
                _, hits = scan_file(decoy_root / name, matchers)
                if hits:
                    failures.append(f"false positive in decoy {name}: {hits}")
            output = io.StringIO()
            code = run_scan([root], cards_file, None, out=output)
            text = output.getvalue()
            if code != 1:
                failures.append(f"a scan of the planted folder exited {code}, not 1")
            for card in cards:
                if card.number in text:
                    failures.append(f"the output shows a full card number ({card.masked})")
            if "nested/.hidden/raw.bin" not in text:
                failures.append("the directory walk missed a file in a hidden subfolder")
            output = io.StringIO()
            if run_scan([decoy_root], cards_file, None, out=output) != 0:
                failures.append(f"a scan of the decoys did not pass: {output.getvalue()}")
            empty = root / "empty-cards.json"
            empty.write_text(json.dumps({"pans": [], "cvvs": cvvs, "cvv_keys": keys}))
            try:
                run_scan([root], empty, None, out=io.StringIO())
                failures.append("an empty card list did not stop the scan")
            except ScanError:
                pass
            try:
                run_scan([root / "does-not-exist"], cards_file, None, out=io.StringIO())
                failures.append("a missing path did not stop the scan")
            except ScanError:
                pass
        finally:
            shutil.rmtree(decoy_root, ignore_errors=True)
    checks = len(plants) + len(decoys) + 6
    for failure in failures:
        print("FAIL " + failure)
    print(f"self-test: {checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories to scan")
    parser.add_argument("--cards", type=Path, default=DEFAULT_CARDS, help="card list (default: %(default)s)")
    parser.add_argument("--pg-url", help="also pg_dump this PostgreSQL database and scan the dump")
    parser.add_argument("--self-test", action="store_true", help="plant cards in a temp folder and check they are found")
    arguments = parser.parse_args()
    try:
        if arguments.self_test:
            return self_test(arguments.cards)
        if not arguments.paths and not arguments.pg_url:
            parser.error("give at least one PATH (or --pg-url)")
        code = run_scan(arguments.paths, arguments.cards, arguments.pg_url)
        print("card data found: FAIL" if code else "no card data found: ok")
        return code
    except ScanError as problem:
        print(f"card-data-scan: error: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
