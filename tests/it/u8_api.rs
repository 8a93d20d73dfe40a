//! Yonyou U8: requests compared with URLs and bodies written out by hand from the
//! documentation, the seed's reply examples, every validation rule, and token renewal.
use loyalty_sdk::json;

use crate::common::Value;
use loyalty_sdk::operation::{self, Body, Operation};
use loyalty_sdk::u8::{self, Token, U8Config, RENEW_MARGIN_MS};
use loyalty_sdk::{ErrorCode, Secret, Timestamp};

fn config() -> U8Config {
    U8Config::new(
        "openapi_dev",
        "openapi_ent",
        "opa6fdd4bea98b95ad7",
        Secret::new("s3cr3t+/="),
    )
}

fn at(ms: i64) -> Timestamp {
    Timestamp::from_epoch_millis(ms).unwrap()
}

#[test]
fn token_request() {
    let req = u8::prepare_token(&config()).unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.url,
        "https://api.yonyouup.com/system/token?from_account=openapi_dev&app_key=opa6fdd4bea98b95ad7&app_secret=s3cr3t%2B%2F%3D"
    );
    assert_eq!(req.body, "");
    let debug = format!("{req:?} {:?}", config());
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("app_secret=[REDACTED]"));
}

#[test]
fn token_reply_gives_an_absolute_expiry() {
    let body = r#"{"errcode":"0","errmsg":"成功","token":{"appKey":"opa6fdd4bea98b95ad7","expiresIn":7200,"id":"843d03f66e6544e19707ccec11030296"}}"#;
    let t = u8::parse_token(200, body, at(1_000_000)).unwrap();
    assert_eq!(t.id, "843d03f66e6544e19707ccec11030296");
    assert_eq!(t.expires_at, at(1_000_000 + 7_200_000));
    // Served as text/html with errcode as a number: the body is what counts.
    let t = u8::parse_token(
        200,
        r#"{"errcode":0,"token":{"expiresIn":"60","id":"t"}}"#,
        at(0),
    )
    .unwrap();
    assert_eq!(t.expires_at, at(60_000));
    let e = u8::parse_token(200, r#"{"errcode":"0","token":{"id":"t"}}"#, at(0)).unwrap_err();
    assert_eq!(e.code, ErrorCode::DecodeError);
    assert!(e.message.contains("expiresIn"));
}

#[test]
fn renewal_at_before_and_after_the_margin() {
    let token = Token {
        id: "t".into(),
        expires_at: at(10_000_000),
    };
    let margin_start = 10_000_000 - RENEW_MARGIN_MS;
    assert!(!token.needs_renewal(at(0)));
    assert!(
        !token.needs_renewal(at(margin_start - 1)),
        "just before the margin: keep"
    );
    assert!(
        token.needs_renewal(at(margin_start)),
        "at the margin: renew"
    );
    assert!(token.needs_renewal(at(margin_start + 1)));
    assert!(token.needs_renewal(at(10_000_000)), "at expiry");
    assert!(token.needs_renewal(at(20_000_000)), "after expiry");
    assert_eq!(RENEW_MARGIN_MS, 300_000);
}

#[test]
fn tradeid_request_and_reply() {
    let req = u8::prepare_tradeid(&config(), "tok").unwrap();
    assert_eq!(req.url, "https://api.yonyouup.com/system/tradeid?from_account=openapi_dev&app_key=opa6fdd4bea98b95ad7&token=tok");
    assert_eq!(
        u8::parse_tradeid(200, r#"{"errcode":"0","trade":{"id":"7b0a8c"}}"#).unwrap(),
        "7b0a8c"
    );
    assert_eq!(
        u8::parse_tradeid(200, r#"{"errcode":0,"trade":{"id":12345}}"#).unwrap(),
        "12345"
    );
    assert!(u8::prepare_tradeid(&config(), " ").is_err());
}

const RECORD: &str = r#"{"mid":"34","action_type":5,"ori_money":"100","calc_money":"99.50","ori_points":100,"multiple":2,"extra_points":20,"extra_memo":"满500元额外赠送2000积分","source_code":"201512120000001"}"#;

#[test]
fn points_change_request() {
    let mut cfg = config();
    cfg.ds_sequence = Some(2);
    let text = format!("[{RECORD}]");
    let body = json::parse(&text).unwrap();
    let req = u8::prepare(&cfg, "points/change", &body, "843d03f6").unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.url,
        "https://api.yonyouup.com/api/points/change?from_account=openapi_dev&to_account=openapi_ent&app_key=opa6fdd4bea98b95ad7&token=843d03f6&ds_sequence=2"
    );
    assert_eq!(
        req.body,
        r#"[{"mid":"34","action_type":"5","ori_money":"100","calc_money":"99.50","ori_points":"100","multiple":"2","extra_points":"20","extra_memo":"满500元额外赠送2000积分","source_code":"201512120000001"}]"#
    );
    assert_eq!(
        req.headers,
        [("content-type", "application/json;charset=UTF-8")]
    );
}

fn points_change() -> &'static Operation {
    operation::find("points/change").unwrap()
}

fn max_records() -> usize {
    match points_change().body {
        Body::Records { max } => max,
        _ => panic!("points/change is a list of records"),
    }
}

fn points_errors(records: &str) -> Vec<(String, &'static str)> {
    let body = json::parse(records).unwrap();
    let from_validate: Vec<(String, &'static str)> = operation::validate(points_change(), &body)
        .into_iter()
        .map(|e| (e.field, e.rule.as_str()))
        .collect();
    let e = u8::prepare(&config(), "points/change", &body, "tok").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParam);
    from_validate
}

fn record_with(edits: &[(&str, Option<&str>)]) -> String {
    let Value::Object(mut entries) = json::parse(RECORD).unwrap() else {
        panic!()
    };
    for (k, v) in edits {
        entries.retain(|(n, _)| n != k);
        if let Some(v) = v {
            entries.push((k.to_string().into(), json::parse(v).unwrap().into_owned()));
        }
    }
    format!("[{}]", Value::Object(entries).to_json())
}

#[test]
fn points_change_validation() {
    for f in [
        "mid",
        "action_type",
        "ori_money",
        "calc_money",
        "ori_points",
        "source_code",
    ] {
        assert!(
            points_errors(&record_with(&[(f, None)])).contains(&(format!("[0].{f}"), "required")),
            "{f}"
        );
    }
    let cases: [(&str, &str, &str); 9] = [
        ("ori_money", "12.5", "decimal"),
        ("ori_money", r#""12.345""#, "decimal"),
        ("calc_money", r#""-1""#, "decimal"),
        ("calc_money", r#""1e3""#, "decimal"),
        ("ori_points", "-1", "non_negative"),
        ("ori_points", r#""1.5""#, "integer"),
        ("extra_points", r#""abc""#, "integer"),
        ("action_type", "6", "one_of"),
        ("mid", "{}", "type"),
    ];
    for (field, value, rule) in cases {
        let got = points_errors(&record_with(&[(field, Some(value))]));
        assert!(
            got.contains(&(format!("[0].{field}"), rule)),
            "{field}={value}: {got:?}"
        );
    }
    for action in ["16", r#""17""#] {
        let got = points_errors(&record_with(&[("action_type", Some(action))]));
        assert!(
            got.contains(&("[0].source1".to_string(), "required_when")),
            "{got:?}"
        );
    }
    let got = points_errors(&record_with(&[("calc_ points", Some("-200"))]));
    assert_eq!(got, vec![("[0].calc_ points".to_string(), "unknown")]);
    let e = u8::prepare(
        &config(),
        "points/change",
        &json::parse(&record_with(&[("extra_memo ", Some("\"x\""))])).unwrap(),
        "t",
    )
    .unwrap_err();
    assert!(
        e.message.contains("did you mean `extra_memo`"),
        "{}",
        e.message
    );
}

#[test]
fn points_change_body_shape() {
    assert_eq!(points_errors("[]"), vec![("body".to_string(), "non_empty")]);
    assert_eq!(points_errors(RECORD), vec![("body".to_string(), "type")]);
    assert_eq!(max_records(), 100);
    let many = format!("[{}]", vec![RECORD; max_records() + 1].join(","));
    assert_eq!(
        points_errors(&many),
        vec![("body".to_string(), "max_records")]
    );
    let exactly = format!("[{}]", vec![RECORD; max_records()].join(","));
    assert!(u8::prepare(
        &config(),
        "points/change",
        &json::parse(&exactly).unwrap(),
        "t"
    )
    .is_ok());
}

#[test]
fn action_types_round_trip_their_codes() {
    let codes: Vec<&str> = points_change()
        .choices("action_type")
        .unwrap()
        .iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(codes, ["5", "51", "16", "17", "200"]);
    for code in codes {
        for given in [code.to_string(), format!("\"{code}\"")] {
            let r = record_with(&[("action_type", Some(&given)), ("source1", Some("\"o1\""))]);
            let req =
                u8::prepare(&config(), "points/change", &json::parse(&r).unwrap(), "t").unwrap();
            assert!(req.body.contains(&format!(r#""action_type":"{code}""#)));
        }
    }
    assert!(!points_errors(&record_with(&[("action_type", Some("4"))])).is_empty());
}

#[test]
fn seed_success_reply_is_typed() {
    let body = include_str!("../fixtures/seeds/u8_points_change_ok.json");
    let v = u8::parse("points/change", 200, body).unwrap();
    let Some(Value::Array(data)) = v.get("data") else {
        panic!("{v:?}")
    };
    let r = &data[0];
    assert_eq!(r.get("id"), Some(&Value::String("11000".into())));
    assert_eq!(r.get("mid"), Some(&Value::String("10000001".into())));
    assert_eq!(r.get("ori_money"), Some(&Value::String("100".into())));
    assert_eq!(r.get("before_points"), Some(&Value::Number("1000".into())));
    assert_eq!(r.get("calc_points"), Some(&Value::Number("500".into())));
    assert_eq!(r.get("after_points"), Some(&Value::Number("1500".into())));
    // Points given as strings read the same.
    let v = u8::parse(
        "points/change",
        200,
        r#"{"errcode":"0","data":[{"after_points":"1500","id":"9007199254740993"}]}"#,
    )
    .unwrap();
    let Some(Value::Array(data)) = v.get("data") else {
        panic!()
    };
    assert_eq!(
        data[0].get("after_points"),
        Some(&Value::Number("1500".into()))
    );
    assert_eq!(
        data[0].get("id"),
        Some(&Value::String("9007199254740993".into()))
    );
}

#[test]
fn errors_are_classified() {
    let e = u8::parse(
        "points/change",
        200,
        include_str!("../fixtures/seeds/u8_error_30021.json"),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::U8Error);
    assert_eq!(e.platform_code.as_deref(), Some("30021"));
    assert_eq!(e.sub_code.as_deref(), Some("app_not_online"));
    assert!(!e.retriable);
    assert!(
        e.message.contains("此应用未上线") && e.message.contains("admin must put the app online"),
        "{}",
        e.message
    );

    let cases = [
        (
            r#"{"errcode":"30002","errmsg":"token无效"}"#,
            "token_invalid",
            false,
        ),
        (
            r#"{"errcode":40001,"errmsg":"token已过期"}"#,
            "token_invalid",
            false,
        ),
        (
            r#"{"errcode":"30022","errmsg":"企业未授权此应用"}"#,
            "not_authorized",
            false,
        ),
        (
            r#"{"errcode":"30031","errmsg":"客户端离线"}"#,
            "client_offline",
            false,
        ),
        (
            r#"{"errcode":"50001","errmsg":"服务繁忙，请稍后再试"}"#,
            "transient",
            true,
        ),
        (r#"{"errcode":"2001","errmsg":"fail"}"#, "rejected", false),
    ];
    for (body, kind, retriable) in cases {
        let e = u8::parse("points/change", 200, body).unwrap_err();
        assert_eq!(
            (e.sub_code.as_deref(), e.retriable),
            (Some(kind), retriable),
            "{body}"
        );
    }
}

#[test]
fn bodies_that_are_not_replies() {
    assert_eq!(
        u8::parse("points/change", 200, "").unwrap_err().code,
        ErrorCode::DecodeError
    );
    assert_eq!(
        u8::parse("points/change", 200, "<html>login</html>")
            .unwrap_err()
            .code,
        ErrorCode::DecodeError
    );
    assert_eq!(
        u8::parse("points/change", 200, r#"{"data":[]}"#)
            .unwrap_err()
            .code,
        ErrorCode::DecodeError
    );
    let e = u8::parse("points/change", 503, "<html>busy</html>").unwrap_err();
    assert_eq!((e.code, e.retriable), (ErrorCode::HttpError, true));
}

#[test]
fn api_path_and_config_are_checked() {
    let body = json::parse("[]").unwrap();
    for bad in ["points", "points/change/x", "../x/y", "Points/Change", ""] {
        let e = u8::prepare(&config(), bad, &body, "t").unwrap_err();
        assert_eq!(
            (e.field.as_deref(), e.rule.map(|r| r.as_str())),
            (Some("api"), Some("format")),
            "{bad}"
        );
    }
    let mut cfg = config();
    cfg.to_account = String::new();
    assert_eq!(
        u8::prepare_token(&cfg).map(|_| ()).unwrap_err().code,
        ErrorCode::InvalidConfig
    );
    // Other APIs pass their body through untyped.
    let req = u8::prepare(
        &config(),
        "member/add",
        &json::parse(r#"{"name":"张三"}"#).unwrap(),
        "t",
    )
    .unwrap();
    assert_eq!(req.body, r#"{"name":"张三"}"#);
}
