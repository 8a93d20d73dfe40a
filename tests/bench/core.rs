//! Native timings of the core's steps (`cargo bench`): prints figures, asserts nothing.
//! The wasm figures, and the comparison with plain JS, come from `tests/bench/bench.mjs`.

use std::hint::black_box;
use std::time::Instant;

use loyalty_sdk::operation::{self, find};
use loyalty_sdk::{json, top, Error, Secret, SignMethod, Timestamp, TopClient, TopConfig};

fn time(label: &str, iterations: u32, mut f: impl FnMut()) {
    for _ in 0..iterations / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let per = start.elapsed() / iterations;
    println!("{label:<52} {:>9.2} µs/op", per.as_secs_f64() * 1e6);
}

fn main() -> Result<(), Error> {
    let mut config = TopConfig::new("12345678", Secret::new("bench-secret-0123456789"));
    config.sign_method = SignMethod::Md5;
    let client = TopClient::new(config)?;
    let method = "alibaba.alsc.crm.point.extra.consume";
    let params = json::parse(
        r#"{"biz_channel":"CS","brand_id":"32132","shop_id":"3332312","change_point":323,"customer_id":"7027365982937563912722","operator_id":"33322123","out_biz_id":"3231231312312","reason":"积分补扣原因","request_id":"323412"}"#,
    )?;
    let ts = Timestamp::from_epoch_millis(1_700_000_000_000)?;
    let op = find(method).ok_or_else(|| Error::decode("no such operation"))?;
    let business = operation::encode(op, &params)?;
    // `BENCH_N=1000` for a run under callgrind.
    let n = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!("native, {n} iterations each");
    time("validate point.extra.consume", n, || {
        black_box(operation::validate(op, &params).len());
    });
    time("encode (validate + canonical JSON)", n, || {
        black_box(operation::encode(op, &params).map(|b| b.len()).unwrap_or(0));
    });
    time("sign and form-encode (top::prepare)", n, || {
        black_box(
            top::prepare(&client.config, method, business.clone(), ts, None)
                .map(|r| r.sign.len())
                .unwrap_or(0),
        );
    });
    time("prepare (all of the above)", n, || {
        black_box(
            client
                .prepare(method, &params, ts)
                .map(|r| r.sign.len())
                .unwrap_or(0),
        );
    });
    let item = r#"{"flow_id":9007199254740993,"account_id":"7627347265","flow_type":"DEDUT","current_value":4000,"order_value":-65,"order_time":"2019-08-08 15:15:41","operator":"76127653175","shop_id":"736182678","remark":"机会均等","deleted":false}"#;
    let page = format!(
        r#"{{"result":{{"biz_success":true,"current_page":1,"page_size":200,"total_size":200,"result_list":[{}],"result_code":"200"}}}}"#,
        vec![item; 200].join(",")
    );
    let paged = "alibaba.alsc.crm.recharge.accountflows.get";
    time("json::parse of the same page", n / 100, || {
        black_box(json::parse(&page).map(|v| v.is_empty()).unwrap_or(false));
    });
    time(
        "parse_edits of the same page (what parse() runs in JS)",
        n / 100,
        || {
            black_box(
                client
                    .parse_edits(paged, 200, &page)
                    .map(|e| e.0.len())
                    .unwrap_or(0),
            );
        },
    );
    time("parse a 200-item paged result", n / 100, || {
        black_box(
            client
                .parse(paged, 200, &page)
                .map(|v| v.to_json().len())
                .unwrap_or(0),
        );
    });
    let xml_item = "<recharge_account_flow_open_info><flow_id>9007199254740993</flow_id><account_id>7627347265</account_id><flow_type>DEDUT</flow_type><current_value>4000</current_value><order_value>-65</order_value><order_time>2019-08-08 15:15:41</order_time><operator>76127653175</operator><shop_id>736182678</shop_id><remark>机会均等</remark><deleted>false</deleted></recharge_account_flow_open_info>";
    let xml_page = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><alibaba_alsc_crm_recharge_accountflows_get_response><result><biz_success>true</biz_success><current_page>1</current_page><page_size>200</page_size><total_size>200</total_size><result_list>{}</result_list><result_code>200</result_code></result></alibaba_alsc_crm_recharge_accountflows_get_response>",
        xml_item.repeat(200)
    );
    time("parse the same page as XML", n / 100, || {
        black_box(
            client
                .parse(paged, 200, &xml_page)
                .map(|v| v.to_json().len())
                .unwrap_or(0),
        );
    });
    Ok(())
}
