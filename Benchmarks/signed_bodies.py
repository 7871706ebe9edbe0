#!/usr/bin/env python3
"""Writes unique, correctly signed webhook bodies for wrk, one file per wrk thread.

SendOwl and the native checkout sign every body, so wrk (which cannot compute an HMAC)
replays pre-signed lines: `SIGNATURE<TAB>BODY`. Each body is the recorded fixture with
its order / event / session ids and buyer email made unique.

    signed_bodies.py sendowl|native_checkout COUNT_PER_THREAD THREADS OUT_PREFIX
"""
import base64, copy, hashlib, hmac, json, sys, time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "Mocks" / "Fixtures"


def secret(kind):
    instance = json.loads((FIXTURES / kind / "instance.json").read_text())
    return next(iter(instance["secrets"].values()))


def sendowl(template, key, thread, n):
    order = copy.deepcopy(template)
    unique = thread * 10_000_000 + n
    o = order["order"]
    o["id"], o["sendowl_order_id"] = f"{unique:010d}", unique
    o["buyer_email"] = f"s{unique}@example.com"
    for t in o["transactions"]:
        t["gateway_transaction_id"] = f"ch_bench_{unique}"
    body = json.dumps(order, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode(), body


def native(template, key, thread, n):
    event = copy.deepcopy(template)
    unique = thread * 10_000_000 + n
    event["id"] = f"evt_bench_{unique}"
    session = event["data"]["object"]
    session["id"], session["payment_intent"] = f"cs_bench_{unique}", f"pi_bench_{unique}"
    session["customer"] = f"cus_bench_{unique}"
    session["customer_details"]["email"] = f"n{unique}@example.com"
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    t = int(time.time())
    mac = hmac.new(key.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}", body


def main():
    kind, count, threads, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    fixture = {"sendowl": "order_completed.json", "native_checkout": "checkout.session.completed.json"}[kind]
    template = json.loads((FIXTURES / kind / fixture).read_text())
    sign = {"sendowl": sendowl, "native_checkout": native}[kind]
    key = secret(kind)
    for thread in range(1, threads + 1):
        with open(f"{prefix}{thread}.txt", "wb") as out:
            for n in range(count):
                signature, body = sign(template, key, thread, n)
                out.write(signature.encode() + b"\t" + body + b"\n")


if __name__ == "__main__":
    main()
