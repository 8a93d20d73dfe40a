//! Signing and request building checked against vectors computed independently by
//! `tests/vectors/make_vectors.py` (Python hashlib/hmac), never by the code under test.
use loyalty_sdk::json;

use crate::common::{list, now, text, text_pairs, top_client, Value, OFFICIAL, OFFICIAL_SIGN};
use loyalty_sdk::top::{self, sign, sign_string, string_to_sign, Format, SignMethod, TopConfig};
use loyalty_sdk::{Secret, Timestamp, TopClient};

fn vectors() -> Value {
    json::parse(include_str!("../vectors/top_signatures.json")).unwrap()
}

#[test]
fn official_md5_vector() {
    assert_eq!(
        string_to_sign(OFFICIAL),
        "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0"
    );
    assert_eq!(
        sign(OFFICIAL, &Secret::new("helloworld"), SignMethod::Md5),
        OFFICIAL_SIGN
    );
}

#[test]
fn hmac_anchored_by_rfc_2202_and_4231_case_1() {
    let key = Secret::new("\u{b}".repeat(16));
    assert_eq!(
        sign_string("Hi There", &key, SignMethod::HmacMd5),
        "9294727A3638BB1C13F48EF8158BFC9D"
    );
    let key = Secret::new("\u{b}".repeat(20));
    assert_eq!(
        sign_string("Hi There", &key, SignMethod::HmacSha256),
        "B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7"
    );
}

#[test]
fn independent_signature_vectors() {
    let v = vectors();
    let sigs = list(&v, "signatures");
    assert!(!sigs.is_empty(), "the vectors file lists its signatures");
    assert_eq!(sigs.len(), 6);
    for case in sigs {
        let params = text_pairs(case, "params");
        let method = SignMethod::parse(text(case, "sign_method")).unwrap();
        let secret = Secret::new(text(case, "secret"));
        let sts = string_to_sign(params.iter().copied());
        assert_eq!(sts, text(case, "string_to_sign"), "{}", text(case, "name"));
        assert!(
            !sts.contains(secret.expose()),
            "string-to-sign must not hold the secret"
        );
        assert_eq!(
            sign(params.iter().copied(), &secret, method),
            text(case, "sign"),
            "{}",
            text(case, "name")
        );
    }
}

#[test]
fn seed_requests_match_independent_url_body_and_signature() {
    let v = vectors();
    let requests = list(&v, "requests");
    assert!(!requests.is_empty(), "the vectors file lists its requests");
    for case in requests {
        let mut config = TopConfig::new("12345678", Secret::new(text(case, "secret")));
        config.sign_method = SignMethod::parse(text(case, "sign_method")).unwrap();
        config.partner_id = Some("loyalty-sdk".into());
        config.session = Some(String::new()); // empty optional: neither sent nor signed
        let client = TopClient::new(config).unwrap();
        let ts =
            Timestamp::from_epoch_millis(case.get("epoch_millis").and_then(Value::as_i64).unwrap())
                .unwrap();
        let req = client
            .prepare(
                text(case, "method"),
                case.get("business_object").unwrap(),
                ts,
            )
            .unwrap();
        let label = format!("{} {}", text(case, "method"), text(case, "sign_method"));
        assert_eq!(req.string_to_sign, text(case, "string_to_sign"), "{label}");
        assert_eq!(req.sign, text(case, "sign"), "{label}");
        assert_eq!(req.http.url, text(case, "url"), "{label}");
        assert_eq!(req.http.body, text(case, "body"), "{label}");
        assert_eq!(req.http.method, "POST");
        assert_eq!(
            req.http.headers,
            [(
                "content-type",
                "application/x-www-form-urlencoded;charset=UTF-8"
            )]
        );
    }
}

#[test]
fn wrapped_and_unwrapped_params_sign_alike() {
    let client = top_client("k", "s");
    let inner = r#"{"biz_channel":"KRY","brand_id":"1","shop_id":"2","change_point":5,"customer_id":"3","operator_id":"4","out_biz_id":"5","request_id":"r1"}"#;
    let wrapped = format!(r#"{{"param_extra_consume_point_open_req":{inner}}}"#);
    let ts = now();
    let a = client
        .prepare(
            "alibaba.alsc.crm.point.extra.consume",
            &json::parse(inner).unwrap(),
            ts,
        )
        .unwrap();
    let b = client
        .prepare(
            "alibaba.alsc.crm.point.extra.consume",
            &json::parse(&wrapped).unwrap(),
            ts,
        )
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn xml_format_and_no_simplify_are_sent_as_configured() {
    let mut config = TopConfig::new("k", Secret::new("s"));
    config.format = Format::Xml;
    config.target_app_key = Some("999".into());
    let ts = now();
    let req = top::prepare(&config, "taobao.time.get", Vec::new(), ts, None).unwrap();
    assert!(req.http.url.contains("format=xml"));
    assert!(
        !req.http.url.contains("simplify"),
        "simplify only goes with JSON"
    );
    assert!(req.http.url.contains("target_app_key=999"));
    assert!(
        req.http.url.contains("timestamp=2023-11-15%2006%3A13%3A20"),
        "{}",
        req.http.url
    );
    assert_eq!(req.http.body, "");
}

#[test]
fn business_params_cannot_shadow_system_params() {
    let client = top_client("k", "s");
    let ts = now();
    let e = client
        .prepare_untyped(
            "taobao.time.get",
            &json::parse(r#"{"app_key":"x"}"#).unwrap(),
            ts,
        )
        .unwrap_err();
    assert_eq!(
        (
            e.code.as_str(),
            e.field.as_deref(),
            e.rule.map(|r| r.as_str())
        ),
        ("INVALID_PARAM", Some("app_key"), Some("reserved"))
    );
    // Every reserved name, target_app_key among them.
    assert!(top::SYSTEM_PARAMS.contains(&"target_app_key"));
    for name in top::SYSTEM_PARAMS {
        let e = client
            .prepare_untyped(
                "taobao.time.get",
                &json::parse(&format!(r#"{{"{name}":"x"}}"#)).unwrap(),
                ts,
            )
            .unwrap_err();
        assert_eq!(
            (e.field.as_deref(), e.rule.map(|r| r.as_str())),
            (Some(name), Some("reserved"))
        );
    }
}

#[test]
fn blank_values_are_neither_signed_nor_sent_and_a_call_may_bring_its_session() {
    // The official Java and PHP SDKs drop whitespace-only values like empty ones.
    let mut config = TopConfig::new("12345678", Secret::new("s"));
    config.session = Some(" \t".into());
    let ts = now();
    let business = vec![
        ("blank".to_string(), "  ".to_string()),
        ("x".to_string(), " y ".to_string()),
    ];
    let req = top::prepare(&config, "taobao.time.get", business.clone(), ts, None).unwrap();
    assert!(
        !req.string_to_sign.contains("session"),
        "{}",
        req.string_to_sign
    );
    assert!(!req.http.url.contains("session="));
    assert!(!req.http.body.contains("blank"));
    // A value with text keeps its spaces.
    assert!(req.string_to_sign.contains("x y "));
    assert_eq!(top::string_to_sign([("a", " "), ("b", "1")]), "b1");
    // One call's session instead of the client's.
    let req = top::prepare(&config, "taobao.time.get", business, ts, Some("merchant-2")).unwrap();
    assert!(req.string_to_sign.contains("sessionmerchant-2"));
    assert!(req.http.url.contains("session=merchant-2"));
    let client = TopClient::new(TopConfig::new("12345678", Secret::new("s"))).unwrap();
    let call = loyalty_sdk::client::Call {
        untyped: true,
        session: Some("merchant-3"),
    };
    let req = client
        .prepare_with("taobao.time.get", &json::parse("{}").unwrap(), ts, &call)
        .unwrap();
    assert!(req.http.url.contains("session=merchant-3"));
}
