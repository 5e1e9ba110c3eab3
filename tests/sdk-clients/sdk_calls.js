// What the Node SDK client scripts share: the calls to make (calls.json) and the one line each
// script prints for the driver. Mirrors sdk_calls.py.
'use strict';

const fs = require('fs');
const path = require('path');

// The calls; SDK_SIGN_SECRET, when set, replaces the app's secret (the wrong-secret probe).
function load() {
  const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'calls.json'), 'utf8'));
  if (process.env.SDK_SIGN_SECRET) {
    spec.app.secret = process.env.SDK_SIGN_SECRET;
  }
  return spec;
}

function reportAnswer(answer) {
  console.log(JSON.stringify({ outcome: 'answer', answer }));
}

function reportError(code, msg, subCode) {
  console.log(JSON.stringify({ outcome: 'error', code, msg, sub_code: subCode === undefined ? null : subCode }));
}

function usage(argv) {
  if (argv.length !== 4) {
    console.error(`usage: node ${path.basename(argv[1])} GATEWAY_BASE_URL CALL_NAME`);
    process.exit(2);
  }
  return { baseUrl: argv[2], name: argv[3] };
}

// Resolves an installed SDK from the folder named by SDK_NODE_MODULES (the private install),
// falling back to the usual lookup.
function requireSdk(name) {
  const from = process.env.SDK_NODE_MODULES;
  return require(from ? require.resolve(name, { paths: [from] }) : name);
}

module.exports = { load, reportAnswer, reportError, usage, requireSdk };
