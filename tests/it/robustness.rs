//! Properties over random input: form encoding round-trips, no decoder panics on any bytes (the
//! answer scanner included), and no secret ever shows in an error or debug output.
use loyalty_sdk::json;

use crate::common::{now, top_client, Value};
use loyalty_sdk::operation::{self, OPERATIONS};
use loyalty_sdk::top::encode::{form_decode, form_encode};
use loyalty_sdk::top::{self, SignMethod, TopConfig};
use loyalty_sdk::u8::{self, U8Config};
use loyalty_sdk::{xml, Secret, Timestamp, TopClient};
use proptest::prelude::*;

const SECRET: &str = "TopSecret-7d1f";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn form_encoding_round_trips(pairs in proptest::collection::vec((".{1,12}", ".{0,24}"), 0..8)) {
        let pairs_str: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let encoded = form_encode(&pairs_str);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)));
        let decoded = form_decode(&encoded).unwrap();
        prop_assert_eq!(decoded, pairs);
    }

    #[test]
    fn json_round_trips_strings(s in ".{0,40}") {
        let v = Value::Array(vec![Value::String(s.clone().into())]);
        let text = v.to_json();
        prop_assert_eq!(json::parse(&text).unwrap(), v);
    }

    #[test]
    fn decoders_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = json::parse(&text);
        let _ = xml::parse(&text);
        let _ = form_decode(&text);
        let client = top_client("k", SECRET);
        for op in OPERATIONS.iter().step_by(7) {
            let _ = client.parse(op.method, 200, &text);
            let _ = client.parse_edits(op.method, 200, &text);
        }
        let _ = u8::parse("points/change", 200, &text);
        let _ = u8::parse_token(200, &text, Timestamp::from_epoch_millis(0).unwrap());
    }

    #[test]
    fn decoders_never_panic_on_mangled_answers(cut in 0usize..400, junk in "[<>{}\\[\\]\",:&;a-z0-9 ]{0,12}") {
        for doc in [
            include_str!("../fixtures/seeds/recharge_dedut_update.xml"),
            include_str!("../fixtures/seeds/recharge_dedut_update.json"),
            include_str!("../fixtures/seeds/open_assert_refund.simplified.json"),
        ] {
            let mut text: String = doc.chars().take(cut).collect();
            text.push_str(&junk);
            let client = top_client("k", SECRET);
            for method in ["alibaba.alsc.crm.recharge.dedut.update", "alibaba.alsc.crm.open.assert.refund"] {
                let tree = client.parse(method, 200, &text);
                // The in-place typing answers only what the tree decoder accepts.
                if client.parse_edits(method, 200, &text).is_some() {
                    prop_assert!(tree.is_ok(), "{}", text);
                }
            }
        }
    }

    #[test]
    fn validation_never_panics_on_random_json(keys in proptest::collection::vec("[a-z_]{1,12}", 0..6), n in any::<i64>()) {
        let entries = keys.iter().map(|k| (k.clone().into(), Value::Number(n.to_string().into()))).collect();
        let params = Value::Object(entries);
        for op in OPERATIONS {
            let _ = operation::validate(op, &params);
        }
    }
}

#[test]
fn truncated_answers_are_decode_errors_not_panics() {
    let doc = include_str!("../fixtures/seeds/recharge_dedut_update.json");
    let client = top_client("k", SECRET);
    for cut in 0..doc.len() - 1 {
        if let Some(prefix) = doc.get(..cut) {
            assert!(
                client
                    .parse("alibaba.alsc.crm.recharge.dedut.update", 200, prefix)
                    .is_err(),
                "{prefix}"
            );
        }
    }
}

#[test]
fn secrets_never_appear_in_errors_or_debug_output() {
    let mut outputs = Vec::new();
    let mut cfg = TopConfig::new("app", Secret::new(SECRET));
    outputs.push(format!("{cfg:?}"));
    cfg.sign_method = SignMethod::Md5;
    let client = TopClient::new(cfg.clone()).unwrap();
    let ts = now();
    let req = client
        .prepare_untyped("taobao.time.get", &json::parse("{}").unwrap(), ts)
        .unwrap();
    outputs.push(format!("{req:?}"));
    outputs.push(req.string_to_sign.clone());
    for bad in ["{}", r#"{"brand_id":5}"#, "[]"] {
        let e = client
            .prepare(
                "alibaba.alsc.crm.point.extra.consume",
                &json::parse(bad).unwrap(),
                ts,
            )
            .unwrap_err();
        outputs.push(format!("{e} {e:?}"));
    }
    for body in [
        "",
        "<html/>",
        r#"{"error_response":{"code":25,"msg":"Invalid signature"}}"#,
    ] {
        let e = client
            .parse("alibaba.alsc.crm.point.extra.consume", 200, body)
            .unwrap_err();
        outputs.push(format!("{e} {e:?}"));
    }
    let mut empty_key = cfg.clone();
    empty_key.app_key = String::new();
    outputs.push(format!(
        "{:?}",
        top::prepare(&empty_key, "m", Vec::new(), ts, None).unwrap_err()
    ));

    let u8cfg = U8Config::new("from", "to", "key", Secret::new(SECRET));
    outputs.push(format!("{u8cfg:?}"));
    outputs.push(format!("{:?}", u8::prepare_token(&u8cfg).unwrap()));
    outputs.push(format!(
        "{:?}",
        u8::prepare(
            &u8cfg,
            "points/change",
            &json::parse("[{}]").unwrap(),
            "tok"
        )
        .unwrap_err()
    ));
    outputs.push(format!(
        "{:?}",
        u8::parse_token(200, r#"{"errcode":"1","errmsg":"bad app_secret"}"#, ts).unwrap_err()
    ));

    for out in &outputs {
        assert!(!out.contains(SECRET), "secret leaked: {out}");
    }
    assert!(outputs.iter().any(|o| o.contains("REDACTED")));
}
