#!/usr/bin/env python3
"""Drives every public SDK client through the capture proxy to the local gateway, checks what the
gateway answered, runs `qimen diagnose --request-file` on each captured request, and prints one
table. Exit status 1 when any row fails. Standard library only; scripts/sdk-clients.sh sets up the
SDKs, the gateway and the proxy, then runs this.

Each row is one SDK call, made by a fresh process, so exactly one captured request belongs to it.

- Plain rows must get a success answer with the expected content, and the capture must be
  diagnosed valid with no cause (exit 0).
- Probe rows try what an SDK user easily does wrong. Either the SDK copes (as a plain row), or the
  row is a FINDING: the gateway's answer and the diagnosis must then be exactly the documented
  ones (an empty parameter signed: the gateway tolerates it, the diagnosis names
  blank-params-signed; the machine clock formatted in UTC: the gateway answers 31, the diagnosis
  names timestamp-out-of-window). Anything else fails.
- The wrong-secret probe signs with another secret: the gateway must answer 25 and the diagnosis
  (with the app's real secret) name wrong-secret.

The SDKs that format the timestamp from the machine's local time need the process in GMT+8, as
their users in China have it: plain rows run with TZ=Asia/Shanghai, the clock probe with TZ=UTC.

With --relay-log, the SDKs call `qimen relay serve` (started with the app's secret, forwarding to the
gateway) instead of the capture proxy, and each row is judged on the relay's JSON line for the call
in place of a capture's diagnosis: plain rows must be recorded `valid` with no cause and status 200;
probe rows that are findings must name the same one cause.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SDK_TIMEOUT = 60
DIAGNOSE_TIMEOUT = 60

# (label, registry, package whose installed version is shown, how to run its script)
SDKS = [
    ("taobao-sdk-python3", "PyPI", "python", "python_taobao_sdk_python3.py"),
    ("taobaopy", "PyPI", "python", "python_taobaopy.py"),
    ("node-taobao-topclient", "npm", "node", "node_taobao_topclient.js"),
    ("topsdk", "npm", "node", "node_topsdk.js"),
]

# (call name in calls.json, TZ, kind, label)
RUNS = [
    ("time", "Asia/Shanghai", "plain", "taobao.time.get"),
    ("shop", "Asia/Shanghai", "plain", "taobao.tbk.shop.get (Chinese q)"),
    ("shop-blank", "Asia/Shanghai", "probe-blank", "taobao.tbk.shop.get, page_no empty"),
    ("time", "UTC", "probe-clock", "taobao.time.get, process in UTC"),
    ("time", "Asia/Shanghai", "probe-secret", "taobao.time.get, signed with a wrong secret"),
]

# The secret the wrong-secret probe signs with (sdk_calls reads it from SDK_SIGN_SECRET).
WRONG_SECRET = "not0the0app0secret00000000000000"

# What a probe row must show when the SDK does not cope: (gateway answer, the one cause).
FINDINGS = {
    "probe-blank": ("success", "blank-params-signed"),
    "probe-clock": ("error 31", "timestamp-out-of-window"),
    "probe-secret": ("error 25", "wrong-secret"),
}


def installed_version(kind, package, python, node_modules):
    if kind == "python":
        out = subprocess.run(
            [python, "-c", "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))",
             package], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    with open(os.path.join(node_modules, package, "package.json"), encoding="utf-8") as f:
        return json.load(f)["version"]


def sent_params(raw):
    """The parameters of a captured request (URL query and urlencoded form), for display."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    target = lines[0].split(" ")[1]
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(target).query,
                                         keep_blank_values=True))
    content_type = ""
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-type":
            content_type = value.strip().lower()
    if content_type.startswith("application/x-www-form-urlencoded"):
        params.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"),
                                             keep_blank_values=True))
    return params


def contains(value, expect):
    """Whether an answer holds the expected key (`key`) or string (`value`) anywhere."""
    if isinstance(value, dict):
        if "key" in expect and expect["key"] in value:
            return True
        return any(contains(v, expect) for v in value.values())
    if isinstance(value, list):
        return any(contains(v, expect) for v in value)
    if isinstance(value, str) and "value" in expect:
        return expect["value"] in value
    return False


def gateway_answer(line, expect):
    """('success' | 'error CODE' | 'unexpected', what the gateway said) from the line an SDK script
    printed."""
    try:
        result = json.loads(line)
    except ValueError:
        return "unexpected", "no result line"
    if result.get("outcome") == "error":
        return "error %s" % result.get("code"), str(result.get("msg"))
    answer = result.get("answer")
    if isinstance(answer, dict) and "error_response" in answer:
        error = answer["error_response"]
        return "error %s" % error.get("code"), str(error.get("msg"))
    if isinstance(answer, str):
        code = re.search(r"<code>(\d+)</code>.*?<msg>([^<]*)</msg>", answer)
        if code:
            return "error %s" % code.group(1), code.group(2)
        return "unexpected", answer[:200]
    if not contains(answer, expect):
        return "unexpected", json.dumps(answer, ensure_ascii=False)[:200]
    return "success", ""


def diagnose(qimen, capture, secret):
    env = dict(os.environ, QIMEN_APP_SECRET=secret)
    try:
        done = subprocess.run([qimen, "diagnose", "--request-file", capture, "--json"], env=env,
                              capture_output=True, text=True, timeout=DIAGNOSE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, None, "no verdict in %d s" % DIAGNOSE_TIMEOUT
    with open(capture[: -len(".http")] + ".diagnosis.json", "w", encoding="utf-8") as f:
        f.write(done.stdout)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = None
    return done.returncode, report, done.stderr


def cause_ids(report):
    """The cause ids of a `--json` report (a list of ids; objects with an `id` also read)."""
    return [c if isinstance(c, str) else c.get("id") for c in (report or {}).get("causes", [])]


def cause_details(report):
    """(id, detail) of each cause, from the whole diagnosis under `details` when present."""
    causes = ((report or {}).get("details") or {}).get("causes") or []
    return [(c.get("id"), c.get("detail")) for c in causes if isinstance(c, dict)]


def judge(kind, answer, exit_code, report):
    """'ok', 'FINDING' or 'FAIL' for one row."""
    if report is None or exit_code not in (0, 1):
        return "FAIL"
    causes = cause_ids(report)
    clean = exit_code == 0 and report.get("valid") is True and not causes
    if answer == "success" and clean:
        return "ok"
    if kind in FINDINGS:
        want_answer, want_cause = FINDINGS[kind]
        if answer == want_answer and exit_code == 1 and causes == [want_cause]:
            return "FINDING"
    return "FAIL"


RELAY_LINE_WAIT = 10


def run_env(env, tz, kind):
    """The environment of one SDK process: its time zone, and for the wrong-secret probe the
    secret it signs with."""
    out = dict(env, TZ=tz)
    out.pop("SDK_SIGN_SECRET", None)
    if kind == "probe-secret":
        out["SDK_SIGN_SECRET"] = WRONG_SECRET
    return out


def relay_line(log, seen):
    """The relay's JSON line for the call just made: the first line after the `seen` ones (the
    relay writes it once the answer has been passed on, so it may come a moment later)."""
    deadline = time.monotonic() + RELAY_LINE_WAIT
    while time.monotonic() < deadline:
        with open(log, encoding="utf-8") as f:
            lines = [l for l in f.read().splitlines() if l.strip()]
        if len(lines) > seen:
            return len(lines), json.loads(lines[seen])
        time.sleep(0.05)
    return seen, None


def relay_report(line):
    """The relay's line read as `diagnose --json` would report the request: (exit code, report)."""
    if line is None:
        return -1, None
    valid = line.get("verdict") == "valid"
    causes = line.get("causes") or []
    return (0 if valid and not causes else 1), {"valid": valid, "causes": causes}


def new_captures(folder, before):
    return sorted(n for n in os.listdir(folder) if n.endswith(".http") and n not in before)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the capture proxy, http://[::1]:PORT")
    parser.add_argument("--captures", required=True, help="the capture proxy's output folder")
    parser.add_argument("--qimen", required=True, help="the qimen binary")
    parser.add_argument("--python", required=True, help="python of the SDKs' virtual environment")
    parser.add_argument("--node-modules", required=True, help="node_modules holding the npm SDKs")
    parser.add_argument("--relay-log", help="the JSON lines of `qimen relay serve`: judge each call "
                        "on its line instead of a capture (--base-url is then the relay)")
    args = parser.parse_args()

    with open(os.path.join(HERE, "calls.json"), encoding="utf-8") as f:
        spec = json.load(f)
    secret = spec["app"]["secret"]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["SDK_NODE_MODULES"] = os.path.abspath(args.node_modules)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    runners = {"python": [args.python], "node": ["node"]}

    rows, notes, failed = [], [], False
    relay_seen = 0
    started = time.monotonic()
    for package, registry, kind, script in SDKS:
        version = installed_version(kind, package, args.python, args.node_modules)
        sdk = "%s %s (%s)" % (package, version, registry)
        for call_name, tz, run_kind, label in RUNS:
            call = spec["calls"][call_name]
            before = set(os.listdir(args.captures))
            try:
                done = subprocess.run(
                    runners[kind] + [os.path.join(HERE, script), args.base_url, call_name],
                    env=run_env(env, tz, run_kind), capture_output=True, text=True,
                    timeout=SDK_TIMEOUT)
            except subprocess.TimeoutExpired as e:
                done = subprocess.CompletedProcess(e.cmd, -1, "", "no answer in %d s" % SDK_TIMEOUT)
            last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
            answer, detail = gateway_answer(last, call["expect"])
            if args.relay_log:
                relay_seen, line = relay_line(args.relay_log, relay_seen)
                exit_code, report = relay_report(line)
                verdict = judge(run_kind, answer, exit_code, report)
                if run_kind == "plain" and verdict == "ok" and line.get("status") != 200:
                    verdict = "FAIL"
                shown = "no relay line" if line is None else "relay: %s%s, HTTP %s" % (
                    line.get("verdict"), " " + ", ".join(line["causes"]) if line.get("causes")
                    else "", line.get("status"))
                shown_answer = answer if answer == "success" else "%s %s" % (answer, detail[:40])
                rows.append((sdk, label, "-", shown_answer, shown, "%s  relay line %d" % (
                    verdict, relay_seen)))
                if verdict == "FAIL":
                    failed = True
                    notes.append("%s / %s through the relay: %s %s, line %s\n%s" % (
                        sdk, label, answer, detail, json.dumps(line, ensure_ascii=False),
                        done.stderr.strip()))
                continue
            captured = new_captures(args.captures, before)
            if done.returncode != 0 or len(captured) != 1:
                failed = True
                rows.append((sdk, label, "-", answer, "%d requests captured" % len(captured),
                             "FAIL"))
                notes.append("%s / %s: exit %d, %d captures\n%s%s" % (
                    sdk, label, done.returncode, len(captured), done.stdout, done.stderr))
                continue
            capture = os.path.join(args.captures, captured[0])
            with open(capture, "rb") as f:
                sign_method = sent_params(f.read()).get("sign_method", "(none)")
            exit_code, report, stderr = diagnose(args.qimen, capture, secret)
            causes = cause_ids(report)
            if report is None:
                diagnosis = "exit %d, no JSON" % exit_code
            elif exit_code == 0 and not causes:
                diagnosis = "valid (exit 0)"
            else:
                diagnosis = "%s (exit %d%s)" % (", ".join(causes) or "no cause",
                                                 exit_code,
                                                 ", sign valid" if report.get("valid") else "")
            verdict = judge(run_kind, answer, exit_code, report)
            shown_answer = answer if answer == "success" else "%s %s" % (answer, detail[:40])
            rows.append((sdk, label, sign_method, shown_answer, diagnosis,
                         "%s  %s" % (verdict, captured[0])))
            if verdict == "FAIL":
                failed = True
                notes.append("%s / %s (%s):\n  gateway: %s %s\n  diagnose exit %d: %s%s" % (
                    sdk, label, capture, answer, detail, exit_code, stderr.strip(),
                    json.dumps(report, ensure_ascii=False)[:2000] if report else ""))
            elif verdict == "FINDING":
                for cause, cause_detail in cause_details(report) or [(c, None) for c in causes]:
                    notes.append("FINDING %s / %s: %s%s" % (
                        sdk, label, cause, " (%s)" % cause_detail if cause_detail else ""))

    header = ("SDK", "call", "sign_method", "gateway answer", "diagnosis", "result  capture")
    if args.relay_log:
        header = ("SDK", "call", "-", "gateway answer (through the relay)", "the relay's line",
                  "result  line")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    print(line(header))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print()
    for note in notes:
        print(note)
    counts = {v: sum(1 for r in rows if r[5].startswith(v)) for v in ("ok", "FINDING", "FAIL")}
    print("%d ok, %d findings in %.1f s (plain rows in TZ=Asia/Shanghai); %s" % (
        counts["ok"], counts["FINDING"], time.monotonic() - started,
        "through the relay, its lines in %s" % args.relay_log if args.relay_log
        else "captures and diagnoses in %s" % args.captures))
    # The closing line test runners print: findings are expected outcomes, so they pass.
    print("sdk-clients: %d passed, %d failed" % (len(rows) - counts["FAIL"], counts["FAIL"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
