//! The platform's own error codes and their exact `msg` strings (domain reference §3), so every
//! failure the gateway produces reads like the real router's.

use super::api_contract::PlatformError;

/// A platform code the gateway answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopCode {
    HttpActionNotAllowed = 9,
    InsufficientIsvPermissions = 11,
    RemoteServiceError = 15,
    MissingMethod = 21,
    InvalidMethod = 22,
    InvalidFormat = 23,
    MissingSignature = 24,
    InvalidSignature = 25,
    MissingSession = 26,
    InvalidSession = 27,
    MissingAppKey = 28,
    InvalidAppKey = 29,
    MissingTimestamp = 30,
    InvalidTimestamp = 31,
    MissingVersion = 32,
    InvalidVersion = 33,
    UnsupportedVersion = 34,
    MissingRequiredArguments = 40,
    InvalidArguments = 41,
    InvalidEncoding = 47,
}

impl TopCode {
    /// The `msg` the platform sends with this code.
    pub fn msg(self) -> &'static str {
        match self {
            TopCode::HttpActionNotAllowed => "Http Action Not Allowed",
            TopCode::InsufficientIsvPermissions => "Insufficient ISV Permissions",
            TopCode::RemoteServiceError => "Remote Service Error",
            TopCode::MissingMethod => "Missing Method",
            TopCode::InvalidMethod => "Invalid Method",
            TopCode::InvalidFormat => "Invalid Format",
            TopCode::MissingSignature => "Missing Signature",
            TopCode::InvalidSignature => "Invalid Signature",
            TopCode::MissingSession => "Missing Session",
            TopCode::InvalidSession => "Invalid Session",
            TopCode::MissingAppKey => "Missing App Key",
            TopCode::InvalidAppKey => "Invalid App Key",
            TopCode::MissingTimestamp => "Missing Timestamp",
            TopCode::InvalidTimestamp => "Invalid Timestamp",
            TopCode::MissingVersion => "Missing Version",
            TopCode::InvalidVersion => "Invalid Version",
            TopCode::UnsupportedVersion => "Unsupported Version",
            TopCode::MissingRequiredArguments => "Missing Required Arguments",
            TopCode::InvalidArguments => "Invalid Arguments",
            TopCode::InvalidEncoding => "Invalid encoding",
        }
    }

    /// The error with only code and msg.
    pub fn error(self) -> PlatformError {
        PlatformError {
            code: (self as u16).to_string(),
            msg: self.msg().to_string(),
            sub_code: None,
            sub_msg: None,
        }
    }

    /// The error with a sub-code and a sub-message that says how to fix it.
    pub fn with_sub(self, sub_code: &str, sub_msg: impl Into<String>) -> PlatformError {
        PlatformError {
            sub_code: Some(sub_code.to_string()),
            sub_msg: Some(sub_msg.into()),
            ..self.error()
        }
    }

    /// The error with only a sub-message (the platform leaves `sub_code` out for most system errors).
    pub fn with_msg(self, sub_msg: impl Into<String>) -> PlatformError {
        PlatformError {
            sub_msg: Some(sub_msg.into()),
            ..self.error()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_carry_the_platform_numbers_and_messages() {
        // 30..34 are the timestamp / version codes in the platform's own numbering.
        let e = TopCode::InvalidTimestamp.error();
        assert_eq!(
            (e.code.as_str(), e.msg.as_str()),
            ("31", "Invalid Timestamp")
        );
        assert_eq!(TopCode::MissingVersion.error().code, "32");
        let e = TopCode::InvalidAppKey.with_sub("isv.appkey-not-exists", "x");
        assert_eq!(e.sub_code.as_deref(), Some("isv.appkey-not-exists"));
    }
}
