//! Session capture in the real app against the built-in local gateway: the local listener (the test
//! plays the system browser, which Xvfb does not have), the paste of a redirected URL, and then a call
//! that needs the session. The access token itself never reaches the page.

use std::path::Path;
use std::process::Command;

use serde_json::json;
use url::Url;

use crate::console::send_and_read_verdict;
use crate::harness::{ensure, AppRun, Failure, Step, SCREENSHOT_DIR};
use crate::qimen::choose_api;

/// The shop the local gateway's consent page signs in as (the demo shop).
const DEMO_SHOP_NICK: &str = "晴川数码旗舰店";
/// The smallest API that needs a session; it answers with the authorized user.
const SESSION_METHOD: &str = "taobao.user.seller.get";
/// The keyring service the harness gives this scenario's app.
const KEYRING_SERVICE: &str = "qimen-workbench-test-session-call";

impl From<reqwest::Error> for Failure {
    fn from(error: reqwest::Error) -> Self {
        Self(format!("HTTP request as the browser failed: {error}"))
    }
}

/// A client that behaves like the browser but hands every redirect back to the test.
fn browser() -> Step<reqwest::Client> {
    Ok(qimen_core::client::http_client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()?)
}

/// The text of the `<code>` inside the element with this `data-testid` (an authorize URL on the page).
async fn code_text(app: &AppRun, test_id: &str) -> Step<String> {
    app.by_test_id(test_id).await?;
    let text = app
        .wait_until(
            &format!("the URL shown in {test_id}"),
            "const e = document.querySelector(`[data-testid=\"${arguments[0]}\"]`);
             const code = e && (e.querySelector('code') || e);
             return code ? code.textContent.trim() : '';",
            vec![json!(test_id)],
        )
        .await?;
    Ok(text.as_str().unwrap_or_default().to_owned())
}

/// Undoes the HTML escaping of an attribute value on the consent page.
fn unescape_attribute(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of `name="…"` in one tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!("{name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape_attribute(&tag[start..end]))
}

/// The consent form as the browser would submit it with 同意授权: its action and its fields.
fn approve_form(page: &str, base: &Url) -> Step<(Url, Vec<(String, String)>)> {
    let form_at = page
        .find("<form")
        .ok_or_else(|| Failure(format!("the consent page has no form: {page:.300}")))?;
    let form = &page[form_at..];
    let form_tag = &form[..form.find('>').unwrap_or(form.len())];
    let action = attribute(form_tag, "action")
        .ok_or_else(|| Failure("the consent form has no action".into()))?;
    let action = base
        .join(&action)
        .map_err(|error| Failure(format!("the consent form's action {action:?}: {error}")))?;
    let body = &form[..form.find("</form>").unwrap_or(form.len())];
    let mut fields = Vec::new();
    let mut approve = None;
    for tag in body.split('<').filter_map(|piece| piece.split('>').next()) {
        let (Some(name), Some(value)) = (attribute(tag, "name"), attribute(tag, "value")) else {
            continue;
        };
        if tag.starts_with("input") {
            fields.push((name, value));
        } else if tag.starts_with("button") && value == "approve" {
            approve = Some((name, value));
        }
    }
    let approve =
        approve.ok_or_else(|| Failure("the consent form has no approve button".into()))?;
    fields.push(approve);
    Ok((action, fields))
}

/// Opens `authorize_url` on the gateway, approves on its consent page and returns where the gateway
/// sends the browser (the redirect to the callback, with code and state), without following it.
async fn approve_on_gateway(client: &reqwest::Client, authorize_url: &str) -> Step<Url> {
    let authorize = Url::parse(authorize_url)
        .map_err(|error| Failure(format!("the page shows {authorize_url:?}: {error}")))?;
    let consent = client.get(authorize.clone()).send().await?;
    ensure(consent.status().is_success(), || {
        format!(
            "the gateway refused the authorize URL: {}",
            consent.status()
        )
    })?;
    let page = consent.text().await?;
    // The consent page is the demo shop's: the nick the app must show after the exchange.
    ensure(page.contains(DEMO_SHOP_NICK), || {
        "the consent page does not sign in as the demo shop".into()
    })?;
    let (action, fields) = approve_form(&page, &authorize)?;
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    let answer = client
        .post(action)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?;
    ensure(answer.status().is_redirection(), || {
        format!("approving did not redirect: {}", answer.status())
    })?;
    let location = answer
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| Failure("the approve redirect has no Location".into()))?;
    let target = authorize
        .join(location)
        .map_err(|error| Failure(format!("the approve redirect {location:?}: {error}")))?;
    // Approval, not an error: the redirect carries a code.
    ensure(target.query_pairs().any(|(k, _)| k == "code"), || {
        format!("the approve redirect carries no code: {target}")
    })?;
    Ok(target)
}

/// Waits until the status card shows the demo shop as the authorized user with a running countdown.
async fn wait_authorized(app: &AppRun) -> Step {
    app.wait_until(
        "the status card to show the authorized demo shop",
        "const nick = document.querySelector('[data-testid=\"session-nick\"]');
         const left = document.querySelector('[data-testid=\"access-left\"]');
         return !!nick && !!left && nick.innerText.includes(arguments[0])
           && /\\d/.test(left.innerText);",
        vec![json!(DEMO_SHOP_NICK)],
    )
    .await
    .map(drop)
}

/// The access tokens this scenario's app holds in the keyring (read the way the app stores them).
fn access_tokens_in_keyring() -> Step<Vec<String>> {
    let secret_tool = |args: &[&str]| {
        Command::new("secret-tool")
            .args(args)
            .output()
            .map_err(|error| Failure(format!("could not run secret-tool: {error}")))
    };
    // `search` prints the attributes on stderr; each access token's account ends in -access-token.
    let listed = secret_tool(&["search", "--all", "--unlock", "service", KEYRING_SERVICE])?;
    let mut tokens = Vec::new();
    for account in String::from_utf8_lossy(&listed.stderr)
        .lines()
        .filter_map(|line| line.strip_prefix("attribute.username = "))
        .filter(|account| account.ends_with("-access-token"))
    {
        let found = secret_tool(&["lookup", "service", KEYRING_SERVICE, "username", account])?;
        let secret = String::from_utf8_lossy(&found.stdout).trim().to_owned();
        if !secret.is_empty() {
            tokens.push(secret);
        }
    }
    Ok(tokens)
}

/// The page source never holds the access token the app keeps in the keyring.
async fn token_not_in_page(app: &AppRun, token: &str, at: &str) -> Step {
    let source = app.page_source().await?;
    ensure(!source.contains(token), || {
        format!("the access token is in the page source on {at}")
    })
}

/// The current access token from the keyring; there must be exactly one, long enough to be real.
fn current_access_token() -> Step<String> {
    let tokens = access_tokens_in_keyring()?;
    match tokens.as_slice() {
        [token] if token.len() >= 32 => Ok(token.clone()),
        _ => Err(Failure(format!(
            "expected one access token in the keyring service {KEYRING_SERVICE}, found {}",
            tokens.len()
        ))),
    }
}

async fn capture_with_listener(app: &AppRun, client: &reqwest::Client) -> Step {
    app.click_labelled("授权 Session").await?;
    app.by_test_id("session-page").await?;
    app.click_labelled("本机监听").await?;
    app.click_labelled("开始授权").await?;
    // No system browser under Xvfb: the page still shows the URL to open and a way to open it again.
    let authorize_url = code_text(app, "authorize-url").await?;
    app.wait_for_text("再次打开浏览器").await?;
    let callback = approve_on_gateway(client, &authorize_url).await?;
    // The demo profile registers no callback, so the app listens on a loopback port it chose.
    ensure(
        callback.host_str() == Some("127.0.0.1") && callback.path() == "/callback",
        || format!("the gateway sent the browser to {callback}, not the app's loopback listener"),
    )?;
    let landing = client.get(callback).send().await?;
    let status = landing.status();
    let page = landing.text().await?;
    // The listener answers the browser with its friendly page once the code is taken.
    ensure(status.is_success() && page.contains("授权成功"), || {
        format!("the listener answered {status}: {page:.200}")
    })?;
    app.by_test_id("session-done").await?;
    wait_authorized(app).await?;
    let token = current_access_token()?;
    token_not_in_page(app, &token, "the session page after the listener").await?;
    app.screenshot_to(Path::new(SCREENSHOT_DIR), "session-listener")
        .await
        .map(drop)
}

async fn capture_with_paste(app: &AppRun, client: &reqwest::Client) -> Step {
    let before = current_access_token()?;
    app.click_labelled("清除").await?;
    app.confirm_popconfirm("the clear confirmation").await?;
    app.wait_until(
        "the status card to show no session",
        "const card = document.querySelector('[data-testid=\"session-status\"]');
         return !!card && !card.querySelector('[data-testid=\"session-nick\"]');",
        vec![],
    )
    .await?;
    // Clearing removes the tokens from the keyring too.
    ensure(access_tokens_in_keyring()?.is_empty(), || {
        "the access token is still in the keyring after clearing".into()
    })?;

    app.click_labelled("粘贴回调地址").await?;
    app.click_labelled("生成授权地址并在浏览器中打开").await?;
    let authorize_url = code_text(app, "paste-authorize-url").await?;
    // The user approves in some browser and copies the address it was sent to (never loaded).
    let redirected = approve_on_gateway(client, &authorize_url).await?;
    app.type_into(
        "textarea[aria-label=\"跳转后的地址或 code\"]",
        redirected.as_str(),
    )
    .await?;
    app.click_labelled("换取 session").await?;
    app.wait_until(
        "the paste panel to report success",
        "return [...document.querySelectorAll('[data-testid=\"session-done\"]')]
           .some(e => e.getClientRects().length > 0 && e.innerText.includes(arguments[0]));",
        vec![json!(DEMO_SHOP_NICK)],
    )
    .await?;
    wait_authorized(app).await?;
    let token = current_access_token()?;
    // A new authorization, a new token: the paste really exchanged a fresh code.
    ensure(token != before, || {
        "the pasted code did not produce a new access token".into()
    })?;
    token_not_in_page(app, &token, "the session page after the paste").await?;
    app.screenshot_to(Path::new(SCREENSHOT_DIR), "session-paste")
        .await
        .map(drop)
}

async fn call_with_session(app: &AppRun) -> Step {
    app.click_labelled("调用测试").await?;
    choose_api(app, SESSION_METHOD).await?;
    app.type_into("input[aria-label=\"fields\"]", "nick,user_id")
        .await?;
    // Choosing an API that needs a session turns 带上 session on by itself.
    app.wait_until(
        "带上 session to be on",
        "const s = document.querySelector('button[role=\"switch\"][aria-label=\"带上 session\"]');
         return !!s && s.getAttribute('aria-checked') === 'true';",
        vec![],
    )
    .await?;
    let verdict = send_and_read_verdict(app).await?;
    ensure(verdict.success, || {
        format!(
            "{SESSION_METHOD} with the captured session failed: {:?}",
            verdict.label
        )
    })?;
    // The gateway answers with the user the session belongs to.
    app.wait_until(
        "the seller's nick in the response",
        "const panel = document.querySelector('[data-testid=\"result\"]');
         return !!panel && panel.innerText.includes(arguments[0]);",
        vec![json!(DEMO_SHOP_NICK)],
    )
    .await?;
    let token = current_access_token()?;
    token_not_in_page(app, &token, "the console after the call").await?;
    // The API picker's list closes once focus has left it; the screenshot shows the form, not the list.
    app.wait_until(
        "the API list to close",
        "return [...document.querySelectorAll('.ant-select-dropdown')]
           .every(d => d.classList.contains('ant-select-dropdown-hidden')
                    || d.getClientRects().length === 0);",
        vec![],
    )
    .await?;
    app.scroll_to_test_id("result").await
}

/// Listener, then paste, then a call that needs the session.
pub async fn capture_and_use(app: &AppRun) -> Step {
    let client = browser()?;
    capture_with_listener(app, &client).await?;
    capture_with_paste(app, &client).await?;
    call_with_session(app).await
}
