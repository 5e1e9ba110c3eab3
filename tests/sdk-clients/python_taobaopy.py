#!/usr/bin/env python3
"""One call through PyPI `taobaopy`, used as its README shows: `TaoBaoAPIClient(key, secret,
domain)`, then the API as a method name (`tbk_shop_get(...)` for `taobao.tbk.shop.get`). It always
signs with HMAC-MD5 (`sign_method=hmac`) and sends the machine's local time as the timestamp.

    python_taobaopy.py http://127.0.0.1:PORT CALL_NAME
"""

import sys

from taobaopy.taobao import TaoBaoAPIClient, TaoBaoAPIError

import sdk_calls


def main():
    base_url, name = sdk_calls.usage(sys.argv)
    spec = sdk_calls.load()
    call = spec["calls"][name]
    method = call["method"]
    if not method.startswith("taobao."):
        sys.exit("taobaopy names only taobao.* APIs as attributes")

    # No retries: each call must be one request on the wire.
    client = TaoBaoAPIClient(spec["app"]["app_key"], spec["app"]["secret"], domain=base_url,
                             retry_count=1)
    api = getattr(client, method[len("taobao."):].replace(".", "_"))
    try:
        answer = api(**call["params"])
    except TaoBaoAPIError as e:
        sdk_calls.report_error(e.code, e.msg, e.sub_code)
        return
    sdk_calls.report_answer(answer)


if __name__ == "__main__":
    main()
