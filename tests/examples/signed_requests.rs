//! Prints a fully signed request for each seed operation and a U8 `points/change`, with the
//! demo credentials (no network, no real secret), from the typed models generated from
//! `spec/`. Run: `cargo run --features models --example signed-requests`.

use loyalty_sdk::json;
use loyalty_sdk::models::{open_assert_refund, point_extra_consume, recharge_dedut_update};
use loyalty_sdk::u8::{self, U8Config};
use loyalty_sdk::{Error, HttpRequest, Secret, SignMethod, Timestamp, TopClient, TopConfig};

fn show(title: &str, req: &HttpRequest) {
    println!(
        "== {title}\n{} {}",
        req.method,
        loyalty_sdk::http::redact_url(&req.url)
    );
    for (k, v) in req.headers {
        println!("{k}: {v}");
    }
    if !req.body.is_empty() {
        println!("\n{}", req.body);
    }
    println!();
}

fn main() -> Result<(), Error> {
    let mut config = TopConfig::new("12345678", Secret::new("demo-secret-not-real"));
    config.sign_method = SignMethod::HmacSha256;
    config.gateway = "http://127.0.0.1:8788/router/rest".into();
    let client = TopClient::new(config)?;
    // The host supplies time: here a fixed instant, so the output is reproducible.
    let now = Timestamp::from_epoch_millis(1_735_660_800_000)?;

    let deduct = point_extra_consume::Request {
        biz_channel: "CS".into(),
        brand_id: Some("32132".into()),
        shop_id: Some("3332312".into()),
        change_point: 323,
        customer_id: "7027365982937563912722".into(),
        operator_id: "33322123".into(),
        out_biz_id: "3231231312312".into(),
        reason: Some("积分补扣原因".into()),
        request_id: "demo-0001".into(),
        ..Default::default()
    };
    let signed = client.prepare_request(&deduct, now)?;
    println!(
        "string-to-sign: {}\nsign: {}\n",
        signed.string_to_sign, signed.sign
    );
    show(
        "alibaba.alsc.crm.point.extra.consume (积分补扣)",
        &signed.http,
    );

    let consume = recharge_dedut_update::Request {
        biz_channel: "KRY".into(),
        biz_date: Some("2025-01-01 00:00:00".into()),
        brand_id: Some("3742863742".into()),
        shop_id: Some("73527452".into()),
        customer_id: Some("76328764276476256".into()),
        operator_id: "65673527".into(),
        outer_order_id: "766348726342638".into(),
        remark: Some("午餐".into()),
        request_id: "demo-0002".into(),
        value: 2000,
        ..Default::default()
    };
    show(
        "alibaba.alsc.crm.recharge.dedut.update (储值消费)",
        &client.prepare_request(&consume, now)?.http,
    );

    let refund = open_assert_refund::Request {
        brand_id: "342343043".into(),
        shop_id: "23829323".into(),
        customer_id: Some("34342243".into()),
        outer_type: Some("alipay".into()),
        new_outer_order_id: "3439200320332".into(),
        outer_order_id: "766348726342638".into(),
        operator_id: "23438993".into(),
        request_id: "demo-0003".into(),
        voucher_id_list: Some(vec!["123".into(), "456".into()]),
        ..Default::default()
    };
    show(
        "alibaba.alsc.crm.open.assert.refund (资产核销回退)",
        &client.prepare_request(&refund, now)?.http,
    );

    let mut u8config = U8Config::new(
        "openapi_dev",
        "openapi_ent",
        "opa6fdd4bea98b95ad7",
        Secret::new("demo-u8-secret"),
    );
    u8config.base_url = "http://127.0.0.1:8788".into();
    show("U8 /system/token", &u8::prepare_token(&u8config)?);
    let body = json::parse(
        r#"[{"mid":"10000001","action_type":5,"ori_money":"100.00","calc_money":"100.00","ori_points":100,"source_code":"201512120000001"}]"#,
    )?;
    show(
        "U8 points/change (积分增加)",
        &u8::prepare(
            &u8config,
            "points/change",
            &body,
            "843d03f66e6544e19707ccec11030296",
        )?,
    );
    Ok(())
}
