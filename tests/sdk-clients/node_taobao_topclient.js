// One call through npm `node-taobao-topclient`, used as its README shows:
// `new TopClient({appkey, appsecret, REST_URL})`, then `execute(method, params)` (a promise), which
// POSTs an urlencoded form. It signs md5 and sends the machine's local time as the timestamp.
//
//     node node_taobao_topclient.js http://127.0.0.1:PORT CALL_NAME
'use strict';

const calls = require('./sdk_calls');

const { baseUrl, name } = calls.usage(process.argv);
const spec = calls.load();
const call = spec.calls[name];
const TopClient = calls.requireSdk('node-taobao-topclient').default;

const client = new TopClient({
  appkey: spec.app.app_key,
  appsecret: spec.app.secret,
  REST_URL: `${baseUrl}/router/rest`,
});
client
  .execute(call.method, Object.assign({}, call.params))
  .then((answer) => calls.reportAnswer(answer))
  .catch((err) => {
    if (err && err.name === 'TOPClientError') {
      const res = err.data && err.data.error_response;
      calls.reportError(err.code, res ? res.msg : err.message, err.sub_code);
    } else {
      console.error(err);
      process.exit(1);
    }
  });
