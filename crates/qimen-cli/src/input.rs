//! Reading what the user gave: `KEY=VALUE` parameters, files, and secrets. Secrets come only from
//! the environment or a file, never from the command line, where shell history and process
//! listings would keep them.

use crate::failure::Failure;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::Params;
use std::io::Read;
use std::path::Path;

/// The environment variable holding the AppSecret that signs and verifies TOP / Qimen requests.
pub const APP_SECRET_ENV: &str = "QIMEN_APP_SECRET";
/// The environment variable holding the 旺店通 secret for `wdt_sign`.
pub const WDT_SECRET_ENV: &str = "WDT_APP_SECRET";

/// Splits each `KEY=VALUE` at the first `=` (values may contain `=` and any UTF-8 text).
pub fn parse_pairs(args: &[String]) -> Result<Params, Failure> {
    let mut params = Params::new();
    for arg in args {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(Failure::Usage(format!(
                "argument `{arg}`: expected KEY=VALUE (it is split at the first `=`), e.g. method=taobao.time.get"
            )));
        };
        if key.trim().is_empty() {
            return Err(Failure::Usage(format!(
                "argument `{arg}`: the parameter name before `=` is empty"
            )));
        }
        if params.insert(key.to_string(), value.to_string()).is_some() {
            return Err(Failure::Usage(format!(
                "argument `{arg}`: the parameter `{key}` is given more than once; keep one"
            )));
        }
    }
    Ok(params)
}

/// Reads a secret from `--secret-file` when given, else from the environment variable `env_var`.
/// The file's trailing line break is not part of the secret.
pub fn load_secret(env_var: &str, file: Option<&Path>) -> Result<SecretString, Failure> {
    load_secret_with(env_var, "--secret-file", file)
}

/// [`load_secret`] for a file given by another option (`--wdt-secret-file`), which messages name.
pub fn load_secret_with(
    env_var: &str,
    option: &str,
    file: Option<&Path>,
) -> Result<SecretString, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!("{option}: cannot read {}: {e}", path.display()))
        })?;
        let secret = text.trim_end_matches(['\r', '\n']).to_string();
        if secret.trim().is_empty() {
            return Err(Failure::Usage(format!(
                "{option}: {} is empty; put the secret on its first line",
                path.display()
            )));
        }
        return Ok(SecretString::from(secret));
    }
    match std::env::var(env_var) {
        Ok(value) if !value.trim().is_empty() => Ok(SecretString::from(value)),
        _ => Err(Failure::Usage(format!(
            "{env_var} is not set: export the secret in {env_var} (or use {option} FILE where offered); \
             secrets are never read from the command line"
        ))),
    }
}

/// Whether the environment variable holds a value that is not blank.
pub fn env_is_set(env_var: &str) -> bool {
    std::env::var(env_var).is_ok_and(|value| !value.trim().is_empty())
}

/// Reads a text input exactly as it is; `-` reads standard input. `option` names the argument in
/// messages.
pub fn read_text(option: &str, path: &Path) -> Result<String, Failure> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Usage(format!("{option} -: cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(path)
            .map_err(|e| Failure::Usage(format!("{option}: cannot read {}: {e}", path.display())))?
    };
    String::from_utf8(bytes).map_err(|_| {
        Failure::Usage(format!(
            "{option}: {} is not UTF-8 text; save it as UTF-8 (the platform reads requests as UTF-8)",
            path.display()
        ))
    })
}

/// Reads a body file exactly as it is: every byte is signed, including a final line break.
pub fn read_body(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Usage(format!("--body-file: cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::Usage(format!(
            "--body-file: {} is not UTF-8 text; the platform signs and reads bodies as UTF-8",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pairs_split_at_the_first_equals_sign() {
        let p = parse_pairs(&args(&["q=a=b", "nick=旺店通", "empty="])).unwrap();
        assert_eq!(p["q"], "a=b");
        assert_eq!(p["nick"], "旺店通");
        // An empty value is kept here; the signing rule decides what to do with it.
        assert_eq!(p["empty"], "");
    }

    #[test]
    fn pair_errors_name_the_argument() {
        let err = parse_pairs(&args(&["KEY"])).unwrap_err().to_string();
        assert!(err.contains("`KEY`"), "{err}");
        let err = parse_pairs(&args(&["=v"])).unwrap_err().to_string();
        assert!(err.contains("`=v`"), "{err}");
        let err = parse_pairs(&args(&["a=1", "a=2"])).unwrap_err().to_string();
        assert!(err.contains("more than once"), "{err}");
    }

    #[test]
    fn secret_file_drops_only_the_final_line_break() {
        let dir = std::env::temp_dir().join(format!("qimen-cli-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("secret");
        std::fs::write(&path, "  abc \n").unwrap();
        let secret = load_secret("QIMEN_TEST_UNSET_VARIABLE", Some(&path)).unwrap();
        // Inner spaces belong to the secret; only the line break is removed.
        assert_eq!(secret.expose(), "  abc ");
        let missing = load_secret("QIMEN_TEST_UNSET_VARIABLE", None).unwrap_err();
        assert!(missing.to_string().contains("QIMEN_TEST_UNSET_VARIABLE"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
