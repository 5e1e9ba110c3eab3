//! `qimen call --profile NAME_OR_ID`: a call signed with a profile of the desktop app, its secrets
//! read from the OS keyring at the moment of the call and dropped after.
//!
//! The profile is read read-only as [`AppProfile`] describes; the call is made by
//! [`qimen_workbench::calls::build::build`], which maps profile + call to a signed request and
//! reads the AppSecret, the 旺店通 secret and the session from the keyring exactly as the console
//! does. Flags given on the command line override the profile's fields; a profile on the local
//! environment is sent to the running `qimen gateway serve` (`--gateway` / `QIMEN_GATEWAY`), as
//! every local CLI call is.

use super::draft::{draft_of, resolve_environment};
use super::CallArgs;
use crate::commands::app_profile::AppProfile;
use crate::failure::Failure;
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::PreparedRequest;
use qimen_workbench::store::Profile;

/// Signs the call described by `args` with the profile `name_or_id` of the app's data.
/// Returns the request and whether it goes to the local gateway.
pub fn prepare(
    args: &CallArgs,
    name_or_id: &str,
    clock: &dyn Clock,
) -> Result<(PreparedRequest, bool), Failure> {
    let lang = args.lang;
    let mut app = AppProfile::open(name_or_id, lang)?;
    if let Some(app_key) = args.app_key.as_deref().filter(|k| !k.trim().is_empty()) {
        app.profile.app_key = app_key.trim().to_string();
    }
    let draft = draft_of(args, true)?;
    let environment = environment_for(args, &app.profile)?;
    let local = matches!(environment, Environment::Local { .. });
    let built = qimen_workbench::calls::build::build(
        &draft,
        &app.profile,
        &environment,
        &app.keyring,
        clock,
    )
    .map_err(|e| app.failure(&e, lang))?;
    Ok((built.prepared, local))
}

/// `--env` when given, else the profile's; local always means the gateway `--gateway` names.
pub fn environment_for(args: &CallArgs, profile: &Profile) -> Result<Environment, Failure> {
    match (&args.env, &profile.environment) {
        (Some(env), _) => resolve_environment(env, &args.gateway),
        (None, Environment::Local { .. }) => resolve_environment("local", &args.gateway),
        (None, env) => Ok(env.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::app_profile::explain_failure;
    use clap::Parser;
    use qimen_core::clock::{FixedClock, SystemClock};
    use qimen_core::protocol::ApiFamily;
    use qimen_core::sensitive::SecretString;
    use qimen_core::text::Lang;
    use qimen_workbench::secrets::{MemoryStore, SecretKey, SecretKind, SecretStore};
    use qimen_workbench::store::{ProfileInput, ProfileRole, Store};

    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        call: CallArgs,
    }

    fn args(extra: &[&str]) -> CallArgs {
        let mut line = vec!["qimen", "--profile", "p"];
        line.extend_from_slice(extra);
        Line::try_parse_from(line).unwrap().call
    }

    fn profile(store: &Store) -> Profile {
        store
            .profiles_create(&ProfileInput {
                target_app_key: Some("99990000".into()),
                customer_id: Some("CUST1".into()),
                wdt_sid: Some("sid1".into()),
                wdt_appkey: Some("wdtkey".into()),
                ..ProfileInput::new(
                    "p",
                    "12345678",
                    ProfileRole::Erp,
                    Environment::parse("sandbox").unwrap(),
                )
            })
            .unwrap()
    }

    #[test]
    fn profile_fields_fill_the_call_and_flags_override_them() {
        let store = Store::open_in_memory().unwrap();
        let p = profile(&store);
        let secrets = MemoryStore::new();
        secrets
            .set(
                &SecretKey::new(p.id, SecretKind::AppSecret),
                &SecretString::from("s"),
            )
            .unwrap();
        secrets
            .set(
                &SecretKey::new(p.id, SecretKind::WdtSecret),
                &SecretString::from("w:salt"),
            )
            .unwrap();
        let clock = FixedClock::new(SystemClock.now());

        let a = args(&["--method", "hu3cgwt0tc.wdt.trade.query", "start=1"]);
        let input = draft_of(&a, true).unwrap();
        // A 旺店通 API gets wdt_sign from the profile's 旺店通 secret without being asked.
        assert!(input.wdt.compute);
        let env = environment_for(&a, &p).unwrap();
        assert_eq!(env, p.environment, "no --env: the profile's environment");
        let built =
            qimen_workbench::calls::build::build(&input, &p, &env, &secrets, &clock).unwrap();
        let req = built.prepared;
        assert_eq!(req.param("app_key"), Some("12345678"));
        // The catalogue documents 旺店通's AppKey for this API; it comes before the profile's.
        assert_eq!(req.param("target_app_key"), Some("21363512"));
        assert_eq!(req.param("sid"), Some("sid1"));
        assert!(req.param("wdt_sign").is_some());

        let a = args(&[
            "--method",
            "taobao.time.get",
            "--env",
            "local",
            "--gateway",
            "http://127.0.0.1:7",
        ]);
        assert!(!draft_of(&a, true).unwrap().wdt.compute);
        // --env wins over the profile, and local is the gateway --gateway names.
        assert_eq!(
            environment_for(&a, &p).unwrap().endpoint(ApiFamily::Top),
            "http://127.0.0.1:7/router/rest"
        );
    }

    #[test]
    fn a_missing_secret_names_it_the_profile_and_the_service() {
        let store = Store::open_in_memory().unwrap();
        let p = profile(&store);
        let a = args(&["--method", "taobao.time.get", "--use-session"]);
        let input = draft_of(&a, true).unwrap();
        let env = environment_for(&a, &p).unwrap();
        let secrets = MemoryStore::new();
        let err = qimen_workbench::calls::build::build(
            &input,
            &p,
            &env,
            &secrets,
            &FixedClock::new(SystemClock.now()),
        )
        .unwrap_err();
        let text = explain_failure(&err, &p, "qimen-workbench-x", Lang::En).to_string();
        assert!(
            text.contains("qimen-workbench-x") && text.contains("\"p\""),
            "{text}"
        );
        assert!(
            text.contains("session") || text.contains("AppSecret"),
            "{text}"
        );
        let zh = explain_failure(&err, &p, "qimen-workbench-x", Lang::ZhCn).to_string();
        assert!(zh.contains("钥匙串"), "{zh}");
    }
}
