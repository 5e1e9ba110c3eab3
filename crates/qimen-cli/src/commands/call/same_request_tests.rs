//! The command line and the window describe a call in their own words; both must reach the core's
//! builder with the same draft and get the same bytes back. Generated calls go down both paths: the
//! `qimen call` arguments (no profile, secrets from the environment's stand-in) and the console's
//! IPC input signed with a profile whose secrets sit in a keyring.

use super::draft::{build_plain, draft_of};
use super::CallArgs;
use clap::Parser;
use proptest::prelude::*;
use qimen_core::call::CallSecret;
use qimen_core::clock::FixedClock;
use qimen_core::protocol::environment::Environment;
use qimen_core::sensitive::SecretString;
use qimen_workbench::calls::CallInput;
use qimen_workbench::secrets::{MemoryStore, SecretKey, SecretKind, SecretStore};
use qimen_workbench::store::{ProfileInput, ProfileRole, Store};
use qimen_workbench::WorkbenchError;

const APP_SECRET: &str = "prop-app-secret";
const WDT_SECRET: &str = "prop-wdt-secret:prop-salt";

#[derive(Parser)]
struct Line {
    #[command(flatten)]
    call: CallArgs,
}

/// A generated call, as the command-line arguments that describe it.
#[derive(Debug, Clone)]
struct Generated {
    method: &'static str,
    params: Vec<(String, String)>,
    sign_method: &'static str,
    format: Option<&'static str>,
    target_app_key: Option<String>,
    customer_id: Option<String>,
    body: Option<&'static str>,
    wdt: bool,
}

const METHODS: [&str; 8] = [
    "taobao.time.get",
    "taobao.user.seller.get",
    "taobao.qimen.entryorder.create",
    "entryorder.create",
    "hu3cgwt0tc.wdt.trade.query",
    "a1q40taq0j.custom.api.get",
    "qimen.taobao.crm.order.detail.get",
    "taobao.tbk.item.info.get",
];

const BODIES: [&str; 3] = [
    "<request><entryOrder><entryOrderCode>E1</entryOrderCode></entryOrder></request>",
    "  <?xml version=\"1.0\" encoding=\"utf-8\"?><request/>",
    "{\"request\":{\"a\":[1,2]}}",
];

fn generated() -> impl Strategy<Value = Generated> {
    let key = "[a-z][a-z_]{0,8}".prop_filter("not a system parameter", |k| {
        !qimen_core::protocol::request::SYSTEM_PARAMS.contains(&k.as_str())
            && !["sid", "appkey", "customerid", "extendProps", "wdt_sign"].contains(&k.as_str())
    });
    let value = "[ -~一-龥]{0,12}";
    (
        0..METHODS.len(),
        proptest::collection::btree_map(key, value, 0..6),
        prop::sample::select(vec!["md5", "hmac", "hmac-sha256"]),
        prop::option::of(prop::sample::select(vec!["json", "xml"])),
        prop::option::of("[1-9][0-9]{7}"),
        prop::option::of("[A-Z]{3,8}"),
        prop::option::of(0..BODIES.len()),
        any::<bool>(),
    )
        .prop_map(
            |(m, params, sign_method, format, target, customer, body, wdt)| Generated {
                method: METHODS[m],
                params: params.into_iter().collect(),
                sign_method,
                format,
                target_app_key: target,
                customer_id: customer,
                body: body.map(|i| BODIES[i]),
                wdt,
            },
        )
}

/// The command line's reading of the call.
fn args_of(g: &Generated, body_file: Option<&std::path::Path>) -> CallArgs {
    let mut line: Vec<String> = ["qimen", "--method", g.method, "--app-key", "12345678"]
        .map(String::from)
        .to_vec();
    line.extend(["--env".into(), "sandbox".into()]);
    line.extend(["--sign-method".into(), g.sign_method.into()]);
    if let Some(f) = g.format {
        line.extend(["--format".into(), f.into()]);
    }
    if let Some(t) = &g.target_app_key {
        line.extend(["--target-app-key".into(), t.clone()]);
    }
    if let Some(c) = &g.customer_id {
        line.extend(["--customer-id".into(), c.clone()]);
    }
    if let Some(path) = body_file {
        line.extend(["--body-file".into(), path.display().to_string()]);
    }
    if g.wdt {
        line.push("--wdt-secret-env".into());
    }
    line.extend(g.params.iter().map(|(k, v)| format!("{k}={v}")));
    Line::try_parse_from(line)
        .expect("generated arguments parse")
        .call
}

/// The window's reading of the same call: the draft as the console sends it over IPC.
fn console_input(g: &Generated) -> CallInput {
    let mut json = serde_json::json!({
        "profile_id": null,
        "environment_id": "sandbox",
        "method": g.method,
        "family": null,
        "sign_method": match g.sign_method { "md5" => "md5", "hmac" => "hmac", _ => "hmac-sha256" },
        "format": g.format,
        "params": g.params.iter().map(|(k, v)| serde_json::json!({"key": k, "value": v})).collect::<Vec<_>>(),
        "body": g.body,
        "target_app_key": g.target_app_key,
        "customer_id": g.customer_id,
        "use_session": false,
        "wdt": { "compute": g.wdt },
    });
    // The console leaves unset fields null; an IPC message may also simply omit them.
    json.as_object_mut().unwrap().retain(|_, v| !v.is_null());
    serde_json::from_value(json).expect("the console's input deserialises")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_command_line_and_the_console_send_the_same_bytes(g in generated()) {
        let dir = tempfile::tempdir().unwrap();
        let body_file = g.body.map(|text| {
            let path = dir.path().join("body");
            std::fs::write(&path, text).unwrap();
            path
        });
        let clock = FixedClock::at_gmt8("2024-05-20 10:15:30").unwrap();
        let environment = Environment::parse("sandbox").unwrap();

        let args = args_of(&g, body_file.as_deref());
        let draft = draft_of(&args, false).unwrap();
        let cli = build_plain(&args, &draft, &environment, &clock, |which| {
            Ok(SecretString::from(match which {
                CallSecret::AppSecret => APP_SECRET,
                CallSecret::WdtSecret => WDT_SECRET,
                CallSecret::Session => unreachable!("no session asked for"),
            }))
        });

        let store = Store::open_in_memory().unwrap();
        let profile = store
            .profiles_create(&ProfileInput::new("prop", "12345678", ProfileRole::Erp, environment.clone()))
            .unwrap();
        let keyring = MemoryStore::new();
        keyring.set(&SecretKey::new(profile.id, SecretKind::AppSecret), &SecretString::from(APP_SECRET)).unwrap();
        keyring.set(&SecretKey::new(profile.id, SecretKind::WdtSecret), &SecretString::from(WDT_SECRET)).unwrap();
        let input = console_input(&g);
        let window = qimen_workbench::calls::build::build(&input.draft, &profile, &environment, &keyring, &clock);

        match (cli, window) {
            (Ok(cli), Ok(window)) => {
                let (a, b) = (cli.prepared, window.prepared);
                prop_assert_eq!(&a.endpoint, &b.endpoint);
                prop_assert_eq!(&a.query, &b.query);
                prop_assert_eq!(&a.form, &b.form);
                prop_assert_eq!(&a.body, &b.body);
                prop_assert_eq!(a.signature.digest, b.signature.digest);
            }
            (Err(cli), Err(window)) => {
                // Refused on both paths, for the same reason.
                let cli = cli.to_string();
                match window {
                    WorkbenchError::Field { field, .. } => prop_assert!(cli.contains(&field), "{} vs {}", cli, field),
                    other => prop_assert_eq!(cli, other.to_string()),
                }
            }
            (cli, window) => prop_assert!(false, "one path refused: cli {:?}, window {:?}", cli.map(|c| c.prepared.endpoint), window.map(|c| c.prepared.endpoint)),
        }
    }
}
