//! Turning what the console describes ([`CallInput`]) and a profile into a signed request: the
//! family from the catalogue or the method name, the provider's AppKey and `customerId`, the
//! secrets read from the keyring at this moment (never kept), and 旺店通's `wdt_sign` computed for
//! the user when asked.

use super::error::{MissingSecret, WorkbenchError};
use super::types::CallInput;
use crate::api_docs;
use crate::secrets::{SecretKey, SecretKind, SecretStore};
use crate::store::Profile;
use qimen_core::clock::Clock;
use qimen_core::protocol::environment::Environment;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_core::sign::{
    explain_wdt, extend_props_with_wdt_sign, is_blank, split_wdt_app_secret, wdt_flavour_for,
    wdt_sign, Params, WdtFlavour, WdtSignExplanation,
};

/// A call signed and ready to send.
#[derive(Debug, Clone)]
pub struct BuiltCall {
    pub prepared: PreparedRequest,
    pub wdt: Option<WdtSignExplanation>,
}

/// The family of a method: the catalogue's when it documents the API, else the name rule of
/// [`ApiFamily::for_method`].
pub fn family_for(method: &str) -> ApiFamily {
    let method = method.trim();
    if let Some(doc) = api_docs::find(method) {
        return doc.family;
    }
    ApiFamily::for_method(method)
}

/// The rows as parameters: blank rows skipped, a value without a key or a key twice refused.
fn params_of(input: &CallInput) -> Result<Params, WorkbenchError> {
    let mut params = Params::new();
    for row in &input.params {
        let key = row.key.trim();
        if key.is_empty() {
            if is_blank(&row.value) {
                continue;
            }
            return Err(WorkbenchError::field(
                "params",
                format!("值“{}”没有参数名，请填写参数名或删除这一行", row.value),
                format!(
                    "the value \"{}\" has no name; enter the parameter name or remove the row",
                    row.value
                ),
            ));
        }
        if params.insert(key.to_string(), row.value.clone()).is_some() {
            return Err(WorkbenchError::field(
                key,
                "参数名重复出现，请只保留一行".to_string(),
                "this parameter appears twice; keep one row".to_string(),
            ));
        }
    }
    Ok(params)
}

fn non_blank(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Reads one secret of a profile; `None` when none is stored.
pub fn read_secret(
    secrets: &dyn SecretStore,
    profile_id: i64,
    kind: SecretKind,
) -> Result<Option<SecretString>, WorkbenchError> {
    Ok(secrets
        .get(&SecretKey::new(profile_id, kind))?
        .filter(|s| !s.is_blank()))
}

fn required_secret(
    secrets: &dyn SecretStore,
    profile: &Profile,
    kind: SecretKind,
    missing: MissingSecret,
) -> Result<SecretString, WorkbenchError> {
    read_secret(secrets, profile.id, kind)?
        .ok_or_else(|| WorkbenchError::MissingSecret(missing, profile.name.clone()))
}

/// Signs the call described by `input` with `profile`'s credentials for `environment`.
pub fn build(
    input: &CallInput,
    profile: &Profile,
    environment: &Environment,
    secrets: &dyn SecretStore,
    clock: &dyn Clock,
) -> Result<BuiltCall, WorkbenchError> {
    let method = input.method.trim().to_string();
    let doc = api_docs::find(&method);
    let family = input.family.unwrap_or_else(|| family_for(&method));
    let mut spec = CallSpec::new(family, method.clone(), profile.app_key.clone());
    spec.sign_method = input.sign_method;
    spec.format = non_blank(input.format.as_deref());
    spec.params = params_of(input)?;
    spec.target_app_key = non_blank(input.target_app_key.as_deref()).or_else(|| {
        (family == ApiFamily::QimenCloud)
            .then(|| doc.and_then(|d| d.target_app_key.clone()))
            .flatten()
            .or_else(|| profile.target_app_key.clone())
    });
    spec.customer_id = non_blank(input.customer_id.as_deref()).or_else(|| {
        (family == ApiFamily::QimenStandard)
            .then(|| profile.customer_id.clone())
            .flatten()
    });
    spec.body = non_blank(input.body.as_deref()).map(|text| match text.chars().next() {
        Some('{') | Some('[') => RawBody::json(text),
        _ => RawBody::xml(text),
    });

    let wdt = if input.wdt.compute {
        let flavour = doc
            .and_then(|d| d.wdt_sign)
            .unwrap_or_else(|| wdt_flavour_for(&method));
        let full = required_secret(
            secrets,
            profile,
            SecretKind::WdtSecret,
            MissingSecret::WdtSecret,
        )?;
        Some(add_wdt_sign(&mut spec, profile, flavour, &full)?)
    } else {
        None
    };
    if input.use_session {
        spec.session = Some(required_secret(
            secrets,
            profile,
            SecretKind::AccessToken,
            MissingSecret::Session,
        )?);
    }
    let secret = required_secret(
        secrets,
        profile,
        SecretKind::AppSecret,
        MissingSecret::AppSecret,
    )?;
    let prepared = prepare(&spec, &environment.endpoint(family), &secret, clock)?;
    Ok(BuiltCall { prepared, wdt })
}

/// Fills the 旺店通 account from the profile where the call leaves it out, then computes
/// `wdt_sign` over the business parameters and `method`, and puts it where the flavour carries it.
fn add_wdt_sign(
    spec: &mut CallSpec,
    profile: &Profile,
    flavour: WdtFlavour,
    full_secret: &SecretString,
) -> Result<WdtSignExplanation, WorkbenchError> {
    let fill = |params: &mut Params, key: &str, value: &Option<String>| {
        if let Some(v) = value {
            if params.get(key).is_none_or(|old| is_blank(old)) {
                params.insert(key.to_string(), v.clone());
            }
        }
    };
    match flavour {
        WdtFlavour::Custom => {
            fill(&mut spec.params, "sid", &profile.wdt_sid);
            fill(&mut spec.params, "appkey", &profile.wdt_appkey);
        }
        WdtFlavour::OfficialCrm => {
            fill(&mut spec.params, "customerid", &profile.wdt_sid);
            let props = profile
                .wdt_appkey
                .as_ref()
                .map(|k| serde_json::json!({ "wdt_appkey": k }).to_string());
            fill(&mut spec.params, "extendProps", &props);
            if spec.params.get("extendProps").is_none_or(|p| is_blank(p)) {
                return Err(WorkbenchError::field(
                    "extendProps",
                    "官方 CRM 接口把 wdt_sign 放在 extendProps 中：请填写 {\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\"}，或在配置中填写旺店通 appkey",
                    "the CRM API carries wdt_sign inside extendProps: enter {\"wdt_appkey\":\"…\",\"wdt_salt\":\"…\"}, or set the 旺店通 appkey in the profile",
                ));
            }
        }
    }
    // 旺店通 hands out `secret:salt`; the part before ':' signs. A secret without ':' is used whole.
    let signing = split_wdt_app_secret(full_secret.expose())
        .map(|(secret, _salt)| secret.to_string())
        .unwrap_or_else(|_| full_secret.expose().trim().to_string());
    let signing = SecretString::new(signing);
    let mut signed = spec.params.clone();
    signed.remove("wdt_sign");
    signed.insert("method".into(), spec.method.trim().to_string());
    let sign = wdt_sign(&signed, signing.expose(), flavour);
    let explanation = explain_wdt(&signed, signing.expose(), flavour);
    match flavour {
        WdtFlavour::Custom => {
            spec.params.insert("wdt_sign".into(), sign);
        }
        WdtFlavour::OfficialCrm => {
            let props = spec.params.get("extendProps").cloned().unwrap_or_default();
            let with_sign = extend_props_with_wdt_sign(&props, &sign)?;
            spec.params.insert("extendProps".into(), with_sign);
        }
    }
    Ok(explanation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_comes_from_the_catalogue_then_the_name() {
        assert_eq!(family_for("taobao.time.get"), ApiFamily::Top);
        // A short WMS alias is catalogued as Qimen standard even without the prefix.
        assert_eq!(family_for("entryorder.create"), ApiFamily::QimenStandard);
        assert_eq!(
            family_for("taobao.qimen.unknown.thing"),
            ApiFamily::QimenStandard
        );
        assert_eq!(family_for("a1q40taq0j.other.api"), ApiFamily::QimenCloud);
        // `alibaba` has no digit: a platform prefix, not a router code.
        assert_eq!(family_for("alibaba.xxx.get"), ApiFamily::Top);
    }
}
