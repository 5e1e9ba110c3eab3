//! Addresses that leave the app — the platform's documents, an authorize page — open in the system
//! browser. Only an https address with a host goes; anything else is refused with a message naming it,
//! so a page can never make the app hand a `file:`, `javascript:` or program path to the system.

use crate::{IpcError, Workbench};
use qimen_core::text::Lang;
use url::Url;

/// Why an address was not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LinkError {
    /// Not an https address with a host (or not an address at all).
    NotHttps(String),
    /// The system has no browser to hand it to, or refused. Why is for the log, not the user: it is the
    /// launcher's own words (`"gio" "open" … failed with ExitStatus(…)`).
    NoBrowser { url: String },
}

impl LinkError {
    fn to_ipc(&self, lang: Lang) -> IpcError {
        match self {
            LinkError::NotHttps(url) => IpcError::new(
                "validation.link",
                lang.pick(
                    format!("只能在浏览器中打开 https 开头的网址，「{url}」不是"),
                    format!("only https addresses open in the browser, and \"{url}\" is not one"),
                ),
            ),
            LinkError::NoBrowser { url } => IpcError::new(
                "opener.failed",
                lang.pick(
                    format!("这台电脑上没有能打开网页的浏览器。请复制网址 {url} 到浏览器中打开"),
                    format!(
                        "no browser on this computer opened the page; copy {url} into a browser"
                    ),
                ),
            ),
        }
    }
}

/// The address as it will be opened: parsed, https, with a host; surrounding blanks are dropped.
fn browser_link(raw: &str) -> Result<Url, LinkError> {
    let refused = || LinkError::NotHttps(raw.trim().chars().take(200).collect());
    let url = Url::parse(raw.trim()).map_err(|_| refused())?;
    if url.scheme() != "https" || url.host_str().is_none_or(str::is_empty) {
        return Err(refused());
    }
    Ok(url)
}

/// Checks the address, then hands it to `open` (the system browser in the app, a recorder in tests).
fn open_link(raw: &str, open: impl FnOnce(&str) -> std::io::Result<()>) -> Result<(), LinkError> {
    let url = browser_link(raw)?;
    open(url.as_str()).map_err(|e| {
        tracing::warn!("the browser could not be opened for {url}: {e}");
        LinkError::NoBrowser {
            url: url.to_string(),
        }
    })
}

impl Workbench {
    /// Opens an https address with `open`, worded in the UI language when it cannot.
    pub fn link_open(
        &self,
        raw: &str,
        open: impl FnOnce(&str) -> std::io::Result<()>,
    ) -> Result<(), IpcError> {
        open_link(raw, open).map_err(|e| e.to_ipc(self.lang()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn https_addresses_with_a_host_are_opened_as_parsed() {
        let opened = RefCell::new(Vec::new());
        let result = open_link(
            " https://open.taobao.com/doc.htm?docId=101617&docType=1 ",
            |url| {
                opened.borrow_mut().push(url.to_string());
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(
            opened.into_inner(),
            ["https://open.taobao.com/doc.htm?docId=101617&docType=1"]
        );
    }

    #[test]
    fn anything_but_https_is_refused_before_the_system_sees_it() {
        for raw in [
            "http://open.taobao.com/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "/usr/bin/xterm",
            "https://",
            "open.taobao.com",
            "",
        ] {
            let result = open_link(raw, |_| panic!("{raw:?} reached the opener"));
            assert!(matches!(result, Err(LinkError::NotHttps(_))), "{raw:?}");
        }
    }

    #[test]
    fn messages_name_the_address_in_the_ui_language() {
        let refused = browser_link("ftp://x").unwrap_err();
        assert!(refused.to_ipc(Lang::ZhCn).message.contains("「ftp://x」"));
        assert_eq!(refused.to_ipc(Lang::En).code, "validation.link");
        let failed = open_link("https://open.taobao.com/", |_| {
            Err(std::io::Error::other("no xdg-open"))
        })
        .unwrap_err()
        .to_ipc(Lang::En);
        assert_eq!(failed.code, "opener.failed");
        assert!(failed.message.contains("https://open.taobao.com/"));
        assert!(
            !failed.message.contains("no xdg-open"),
            "{}",
            failed.message
        );
    }
}
