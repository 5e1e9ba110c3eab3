#!/usr/bin/env python3
"""One call through PyPI `taobao-sdk-python3` (a copy of the official Python SDK, `top.api`), used
as its users use it: a request class derived from `RestApi` naming the API, business parameters as
attributes, `getResponse()`. It always signs md5 and sends the timestamp as epoch milliseconds.

    python_taobao_sdk_python3.py http://127.0.0.1:PORT CALL_NAME
"""

import sys
import urllib.parse

import top
import top.api.base

import sdk_calls


def main():
    base_url, name = sdk_calls.usage(sys.argv)
    spec = sdk_calls.load()
    call = spec["calls"][name]
    url = urllib.parse.urlsplit(base_url)

    # The SDK generates one class per API, each overriding getapiname(); this one is made alike.
    request_class = type("Request", (top.api.base.RestApi,),
                         {"getapiname": lambda self: call["method"]})
    request = request_class(url.hostname, url.port)
    request.set_app_info(top.appinfo(spec["app"]["app_key"], spec["app"]["secret"]))
    for key, value in call["params"].items():
        setattr(request, key, value)
    try:
        answer = request.getResponse()
    except top.api.base.TopException as e:
        sdk_calls.report_error(e.errorcode, e.message, e.subcode)
        return
    sdk_calls.report_answer(answer)


if __name__ == "__main__":
    main()
