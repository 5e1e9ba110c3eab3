// One call through npm `topsdk`, used as its README shows: `new TopClient(key, secret, {endpoint})`,
// then `execute(method, params)` (a promise), which POSTs an urlencoded form. It signs md5 and
// sends the machine's local time as the timestamp.
//
//     node node_topsdk.js http://127.0.0.1:PORT CALL_NAME
'use strict';

const calls = require('./sdk_calls');

const { baseUrl, name } = calls.usage(process.argv);
const spec = calls.load();
const call = spec.calls[name];
const TopClient = calls.requireSdk('topsdk');

const client = new TopClient(spec.app.app_key, spec.app.secret, { endpoint: `${baseUrl}/router/rest` });
client
  .execute(call.method, Object.assign({}, call.params))
  .then((answer) => calls.reportAnswer(answer))
  .catch((err) => {
    if (err && err.name === 'TOPClientError') {
      const res = JSON.parse(err.data).error_response;
      calls.reportError(err.code, res.msg, err.sub_code);
    } else {
      console.error(err);
      process.exit(1);
    }
  });
