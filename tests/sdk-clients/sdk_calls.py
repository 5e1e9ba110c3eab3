"""What the Python SDK client scripts share: the calls to make (calls.json) and the one line each
script prints for the driver."""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    """The calls; SDK_SIGN_SECRET, when set, replaces the app's secret (the wrong-secret probe)."""
    with open(os.path.join(HERE, "calls.json"), encoding="utf-8") as f:
        spec = json.load(f)
    if os.environ.get("SDK_SIGN_SECRET"):
        spec["app"]["secret"] = os.environ["SDK_SIGN_SECRET"]
    return spec


def report_answer(answer):
    """The gateway answered without an error: print the answer as the SDK returned it."""
    print(json.dumps({"outcome": "answer", "answer": answer}, ensure_ascii=False))


def report_error(code, msg, sub_code=None):
    """The gateway answered with a platform error, as the SDK surfaced it."""
    print(json.dumps({"outcome": "error", "code": code, "msg": msg, "sub_code": sub_code},
                     ensure_ascii=False))


def usage(argv):
    if len(argv) != 3:
        sys.exit("usage: %s GATEWAY_BASE_URL CALL_NAME" % os.path.basename(argv[0]))
    return argv[1], argv[2]
