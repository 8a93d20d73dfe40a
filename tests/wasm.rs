//! The core's key tests, run inside WebAssembly: in Node (`cargo test --target
//! wasm32-unknown-unknown --test wasm`) and in headless Chromium (the same with
//! `WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "it/common.rs"]
mod common;

use common::{list, text, text_pairs, top_client, Value, OFFICIAL, OFFICIAL_SIGN};
use loyalty_sdk::json;
use loyalty_sdk::top::{sign, string_to_sign, SignMethod};
use loyalty_sdk::u8::{self, U8Config};
use loyalty_sdk::{ErrorCode, Secret, Timestamp, TopClient, TopConfig};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn official_md5_vector() {
    assert_eq!(
        sign(OFFICIAL, &Secret::new("helloworld"), SignMethod::Md5),
        OFFICIAL_SIGN
    );
}

#[wasm_bindgen_test]
fn independent_vectors_and_seed_requests() {
    let v = json::parse(include_str!("vectors/top_signatures.json")).unwrap();
    let sigs = list(&v, "signatures");
    assert!(!sigs.is_empty());
    for case in sigs {
        let params = text_pairs(case, "params");
        let method = SignMethod::parse(text(case, "sign_method")).unwrap();
        let secret = Secret::new(text(case, "secret"));
        assert_eq!(
            string_to_sign(params.iter().copied()),
            text(case, "string_to_sign")
        );
        assert_eq!(
            sign(params.iter().copied(), &secret, method),
            text(case, "sign")
        );
    }
    let requests = list(&v, "requests");
    assert!(!requests.is_empty());
    for case in requests {
        let text = |k: &str| text(case, k);
        let mut config = TopConfig::new("12345678", Secret::new(text("secret")));
        config.sign_method = SignMethod::parse(text("sign_method")).unwrap();
        config.partner_id = Some("loyalty-sdk".into());
        let client = TopClient::new(config).unwrap();
        let ts =
            Timestamp::from_epoch_millis(case.get("epoch_millis").and_then(Value::as_i64).unwrap())
                .unwrap();
        let req = client
            .prepare(text("method"), case.get("business_object").unwrap(), ts)
            .unwrap();
        assert_eq!(req.http.url, text("url"));
        assert_eq!(req.http.body, text("body"));
    }
}

#[wasm_bindgen_test]
fn china_time_at_the_date_boundary() {
    assert_eq!(
        Timestamp::from_epoch_millis(1_709_135_999_999)
            .unwrap()
            .to_china_string(),
        "2024-02-28 23:59:59"
    );
    assert_eq!(
        Timestamp::from_epoch_millis(1_709_136_000_000)
            .unwrap()
            .to_china_string(),
        "2024-02-29 00:00:00"
    );
}

#[wasm_bindgen_test]
fn seed_answers_decode_with_big_ids_as_strings() {
    let client = top_client("k", "s");
    for body in [
        include_str!("fixtures/seeds/recharge_dedut_update.xml"),
        include_str!("fixtures/seeds/recharge_dedut_update.json"),
        include_str!("fixtures/seeds/recharge_dedut_update.simplified.json"),
    ] {
        let env = client
            .parse("alibaba.alsc.crm.recharge.dedut.update", 200, body)
            .unwrap();
        let r = env.get("result").unwrap();
        assert_eq!(
            r.get("outer_order_id"),
            Some(&Value::String("8768237162876387236472".into()))
        );
        assert_eq!(r.get("current_value"), Some(&Value::Number("4000".into())));
    }
    let e = client
        .parse(
            "alibaba.alsc.crm.recharge.dedut.update",
            200,
            include_str!("fixtures/seeds/error_response.xml"),
        )
        .unwrap_err();
    assert_eq!(
        (e.code, e.sub_code.as_deref()),
        (ErrorCode::TopError, Some("isv.invalid-parameter"))
    );
}

#[wasm_bindgen_test]
fn validation_and_u8_in_wasm() {
    let client = top_client("k", "s");
    let ts = Timestamp::from_js_millis(1_700_000_000_000.0).unwrap();
    let e = client
        .prepare(
            "alibaba.alsc.crm.point.extra.consume",
            &json::parse(r#"{"bizChannel":"CS"}"#).unwrap(),
            ts,
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParam);
    assert!(e
        .details
        .iter()
        .any(|d| d.message.contains("did you mean `biz_channel`")));
    let cfg = U8Config::new("f", "t", "k", Secret::new("s"));
    let body = json::parse(r#"[{"mid":"1","action_type":16,"ori_money":"1.00","calc_money":"1","ori_points":1,"source_code":"o"}]"#).unwrap();
    let e = u8::prepare(&cfg, "points/change", &body, "tok").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("[0].source1"));
}
