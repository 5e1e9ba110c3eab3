//! Each cause of a wrong `sign`, built from the official rule plus one deliberate mistake, comes
//! back alone; combinations come back together.

use super::fixtures::*;
use super::*;
use crate::sign::top::digest;

const A_MD5: &str = "66987CB115214E59E6EC978214934FB8";

fn ids(d: &Diagnosis) -> Vec<CauseId> {
    d.causes.iter().map(|c| c.id).collect()
}

fn detail(d: &Diagnosis, id: CauseId) -> Option<String> {
    d.causes
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.detail.clone())
}

/// Example A signed with `sign`, diagnosed at its own time.
fn diagnose_a(list: &[(String, String)], sign: &str) -> Diagnosis {
    let request = signed_request(list, None, sign);
    diagnose(&request, EXAMPLE_A_SECRET, example_a_time())
}

fn diagnose_c(body: &str, sign: &str) -> Diagnosis {
    let request = signed_request(&example_c(), Some(body), sign);
    diagnose(&request, QIMEN_SECRET, example_c_time())
}

#[test]
fn the_published_vector_is_valid_with_no_causes() {
    let d = diagnose_a(&example_a("md5"), A_MD5);
    assert!(d.valid, "{:?}", d.causes);
    assert!(d.causes.is_empty());
    assert_eq!(d.expected_sign, A_MD5);
    assert_eq!(d.customer_sign.as_deref(), Some(A_MD5));
    assert!(d.rows.iter().all(|r| r.platform == r.customer));
    assert_eq!(d.rows.len(), 9);
    assert_eq!(d.rows[0].key, "app_key");
}

#[test]
fn the_published_hmac_vectors_are_valid() {
    let d = diagnose_a(&example_a("hmac"), "D56D7858309C31B6251083A874D48273");
    assert!(d.valid && d.causes.is_empty());
    assert_eq!(d.sign_method, SignMethod::Hmac);
    let d = diagnose_a(
        &example_a("hmac-sha256"),
        "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8",
    );
    assert!(d.valid && d.causes.is_empty());
}

#[test]
fn the_qimen_body_vector_is_valid() {
    let d = diagnose_c(EXAMPLE_C_BODY, EXAMPLE_C_MD5);
    assert!(d.valid, "{:?}", d.causes);
    assert!(d.causes.is_empty());
    let last = d.rows.last().expect("rows");
    assert_eq!(last.key, BODY_ROW_KEY);
    assert_eq!(last.platform.as_deref(), Some(EXAMPLE_C_BODY));
}

#[test]
fn another_algorithm_than_sent_is_named() {
    // sign_method=md5 sent, the string (with sign_methodmd5 in it) digested by HMAC-MD5.
    let list = example_a("md5");
    let s = joined(&sorted(&list), None);
    let d = diagnose_a(&list, &digest(&s, EXAMPLE_A_SECRET, SignMethod::Hmac));
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::SignMethodMismatch]);
    assert_eq!(
        detail(&d, CauseId::SignMethodMismatch).as_deref(),
        Some("hmac")
    );
}

#[test]
fn lower_case_hex_alone() {
    let d = diagnose_a(&example_a("md5"), &A_MD5.to_lowercase());
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::LowercaseHex]);
}

#[test]
fn blank_params_signed_as_bare_keys() {
    let mut list = example_a("md5");
    list.push(("remark".into(), String::new()));
    let python = digest(
        &keep_blanks_string(&list, None),
        EXAMPLE_A_SECRET,
        SignMethod::Md5,
    );
    let d = diagnose_a(&list, &python);
    assert_eq!(ids(&d), [CauseId::BlankParamsSigned]);
    assert_eq!(
        detail(&d, CauseId::BlankParamsSigned).as_deref(),
        Some("remark")
    );
    let row = d
        .rows
        .iter()
        .find(|r| r.key == "remark")
        .expect("remark row");
    assert_eq!(
        (row.platform.as_deref(), row.customer.as_deref()),
        (None, Some(""))
    );
}

#[test]
fn body_left_out() {
    let without = rule_sign(&example_c(), None, QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(EXAMPLE_C_BODY, &without);
    assert_eq!(ids(&d), [CauseId::BodyNotSigned]);
    let last = d.rows.last().expect("rows");
    assert_eq!(
        (last.key.as_str(), last.customer.as_deref()),
        (BODY_ROW_KEY, None)
    );
}

#[test]
fn body_left_out_and_lower_case_together() {
    let without = rule_sign(&example_c(), None, QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(EXAMPLE_C_BODY, &without.to_lowercase());
    assert_eq!(ids(&d), [CauseId::BodyNotSigned, CauseId::LowercaseHex]);
}

#[test]
fn xml_body_signed_without_whitespace_between_tags() {
    let sent = "<request>\n  <entryOrder>\n    <code>E1</code>\n  </entryOrder>\n</request>";
    let signed = "<request><entryOrder><code>E1</code></entryOrder></request>";
    let sign = rule_sign(&example_c(), Some(signed), QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(sent, &sign);
    assert_eq!(ids(&d), [CauseId::BodyChanged]);
    assert_eq!(
        detail(&d, CauseId::BodyChanged).as_deref(),
        Some("xml-without-whitespace")
    );
    assert_eq!(
        d.rows.last().and_then(|r| r.customer.as_deref()),
        Some(signed)
    );
}

#[test]
fn json_body_signed_compact_but_sent_pretty() {
    let sent = "{\n  \"orderCode\": \"E1\",\n  \"lines\": [1, 2]\n}";
    let signed = r#"{"orderCode":"E1","lines":[1,2]}"#;
    let sign = rule_sign(&example_c(), Some(signed), QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(sent, &sign);
    assert_eq!(ids(&d), [CauseId::BodyChanged]);
    assert_eq!(
        detail(&d, CauseId::BodyChanged).as_deref(),
        Some("json-compact")
    );
}

#[test]
fn body_signed_with_other_line_breaks_or_a_bom() {
    let sent = "<request>\r\n<a>1</a>\r\n</request>\r\n";
    let lf = sent.replace("\r\n", "\n");
    let sign = rule_sign(&example_c(), Some(&lf), QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(sent, &sign);
    assert_eq!(
        detail(&d, CauseId::BodyChanged).as_deref(),
        Some("lf-line-breaks")
    );
    let with_bom = format!("\u{FEFF}{EXAMPLE_C_BODY}");
    let sign = rule_sign(&example_c(), Some(&with_bom), QIMEN_SECRET, SignMethod::Md5);
    let d = diagnose_c(EXAMPLE_C_BODY, &sign);
    assert_eq!(ids(&d), [CauseId::BodyChanged]);
    assert_eq!(
        detail(&d, CauseId::BodyChanged).as_deref(),
        Some("bom-added")
    );
}

#[test]
fn url_encoded_values_signed() {
    let list = example_a("md5");
    let encoded: Vec<(String, String)> = sorted(&list)
        .into_iter()
        .map(|(k, v)| (k, form_urlencoded::byte_serialize(v.as_bytes()).collect()))
        .collect();
    let sign = digest(&joined(&encoded, None), EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose_a(&list, &sign);
    assert_eq!(ids(&d), [CauseId::UrlEncodedValuesSigned]);
    assert_eq!(
        detail(&d, CauseId::UrlEncodedValuesSigned).as_deref(),
        Some("timestamp, fields")
    );
    let row = d.rows.iter().find(|r| r.key == "timestamp").expect("row");
    assert_eq!(row.customer.as_deref(), Some("2016-01-01+12%3A00%3A00"));
}

#[test]
fn pairs_joined_in_the_order_sent() {
    let list = example_a("md5");
    let sign = digest(&joined(&list, None), EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose_a(&list, &sign);
    assert_eq!(ids(&d), [CauseId::WrongSortOrder]);
    assert_eq!(
        detail(&d, CauseId::WrongSortOrder).as_deref(),
        Some("as-sent")
    );
}

#[test]
fn names_sorted_ignoring_case() {
    let mut list = example_a("md5");
    list.push(("Sku".into(), "1".into()));
    let mut folded = list.clone();
    folded.sort_by_key(|(k, _)| k.to_lowercase());
    let sign = digest(&joined(&folded, None), EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose_a(&list, &sign);
    assert_eq!(ids(&d), [CauseId::WrongSortOrder]);
    assert_eq!(
        detail(&d, CauseId::WrongSortOrder).as_deref(),
        Some("case-insensitive")
    );
}

#[test]
fn empty_sign_param_signed() {
    let mut list = example_a("md5");
    list.push(("sign".into(), String::new()));
    let sign = digest(
        &joined(&sorted(&list), None),
        EXAMPLE_A_SECRET,
        SignMethod::Md5,
    );
    list.pop();
    let d = diagnose_a(&list, &sign);
    assert_eq!(ids(&d), [CauseId::SignParamIncluded]);
}

#[test]
fn md5_secret_at_one_end_only() {
    let list = example_a("md5");
    let s = joined(&sorted(&list), None);
    // md5 of (secret + S): the rule's md5 with an empty wrapping secret.
    let front = digest(&format!("{EXAMPLE_A_SECRET}{s}"), "", SignMethod::Md5);
    let d = diagnose_a(&list, &front);
    assert_eq!(ids(&d), [CauseId::SecretOnce]);
    assert_eq!(detail(&d, CauseId::SecretOnce).as_deref(), Some("front"));
    let back = digest(&format!("{s}{EXAMPLE_A_SECRET}"), "", SignMethod::Md5);
    let d = diagnose_a(&list, &back);
    assert_eq!(detail(&d, CauseId::SecretOnce).as_deref(), Some("back"));
}

#[test]
fn gbk_bytes_hashed() {
    let mut list = example_a("md5");
    list.push(("title".into(), "测试商品".into()));
    let s = joined(&sorted(&list), None);
    let (gbk, _, _) = encoding_rs::GBK.encode(&s);
    let sign = crate::sign::top::digest_bytes(&gbk, EXAMPLE_A_SECRET, SignMethod::Md5);
    let d = diagnose_a(&list, &sign);
    assert_eq!(ids(&d), [CauseId::NonUtf8Encoding]);
    assert_eq!(detail(&d, CauseId::NonUtf8Encoding).as_deref(), Some("GBK"));
}

#[test]
fn several_mistakes_at_once_are_all_named() {
    // Sent order, hmac instead of md5, lower case.
    let list = example_a("md5");
    let sign = digest(&joined(&list, None), EXAMPLE_A_SECRET, SignMethod::Hmac);
    let d = diagnose_a(&list, &sign.to_lowercase());
    assert_eq!(
        ids(&d),
        [
            CauseId::SignMethodMismatch,
            CauseId::WrongSortOrder,
            CauseId::LowercaseHex
        ]
    );
}

#[test]
fn a_sign_nothing_reproduces_points_at_the_secret() {
    let list = example_a("md5");
    let other = rule_sign(&list, None, "another-secret-0000", SignMethod::Md5);
    let d = diagnose_a(&list, &other);
    assert!(!d.valid);
    assert_eq!(ids(&d), [CauseId::WrongSecret]);
    assert_eq!(d.expected_sign, A_MD5);
    // Rows then show the request as sent.
    assert!(d.rows.iter().all(|r| r.platform == r.customer));
}
