//! The calls the history bench records: a deterministic mix of what a shop's integration makes in a
//! month. A fifth are `taobao.trades.sold.get` (JSON trades with Chinese titles and times), then
//! other TOP calls, Qimen standard entry and delivery orders (XML bodies carrying order codes such
//! as `RK202405140123`), 旺店通 stock and trade answers (goods names such as 陶瓷餐具套装, warehouses),
//! error answers (25 isv.invalid-signature and others), and one call in a thousand with a large
//! answer. Times advance 23 seconds a call, so every day of the month appears in the timestamps.

use chrono::{DateTime, Duration, Utc};
use qimen_core::clock::FixedClock;
use qimen_core::protocol::request::{prepare, CallSpec, PreparedRequest, RawBody};
use qimen_core::protocol::ApiFamily;
use qimen_core::sensitive::SecretString;
use qimen_workbench::store::CallOutcome;

/// Goods names; three of them hold 餐具, two hold 碗.
pub const GOODS: [&str; 16] = [
    "陶瓷餐具套装",
    "不锈钢保温杯",
    "纯棉T恤 白色 L 码",
    "儿童餐具 卡通款",
    "玻璃碗 三件套",
    "竹制筷子 十双装",
    "真丝围巾",
    "蓝牙耳机 降噪版",
    "无线鼠标",
    "机械键盘 青轴",
    "收纳盒 大号",
    "电热水壶 1.7L",
    "一次性餐具 100 套",
    "日式陶瓷碗",
    "家用菜刀",
    "硅胶锅铲",
];
const WAREHOUSES: [&str; 4] = ["上海仓", "杭州仓", "广州仓", "成都仓"];
const ENDPOINT: &str = "https://eco.taobao.com/router/rest";
const SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";

/// What one call of the mix is, for the bench's expected counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    TradesSold,
    OtherTop,
    Qimen,
    Wdt,
    /// An error answer with this code.
    Error(&'static str),
}

/// One call, ready for [`qimen_workbench::store::HistoryRecord::new`].
pub struct Call {
    pub kind: Kind,
    pub request: PreparedRequest,
    pub outcome: CallOutcome,
    pub at: DateTime<Utc>,
    /// The Qimen order code the call carries, if any.
    pub order_code: Option<String>,
}

/// A small deterministic generator (64-bit LCG), so every run records the same month.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

/// The `n`th call of the month.
pub fn call(n: u64, rng: &mut Rng) -> Call {
    let clock = FixedClock::at_gmt8("2024-05-01 00:00:00").expect("a valid time");
    clock.advance(Duration::seconds(23 * n as i64));
    let at = qimen_core::clock::Clock::now(&clock);
    let stamp = (at + Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let roll = rng.below(1000);
    let kind = match roll {
        0..=199 => Kind::TradesSold,
        200..=449 => Kind::OtherTop,
        450..=599 => Kind::Qimen,
        600..=899 => Kind::Wdt,
        900..=939 => Kind::Error("25"),
        940..=969 => Kind::Error("27"),
        970..=989 => Kind::Error("15"),
        _ => Kind::Error("7"),
    };
    let mut spec = match kind {
        Kind::TradesSold | Kind::Error(_) => top_spec(kind, rng),
        Kind::OtherTop => top_spec(kind, rng),
        Kind::Qimen => CallSpec::new(
            ApiFamily::QimenStandard,
            if rng.below(2) == 0 {
                "taobao.qimen.entryorder.create"
            } else {
                "taobao.qimen.deliveryorder.create"
            },
            "23268761",
        ),
        Kind::Wdt => {
            let method = if rng.below(2) == 0 {
                "hu3cgwt0tc.wdt.stock.query"
            } else {
                "hu3cgwt0tc.wdt.trade.query"
            };
            let mut spec = CallSpec::new(ApiFamily::QimenCloud, method, "23268761");
            spec.target_app_key = Some("21363512".into());
            spec.params.insert("sid".into(), "apidevnew2".into());
            spec.params
                .insert("start_time".into(), format!("{} 00:00:00", &stamp[..10]));
            spec
        }
    };
    spec.session = Some(SecretString::from("6201a9c0ffee5e55105e55105e55"));
    let mut order_code = None;
    if kind == Kind::Qimen {
        let prefix = if spec.method.contains("entry") {
            "RK"
        } else {
            "CK"
        };
        let code = format!("{prefix}{}{:04}", stamp[..10].replace('-', ""), n % 10_000);
        spec.customer_id = Some("stub-cust-code".into());
        spec.body = Some(RawBody::xml(qimen_body(&code, rng)));
        order_code = Some(code);
    }
    let request =
        prepare(&spec, ENDPOINT, &SecretString::from(SECRET), &clock).expect("a valid call");
    let answer = format!(
        "{}_response",
        spec.method.trim_start_matches("taobao.").replace('.', "_")
    );
    let outcome = outcome(kind, n, (&stamp, &answer), order_code.as_deref(), rng);
    Call {
        kind,
        request,
        outcome,
        at,
        order_code,
    }
}

fn top_spec(kind: Kind, rng: &mut Rng) -> CallSpec {
    let method = match kind {
        Kind::TradesSold => "taobao.trades.sold.get",
        _ => rng.pick(&[
            "taobao.trade.fullinfo.get",
            "taobao.item.seller.get",
            "taobao.time.get",
            "taobao.logistics.offline.send",
        ]),
    };
    let mut spec = CallSpec::new(ApiFamily::Top, method, "23268761");
    spec.params.insert(
        "fields".into(),
        "tid,type,status,payment,orders,buyer_nick,created".into(),
    );
    if method == "taobao.logistics.offline.send" {
        spec.params.insert(
            "out_sid".into(),
            format!("SF{}", 1_000_000_000 + rng.below(9_000_000_000)),
        );
    }
    spec
}

fn qimen_body(code: &str, rng: &mut Rng) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder><entryOrderCode>{code}\
         </entryOrderCode><ownerCode>OWNER01</ownerCode><warehouseCode>WH01</warehouseCode>\
         <orderType>CGRK</orderType></entryOrder><orderLines>"
    );
    for line in 1..=1 + rng.below(4) {
        xml.push_str(&format!(
            "<orderLine><orderLineNo>{line}</orderLineNo><itemCode>SKU-{:05}</itemCode>\
             <itemName>{}</itemName><planQty>{}</planQty></orderLine>",
            rng.below(100_000),
            rng.pick(&GOODS),
            1 + rng.below(50)
        ));
    }
    xml.push_str("</orderLines></request>");
    xml
}

fn trade(rng: &mut Rng, stamp: &str) -> String {
    format!(
        "{{\"tid\":{},\"status\":\"WAIT_SELLER_SEND_GOODS\",\"title\":\"{}\",\"payment\":\"{}.00\",\
         \"buyer_nick\":\"tb_买家{}\",\"created\":\"{stamp}\",\"modified\":\"{stamp}\",\
         \"receiver_state\":\"浙江省\",\"orders\":{{\"order\":[{{\"oid\":{},\"num\":{},\
         \"outer_iid\":\"SKU-{:05}\"}}]}}}}",
        3_000_000_000_000_000 + rng.below(1_000_000_000_000),
        rng.pick(&GOODS),
        10 + rng.below(990),
        rng.below(10_000),
        3_000_000_000_000_000 + rng.below(1_000_000_000_000),
        1 + rng.below(5),
        rng.below(100_000)
    )
}

/// The answer to call `n`, given its time as the platform writes it and the key a TOP answer is
/// wrapped in (`trades_sold_get_response`).
fn outcome(
    kind: Kind,
    n: u64,
    (stamp, answer): (&str, &str),
    code: Option<&str>,
    rng: &mut Rng,
) -> CallOutcome {
    let ok = |body: String| CallOutcome {
        http_status: Some(200),
        latency_ms: 40 + n % 200,
        body,
        success: true,
        ..CallOutcome::default()
    };
    match kind {
        Kind::TradesSold | Kind::OtherTop => {
            // One call in a thousand pulls a large page of trades (about 400 KB).
            let count = if n % 1000 == 999 {
                1_000
            } else {
                1 + rng.below(6)
            };
            let trades: Vec<String> = (0..count).map(|_| trade(rng, stamp)).collect();
            ok(format!(
                "{{\"{answer}\":{{\"total_results\":{count},\"trades\":{{\"trade\":[{}]}},\
                 \"request_id\":\"{:x}\"}}}}",
                trades.join(","),
                rng.below(u64::MAX >> 1)
            ))
        }
        Kind::Qimen => ok(format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><response><flag>success</flag><code>0</code>\
             <message>成功</message><entryOrderId>E{}</entryOrderId><note>{}</note></response>",
            code.unwrap_or_default().get(2..).unwrap_or_default(),
            rng.pick(&WAREHOUSES)
        )),
        Kind::Wdt => {
            let lines: Vec<String> = (0..1 + rng.below(8))
                .map(|_| {
                    format!(
                        "{{\"spec_no\":\"A{}\",\"goods_name\":\"{}\",\"warehouse\":\"{}\",\
                         \"stock_num\":\"{}.0000\",\"modified\":\"{stamp}\"}}",
                        rng.below(100_000),
                        rng.pick(&GOODS),
                        rng.pick(&WAREHOUSES),
                        rng.below(500)
                    )
                })
                .collect();
            ok(format!(
                "{{\"response\":{{\"flag\":\"success\",\"code\":0,\"total_count\":{},\"stocks\":[{}]}}}}",
                lines.len(),
                lines.join(",")
            ))
        }
        Kind::Error(code) => {
            let (sub_code, message) = match code {
                "25" => ("isv.invalid-signature", "Invalid signature"),
                "27" => ("invalid-sessionkey", "Invalid session"),
                "15" => ("isv.missing-parameter:tid", "Remote service error"),
                _ => (
                    "accesscontrol.limited-by-app-access-count",
                    "App Call Limited",
                ),
            };
            CallOutcome {
                http_status: Some(200),
                latency_ms: 20 + n % 50,
                body: format!(
                    "{{\"error_response\":{{\"code\":{code},\"msg\":\"{message}\",\"sub_code\":\"{sub_code}\",\
                     \"sub_msg\":\"请检查参数 {stamp}\",\"request_id\":\"{:x}\"}}}}",
                    rng.below(u64::MAX >> 1)
                ),
                success: false,
                code: Some(code.into()),
                sub_code: Some(sub_code.into()),
                message: Some(message.into()),
                sub_message: Some(format!("请检查参数 {stamp}")),
            }
        }
    }
}
