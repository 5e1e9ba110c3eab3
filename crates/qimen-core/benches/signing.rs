//! Signatures per second: each TOP method over a 15-parameter request, md5 over a request with a
//! 10 KiB Qimen XML body, and the provider-side check of that request. Run with `make bench`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use qimen_core::sign::{sign_top, spi, Params, SignMethod};
use std::hint::black_box;

const SECRET: &str = "b17cc059ffba3f6cf0d9131359d0be2a";

/// A realistic 15-parameter TOP call: the system params plus eight business params.
fn fifteen_params(method: SignMethod) -> Params {
    [
        ("method", "taobao.trades.sold.get"),
        ("app_key", "23000001"),
        (
            "session",
            "6100a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3",
        ),
        ("timestamp", "2024-05-20 10:15:30"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", method.as_param()),
        ("partner_id", "qimen-workbench"),
        (
            "fields",
            "tid,type,status,payment,orders,buyer_nick,receiver_state",
        ),
        ("start_created", "2024-05-01 00:00:00"),
        ("end_created", "2024-05-20 00:00:00"),
        ("status", "WAIT_SELLER_SEND_GOODS"),
        ("buyer_nick", "测试买家"),
        ("page_no", "1"),
        ("page_size", "100"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A Qimen entry order whose XML is at least 10 KiB.
fn xml_body_10kib() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><entryOrder>\
         <entryOrderCode>E20240520001</entryOrderCode><ownerCode>OWNER01</ownerCode>\
         <warehouseCode>WH01</warehouseCode><orderType>CGRK</orderType></entryOrder><orderLines>",
    );
    let mut line = 0;
    while xml.len() < 10 * 1024 {
        line += 1;
        xml.push_str(&format!(
            "<orderLine><orderLineNo>{line}</orderLineNo><itemCode>SKU-{line:05}</itemCode>\
             <itemName>纯棉T恤 白色 L 码</itemName><planQty>{}</planQty></orderLine>",
            line * 3
        ));
    }
    xml.push_str("</orderLines></request>");
    xml
}

fn fifteen_param_request(c: &mut Criterion) {
    let mut group = c.benchmark_group("sign_15_params");
    group.throughput(Throughput::Elements(1));
    for method in SignMethod::ALL {
        let params = fifteen_params(method);
        group.bench_with_input(BenchmarkId::from_parameter(method), &params, |b, params| {
            b.iter(|| sign_top(black_box(params), None, SECRET, method))
        });
    }
    group.finish();
}

fn xml_body_request(c: &mut Criterion) {
    let params = qimen_core::sign::vectors::example_c();
    let body = xml_body_10kib();
    let mut group = c.benchmark_group("sign_10kib_xml_body");
    group.throughput(Throughput::Elements(1));
    group.bench_function("md5", |b| {
        b.iter(|| {
            sign_top(
                black_box(&params),
                Some(black_box(&body)),
                SECRET,
                SignMethod::Md5,
            )
        })
    });

    let sign = sign_top(&params, Some(&body), SECRET, SignMethod::Md5);
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &params {
        query.append_pair(k, v);
    }
    query.append_pair("sign", &sign);
    let request = spi::InboundRequest::from_query(&query.finish()).with_body(body.clone());
    group.bench_function("spi_verify_md5", |b| {
        b.iter(|| spi::verify(black_box(&request), SECRET))
    });
    group.finish();
}

criterion_group!(benches, fifteen_param_request, xml_body_request);
criterion_main!(benches);
