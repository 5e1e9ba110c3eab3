//! The failures the served APIs answer with, in one place so every API words them the same way:
//! platform argument errors (40 / 41 with `isv.missing-parameter:<field>` /
//! `isv.invalid-parameter:<field>`) and 旺店通's own errors riding in the Qimen answer.

use crate::gateway::api_contract::{ApiOutcome, PlatformError};
use serde_json::{Map, Value};

/// What a handler computes: the business fields, or the error to answer with.
pub(crate) type Answer = Result<Map<String, Value>, PlatformError>;

/// Turns a handler's result into the outcome the router renders.
pub(crate) fn outcome(answer: Answer) -> ApiOutcome {
    match answer {
        Ok(fields) => ApiOutcome::Ok(fields),
        Err(error) => ApiOutcome::Err(error),
    }
}

/// 40: a required argument is absent or blank. `how` tells the caller what to send.
pub(crate) fn missing(field: &str, how: &str) -> PlatformError {
    PlatformError {
        code: "40".into(),
        msg: "Missing Required Arguments".into(),
        sub_code: Some(format!("isv.missing-parameter:{field}")),
        sub_msg: Some(format!("缺少必填参数 {field}：{how}")),
    }
}

/// 41: an argument is present but malformed or out of range. `why` says what is wrong and how to
/// fix it.
pub(crate) fn invalid(field: &str, why: &str) -> PlatformError {
    PlatformError {
        code: "41".into(),
        msg: "Invalid Arguments".into(),
        sub_code: Some(format!("isv.invalid-parameter:{field}")),
        sub_msg: Some(format!("参数 {field} 不合法：{why}")),
    }
}

/// The 旺店通 errors the demo provider answers with (their `code` rides in the Qimen answer,
/// the detail in `sub_message`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WdtError {
    /// `wdt_sign` does not match the 旺店通 secret.
    SignCheckFailure,
    /// The seller account (`sid` / `customerid`) is not served by this provider.
    InvalidSid,
    /// The 旺店通 interface account (`appkey` / `wdt_appkey`) is unknown.
    InvalidAppkey,
    /// `wdt_salt` does not belong to the appkey.
    InvalidSalt,
}

impl WdtError {
    pub(crate) fn code(self) -> &'static str {
        match self {
            WdtError::SignCheckFailure => "wdt.sign-check-failure",
            WdtError::InvalidSid => "wdt.invalid-sid",
            WdtError::InvalidAppkey => "wdt.invalid-appkey",
            WdtError::InvalidSalt => "wdt.invalid-salt",
        }
    }

    fn msg(self) -> &'static str {
        match self {
            WdtError::SignCheckFailure => "Illegal request",
            WdtError::InvalidSid => "Invalid sid",
            WdtError::InvalidAppkey => "Invalid appkey",
            WdtError::InvalidSalt => "Invalid salt",
        }
    }

    /// The error with its explanation (which must name the field and the fix).
    pub(crate) fn with(self, detail: String) -> PlatformError {
        PlatformError {
            code: self.code().into(),
            msg: self.msg().into(),
            sub_code: None,
            sub_msg: Some(detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_errors_name_the_field_in_sub_code_and_message() {
        let e = missing("entryOrderCode", "填写入库单号");
        assert_eq!(e.code, "40");
        assert_eq!(
            e.sub_code.as_deref(),
            Some("isv.missing-parameter:entryOrderCode")
        );
        assert!(e.sub_msg.unwrap().contains("entryOrderCode"));
        let e = invalid("planQty", "必须是正整数");
        assert_eq!(e.code, "41");
        assert_eq!(e.sub_code.as_deref(), Some("isv.invalid-parameter:planQty"));
    }
}
