//! `qimen call --profile NAME_OR_ID`: a call signed with a profile of the desktop app, its secrets
//! read from the OS keyring at the moment of the call and dropped after.
//!
//! Design: the CLI does not open a whole [`Workbench`](qimen_workbench::Workbench): opening one
//! creates the demo profile on a first run and owns an in-process gateway, and this command must
//! neither write the app's data nor start a gateway. It takes the two pieces the app's own call path
//! is made of instead: the places the app uses ([`LaunchPlaces`], the same environment overrides and
//! the same platform data directory), the [`Store`] opened only when its database already exists, and
//! [`qimen_workbench::calls::build::build`], which maps profile + call to a signed request and reads the AppSecret,
//! the 旺店通 secret and the session from the keyring exactly as the console does. Flags given on the
//! command line override the profile's fields; a profile on the local environment is sent to the
//! running `qimen gateway serve` (`--gateway` / `QIMEN_GATEWAY`), as every local CLI call is.

use super::draft::{draft_of, resolve_environment};
use super::CallArgs;
use crate::failure::Failure;
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::PreparedRequest;
use qimen_core::text::Lang;
use qimen_workbench::error::{MissingSecret, WorkbenchError};
use qimen_workbench::places::{platform_data_dir, LaunchPlaces, DATA_DIR_VAR};
use qimen_workbench::store::{Profile, Store, DATABASE_FILE};

/// Signs the call described by `args` with the profile `name_or_id` of the app's data.
/// Returns the request and whether it goes to the local gateway.
pub fn prepare(
    args: &CallArgs,
    name_or_id: &str,
    clock: &dyn Clock,
) -> Result<(PreparedRequest, bool), Failure> {
    let lang = args.lang;
    let places = app_places(lang)?;
    let store = open_store(&places, lang)?;
    let mut profile = find_profile(&store, name_or_id, lang)?;
    if let Some(app_key) = args.app_key.as_deref().filter(|k| !k.trim().is_empty()) {
        profile.app_key = app_key.trim().to_string();
    }
    let keyring = places
        .keyring_store()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let draft = draft_of(args, true)?;
    let environment = environment_for(args, &profile)?;
    let local = matches!(environment, Environment::Local { .. });
    let built =
        qimen_workbench::calls::build::build(&draft, &profile, &environment, &keyring, clock)
            .map_err(|e| explain_failure(&e, &profile, &places.keyring_service(), lang))?;
    Ok((built.prepared, local))
}

fn app_places(lang: Lang) -> Result<LaunchPlaces, Failure> {
    // Without a home directory there is no platform folder; the override still works.
    let platform = platform_data_dir().unwrap_or_default();
    LaunchPlaces::from_process(platform).map_err(|e| Failure::Usage(e.to_string()))
        .and_then(|places| {
            if places.data_dir.as_os_str().is_empty() {
                Err(Failure::Usage(lang.pick(
                    format!("--profile：找不到桌面应用的数据目录（没有用户目录）；请设置 {DATA_DIR_VAR}"),
                    format!("--profile: the desktop app's data folder is unknown (no home directory); set {DATA_DIR_VAR}"),
                )))
            } else {
                Ok(places)
            }
        })
}

/// Opens the app's store only if the app has created it: this command never creates one.
fn open_store(places: &LaunchPlaces, lang: Lang) -> Result<Store, Failure> {
    let dir = places.data_dir.display();
    if !places.data_dir.join(DATABASE_FILE).is_file() {
        return Err(Failure::Usage(lang.pick(
            format!("--profile：{dir} 中没有桌面应用的数据；请先打开 Qimen Workbench 创建配置，或用 {DATA_DIR_VAR} 指向其数据目录"),
            format!("--profile: no desktop app data in {dir}; open Qimen Workbench once and create the profile, or point {DATA_DIR_VAR} at its data folder"),
        )));
    }
    Store::open_read_only(&places.data_dir)
        .map_err(|e| Failure::Usage(format!("--profile: {dir}: {}", e.message(lang))))
}

/// The profile whose id or name (exactly, then ignoring case) is `name_or_id`.
pub fn find_profile(store: &Store, name_or_id: &str, lang: Lang) -> Result<Profile, Failure> {
    let wanted = name_or_id.trim();
    let profiles = store
        .profiles_list()
        .map_err(|e| Failure::Usage(format!("--profile: {}", e.message(lang))))?;
    let by_id = wanted
        .parse::<i64>()
        .ok()
        .and_then(|id| profiles.iter().find(|p| p.id == id));
    let found = by_id
        .or_else(|| profiles.iter().find(|p| p.name == wanted))
        .or_else(|| {
            profiles
                .iter()
                .find(|p| p.name.to_lowercase() == wanted.to_lowercase())
        });
    found.cloned().ok_or_else(|| {
        let known = profiles
            .iter()
            .map(|p| format!("{} ({})", p.name, p.id))
            .collect::<Vec<_>>()
            .join(", ");
        Failure::Usage(lang.pick(
            format!("--profile：没有名为或编号为“{wanted}”的配置；已有配置：{known}"),
            format!(
                "--profile: no profile named or numbered \"{wanted}\"; the profiles are: {known}"
            ),
        ))
    })
}

/// `--env` when given, else the profile's; local always means the gateway `--gateway` names.
pub fn environment_for(args: &CallArgs, profile: &Profile) -> Result<Environment, Failure> {
    match (&args.env, &profile.environment) {
        (Some(env), _) => resolve_environment(env, &args.gateway),
        (None, Environment::Local { .. }) => resolve_environment("local", &args.gateway),
        (None, env) => Ok(env.clone()),
    }
}

/// What went wrong, naming the missing piece and how to provide it.
fn explain_failure(
    error: &WorkbenchError,
    profile: &Profile,
    service: &str,
    lang: Lang,
) -> Failure {
    let name = &profile.name;
    match error {
        WorkbenchError::MissingSecret(missing, _) => {
            let (zh, en) = match missing {
                MissingSecret::AppSecret => ("AppSecret", "AppSecret"),
                MissingSecret::WdtSecret => ("旺店通密钥", "旺店通 secret"),
                MissingSecret::Session => ("会话（access token）", "session (access token)"),
            };
            Failure::Usage(lang.pick(
                format!("--profile：钥匙串服务 {service} 中没有配置“{name}”的{zh}；请在 Qimen Workbench 中打开该配置并保存{zh}"),
                format!("--profile: the keyring service {service} holds no {en} for profile \"{name}\"; open the profile in Qimen Workbench and save its {en}"),
            ))
        }
        WorkbenchError::Secret(e) => Failure::Usage(lang.pick(
            format!("--profile：无法读取钥匙串服务 {service}（{}）：{}；命令行只从系统钥匙串读取配置的密钥，请解锁或安装钥匙串后重试", e.detail(), e.message(lang)),
            format!("--profile: cannot read the keyring service {service} ({}): {}; the command line reads a profile's secrets only from the OS keyring, so unlock or install one and try again", e.detail(), e.message(lang)),
        )),
        other => Failure::Usage(other.to_ipc(lang).message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use qimen_core::clock::{FixedClock, SystemClock};
    use qimen_core::protocol::ApiFamily;
    use qimen_core::sensitive::SecretString;
    use qimen_workbench::secrets::{MemoryStore, SecretKey, SecretKind, SecretStore};
    use qimen_workbench::store::{ProfileInput, ProfileRole};

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

    #[test]
    fn profiles_are_found_by_id_or_name_ignoring_case() {
        let store = Store::open_in_memory().unwrap();
        let p = profile(&store);
        assert_eq!(
            find_profile(&store, &p.id.to_string(), Lang::En)
                .unwrap()
                .id,
            p.id
        );
        assert_eq!(find_profile(&store, " P ", Lang::En).unwrap().id, p.id);
        let err = find_profile(&store, "q", Lang::En).unwrap_err().to_string();
        assert!(err.contains("p (") && err.contains("\"q\""), "{err}");
    }
}
