#!/usr/bin/env python3
"""Interop check between `cartbridge jwe`/`keys` and an independent JWE implementation (joserfc).

Usage: scripts/jwe-interop.py PATH/TO/cartbridge [TEMP_DIR]

Prints one line per check, then `N passed, M failed`; exits non-zero on any failure.
Uses only the public test card 4111111111111111.
"""

import base64
import datetime
import hashlib
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from joserfc import jwe
from joserfc.jwe import JWERegistry
from joserfc.jwk import RSAKey

# joserfc warns about the deprecated algorithms that case (c) uses on purpose.
warnings.filterwarnings("ignore")

SUPPORTED = JWERegistry(algorithms=["RSA-OAEP-256", "A256GCM"])
TEST_PAN = "4111111111111111"
TEST_CVV = "123"
EXPIRY_YEAR = datetime.date.today().year + 2
CARD_JSON = json.dumps(
    {"number": TEST_PAN, "name": "Interop Test", "verification_value": TEST_CVV, "month": "08", "year": str(EXPIRY_YEAR)},
    separators=(",", ":"),
)

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    print(f"{'PASS' if condition else 'FAIL'} {name}" + ("" if condition or not detail else f": {detail}"))


def run(binary, *args, stdin=""):
    try:
        return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return subprocess.CompletedProcess([binary, *args], 127, "", repr(error))


def b64url_json(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def cartbridge_decrypts_joserfc(binary, tmp):
    keys = tmp / "keys"
    generated = run(binary, "keys", "generate", "--dir", str(keys))
    check("keys generate exits 0", generated.returncode == 0, generated.stderr.strip())
    if generated.returncode != 0:
        return None
    lines = dict(line.split(": ", 1) for line in generated.stdout.strip().splitlines())
    jwk_dict = json.loads(Path(lines["public_jwk"]).read_text())
    check("generated JWK has kid, use, alg", jwk_dict.get("kid") == lines["kid"] and jwk_dict.get("use") == "enc"
          and jwk_dict.get("alg") == "RSA-OAEP-256", json.dumps(jwk_dict)[:120])
    private_mode = (keys / f"{lines['kid']}.private.pem").stat().st_mode & 0o777
    check("private key file mode is 0600", private_mode == 0o600, oct(private_mode))

    public_key = RSAKey.import_key(jwk_dict)
    header = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": jwk_dict["kid"]}
    token = jwe.encrypt_compact(header, CARD_JSON, public_key, registry=SUPPORTED)
    inspected = run(binary, "jwe", "inspect", "--keys", str(keys), stdin=token)
    check("jwe inspect exits 0 for a joserfc token", inspected.returncode == 0, inspected.stderr.strip())
    if inspected.returncode == 0:
        summary = json.loads(inspected.stdout.strip().splitlines()[-1])
        expected_sha = hashlib.sha256(CARD_JSON.encode()).hexdigest()
        check("inspect sha256 matches plaintext", summary.get("plaintext_sha256") == expected_sha, str(summary))
        check("inspect masks the card", summary.get("card") == "**** 1111", str(summary))
        check("inspect brand and expiry", summary.get("brand") == "visa" and summary.get("expiry") == f"08/{EXPIRY_YEAR}",
              str(summary))
        check("inspect reports the kid", summary.get("kid") == jwk_dict["kid"], str(summary))
    check("inspect never prints the PAN or CVV",
          TEST_PAN not in inspected.stdout + inspected.stderr and f'"{TEST_CVV}"' not in inspected.stdout + inspected.stderr)
    return keys, public_key, jwk_dict


def joserfc_decrypts_cartbridge(binary, tmp):
    key = RSAKey.generate_key(2048, private=True)
    public = key.as_dict(private=False)
    public["kid"] = "interop-merchant-1"
    public["use"] = "enc"
    jwk_file = tmp / "merchant.public.jwk.json"
    jwk_file.write_text(json.dumps(public))
    encrypted = run(binary, "jwe", "encrypt", "--jwk", str(jwk_file), stdin=CARD_JSON)
    check("jwe encrypt exits 0", encrypted.returncode == 0, encrypted.stderr.strip())
    if encrypted.returncode != 0:
        return
    token = encrypted.stdout.strip()
    header = b64url_json(token.split(".")[0])
    check("cartbridge header is exactly alg, enc, kid",
          header == {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "interop-merchant-1"}, str(header))
    try:
        decrypted = jwe.decrypt_compact(token, key, registry=SUPPORTED)
        check("joserfc decrypts cartbridge's JWE", decrypted.plaintext == CARD_JSON.encode())
        check("joserfc sees alg, enc, kid", decrypted.protected == header, str(decrypted.protected))
    except Exception as error:  # any joserfc failure is a failed check, not a crash
        check("joserfc decrypts cartbridge's JWE", False, repr(error))


def cartbridge_refuses(binary, keys, public_key, jwk_dict):
    for alg in ["RSA1_5", "RSA-OAEP"]:
        registry = JWERegistry(algorithms=[alg, "A256GCM"])
        token = jwe.encrypt_compact({"alg": alg, "enc": "A256GCM", "kid": jwk_dict["kid"]}, CARD_JSON, public_key,
                                    registry=registry)
        refused = run(binary, "jwe", "inspect", "--keys", str(keys), stdin=token)
        check(f"inspect refuses alg {alg}", refused.returncode != 0 and "jwe_unsupported_alg" in refused.stderr,
              f"exit {refused.returncode}, stderr {refused.stderr.strip()!r}")

    token = jwe.encrypt_compact({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": jwk_dict["kid"]}, CARD_JSON,
                                public_key, registry=SUPPORTED)
    segments = token.split(".")
    segments[3] = ("B" if segments[3][0] == "A" else "A") + segments[3][1:]
    refused = run(binary, "jwe", "inspect", "--keys", str(keys), stdin=".".join(segments))
    check("inspect refuses tampered ciphertext", refused.returncode != 0 and "jwe_decryption_failed" in refused.stderr,
          refused.stderr.strip())

    expired = CARD_JSON.replace(str(EXPIRY_YEAR), "2020")
    token = jwe.encrypt_compact({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": jwk_dict["kid"]}, expired,
                                public_key, registry=SUPPORTED)
    refused = run(binary, "jwe", "inspect", "--keys", str(keys), stdin=token)
    check("inspect refuses an expired card", refused.returncode != 0 and "card_expired" in refused.stderr,
          refused.stderr.strip())
    check("errors never print the PAN or CVV", TEST_PAN not in refused.stderr and TEST_CVV not in refused.stderr)


def main():
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/cartbridge [TEMP_DIR]")
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(dir=sys.argv[2] if len(sys.argv) > 2 else None) as tmp:
        tmp = Path(tmp)
        generated = cartbridge_decrypts_joserfc(binary, tmp)
        joserfc_decrypts_cartbridge(binary, tmp)
        if generated:
            cartbridge_refuses(binary, *generated)
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
