//! Decoding TOP answers: the seeds' examples (kept as fixtures), gateway errors and their
//! retry verdicts, business refusals, and bodies that are not answers at all.
use crate::common::{top_client, Value};
use loyalty_sdk::top::decode::{ban_seconds, classify};
use loyalty_sdk::{ErrorCode, TopClient};

const EXTRA: &str = "alibaba.alsc.crm.point.extra.consume";
const DEDUT: &str = "alibaba.alsc.crm.recharge.dedut.update";
const REFUND: &str = "alibaba.alsc.crm.open.assert.refund";

fn client() -> TopClient {
    top_client("12345678", "helloworld")
}

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../fixtures/seeds/", $name))
    };
}

#[test]
fn point_extra_consume_in_all_three_shapes() {
    for body in [
        fixture!("point_extra_consume.xml"),
        fixture!("point_extra_consume.json"),
        fixture!("point_extra_consume.simplified.json"),
    ] {
        #[cfg(feature = "models")]
        {
            use loyalty_sdk::models::point_extra_consume;
            let out = client()
                .parse_answer::<point_extra_consume::Request>(200, body)
                .unwrap();
            assert_eq!(out.result.as_deref(), Some("333213123"));
        }
        let envelope = client().parse(EXTRA, 200, body).unwrap();
        assert_eq!(envelope.get("biz_success"), Some(&Value::Bool(true)));
        assert_eq!(
            envelope.get("result_code").and_then(Value::as_str),
            Some("200")
        );
    }
}

#[cfg(feature = "models")]
#[test]
fn recharge_dedut_update_typed_in_all_three_shapes() {
    use loyalty_sdk::models::{recharge_dedut_update, Long};
    for body in [
        fixture!("recharge_dedut_update.xml"),
        fixture!("recharge_dedut_update.json"),
        fixture!("recharge_dedut_update.simplified.json"),
    ] {
        let r = client()
            .parse_answer::<recharge_dedut_update::Request>(200, body)
            .unwrap()
            .result
            .unwrap();
        let affected = r.affected_property_list.unwrap();
        assert_eq!(r.account_id.as_deref(), Some("7627347265"));
        assert_eq!(affected.len(), 1);
        assert_eq!(affected[0].r#type.as_deref(), Some("GIFT"));
        assert_eq!(affected[0].value, Some(Long::Number(300)));
        assert_eq!(
            r.after_property_list.unwrap()[0].value,
            Some(Long::Number(200))
        );
        assert_eq!(
            r.before_property_list.unwrap()[0].r#type.as_deref(),
            Some("TOTAL")
        );
        assert_eq!(r.current_value, Some(Long::Number(4000)));
        assert_eq!(r.order_value, Some(Long::Number(-65)));
        assert_eq!(r.order_src, Some(Long::Number(2)));
        assert_eq!(r.order_time.as_deref(), Some("2019-08-08 15:15:41"));
        assert_eq!(r.operator_name.as_deref(), Some("小明"));
        // 22 digits: far beyond 2^53, exact as a string whatever the document sent.
        assert_eq!(r.outer_order_id.as_deref(), Some("8768237162876387236472"));
    }
}

#[test]
fn big_ids_become_strings_and_small_integers_stay_numbers() {
    let env = client()
        .parse(DEDUT, 200, fixture!("recharge_dedut_update.json"))
        .unwrap();
    let result = env.get("result").unwrap();
    assert_eq!(
        result.get("outer_order_id"),
        Some(&Value::String("8768237162876387236472".into()))
    );
    assert_eq!(
        result.get("account_id"),
        Some(&Value::String("7627347265".into()))
    );
    assert_eq!(
        result.get("current_value"),
        Some(&Value::Number("4000".into()))
    );
    // XML sends text; the schema makes numbers numbers and lists arrays even with one item.
    let env = client()
        .parse(DEDUT, 200, fixture!("recharge_dedut_update.xml"))
        .unwrap();
    let result = env.get("result").unwrap();
    assert_eq!(
        result.get("current_value"),
        Some(&Value::Number("4000".into()))
    );
    assert!(
        matches!(result.get("after_property_list"), Some(Value::Array(items)) if items.len() == 1)
    );
}

#[cfg(feature = "models")]
#[test]
fn open_assert_refund_typed_in_all_three_shapes() {
    use loyalty_sdk::models::open_assert_refund;
    for body in [
        fixture!("open_assert_refund.xml"),
        fixture!("open_assert_refund.json"),
        fixture!("open_assert_refund.simplified.json"),
    ] {
        let r = client()
            .parse_answer::<open_assert_refund::Request>(200, body)
            .unwrap()
            .result
            .unwrap();
        assert_eq!(r.point_success, Some(true));
        assert_eq!(r.value_success, Some(true));
        let vouchers = r.voucher_status_list.unwrap();
        assert_eq!(vouchers.len(), 1);
        assert_eq!(vouchers[0].voucher_id.as_deref(), Some("2837374884"));
        assert_eq!(vouchers[0].success, Some(true));
    }
}

#[test]
fn seed_error_examples_become_top_errors() {
    for (body, request_id) in [
        (fixture!("error_response.xml"), None),
        (fixture!("error_response.json"), Some("10ct6xr1n4bo4")),
    ] {
        for method in [EXTRA, DEDUT, REFUND] {
            let e = client().parse(method, 200, body).unwrap_err();
            assert_eq!(e.code, ErrorCode::TopError);
            assert_eq!(e.platform_code.as_deref(), Some("50"));
            assert_eq!(e.platform_msg.as_deref(), Some("Remote service error"));
            assert_eq!(e.sub_code.as_deref(), Some("isv.invalid-parameter"));
            assert_eq!(e.sub_msg.as_deref(), Some("非法参数"));
            assert_eq!(e.request_id.as_deref(), request_id);
            assert!(!e.retriable, "isv.* is the caller's error");
        }
    }
}

#[test]
fn retry_verdicts_follow_the_protocol() {
    let ban = r#"{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last for 2 more seconds"}}"#;
    let e = client().parse(EXTRA, 200, ban).unwrap_err();
    assert!(e.retriable);
    assert_eq!(e.retry_after_ms, Some(2000));
    // A ban is its own code, with the platform's code and words kept.
    assert_eq!(e.code, ErrorCode::RateLimited);
    assert_eq!(e.platform_code.as_deref(), Some("7"));
    assert_eq!(
        e.sub_msg.as_deref(),
        Some("This ban will last for 2 more seconds")
    );

    let isp = r#"{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.remote-service-timeout","sub_msg":"超时"}}"#;
    assert!(client().parse(EXTRA, 200, isp).unwrap_err().retriable);
    let unavailable = r#"{"error_response":{"code":10,"msg":"Service currently unavailable"}}"#;
    assert!(
        client()
            .parse(EXTRA, 200, unavailable)
            .unwrap_err()
            .retriable
    );
    for (code, msg) in [
        (25, "Invalid signature"),
        (11, "Insufficient isv permissions"),
        (41, "Invalid arguments"),
        (40, "Missing required arguments"),
        (29, "Invalid app Key"),
    ] {
        let body = format!(r#"{{"error_response":{{"code":{code},"msg":"{msg}"}}}}"#);
        let e = client().parse(EXTRA, 200, &body).unwrap_err();
        assert!(!e.retriable, "code {code} must not be retried");
    }
    assert_eq!(
        classify(Some("50"), Some("isv.biz-error"), None),
        (false, None)
    );
    assert_eq!(
        ban_seconds("This ban will last for 17 more seconds"),
        Some(17)
    );
    assert_eq!(ban_seconds("no number here"), None);
    // A ban without a readable length still waits a second before retrying.
    assert_eq!(
        classify(Some("7"), None, Some("limited")),
        (true, Some(1000))
    );
}

#[test]
fn business_refusal_is_biz_error_with_result_view() {
    let body = r#"{"result":{"biz_success":false,"result_code":"POINT_NOT_ENOUGH","result_desc":"积分不足","result_view":"顾客积分不足，当前可用 100"}}"#;
    let e = client().parse(EXTRA, 200, body).unwrap_err();
    assert_eq!(e.code, ErrorCode::BizError);
    assert_eq!(e.platform_code.as_deref(), Some("POINT_NOT_ENOUGH"));
    assert_eq!(e.sub_msg.as_deref(), Some("积分不足"));
    assert_eq!(e.result_view.as_deref(), Some("顾客积分不足，当前可用 100"));
    assert!(e.message.contains("顾客积分不足"));
    assert!(!e.retriable);
    let xml = "<alibaba_alsc_crm_point_extra_consume_response><result><biz_success>false</biz_success><result_code>E1</result_code><result_desc>d</result_desc><result_view>&quot;&quot;</result_view></result></alibaba_alsc_crm_point_extra_consume_response>";
    let e = client().parse(EXTRA, 200, xml).unwrap_err();
    assert_eq!(
        (e.code, e.result_view.as_deref(), e.sub_msg.as_deref()),
        (ErrorCode::BizError, None, Some("d"))
    );
}

#[test]
fn bodies_that_are_not_answers_give_decode_errors_with_an_excerpt() {
    let cases = [
        ("", "empty body"),
        ("   ", "empty body"),
        (
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "expected `alibaba_alsc_crm_point_extra_consume_response`",
        ),
        (
            r#"{"alibaba_alsc_crm_point_extra_consume_response":{"result":{"biz_su"#,
            "invalid JSON",
        ),
        (
            "[1,2,3]",
            "expected `alibaba_alsc_crm_point_extra_consume_response`",
        ),
        (
            r#"{"other_method_response":{}}"#,
            "expected `alibaba_alsc_crm_point_extra_consume_response`",
        ),
        ("Service Unavailable", "found `Service Unavailable`"),
        (r#"{"request_id":"x"}"#, "no `result`"),
    ];
    for (body, needle) in cases {
        let e = client().parse(EXTRA, 200, body).unwrap_err();
        assert_eq!(e.code, ErrorCode::DecodeError, "{body}");
        assert!(e.message.contains(needle), "{body}: {}", e.message);
    }
}

#[test]
fn failed_statuses_without_an_answer_are_http_errors() {
    let e = client()
        .parse(EXTRA, 502, "<html>Bad Gateway</html>")
        .unwrap_err();
    assert_eq!(
        (e.code, e.retriable, e.platform_code.as_deref()),
        (ErrorCode::HttpError, true, Some("502"))
    );
    assert!(e.message.contains("Bad Gateway"));
    let e = client().parse(EXTRA, 404, "").unwrap_err();
    assert_eq!((e.code, e.retriable), (ErrorCode::HttpError, false));
    let e = client().parse(EXTRA, 429, "slow down").unwrap_err();
    assert!(e.retriable);
    // A gateway error on a failed status is still the gateway's word.
    let e = client()
        .parse(EXTRA, 500, fixture!("error_response.json"))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::TopError);
}

#[test]
fn the_platform_trace_id_comes_with_every_answer() {
    let ok = r#"{"alibaba_alsc_crm_point_extra_consume_response":{"result":{"biz_success":true,"result":"PF1"},"request_id":"rq8x"}}"#;
    let (_, trace) = client().parse_traced(EXTRA, 200, ok, false).unwrap();
    assert_eq!(trace.as_deref(), Some("rq8x"));
    let simplified = r#"{"result":{"biz_success":true,"result":"PF1"},"request_id":"rq9"}"#;
    let (_, trace) = client()
        .parse_traced(EXTRA, 200, simplified, false)
        .unwrap();
    assert_eq!(trace.as_deref(), Some("rq9"));
    let xml = "<alibaba_alsc_crm_point_extra_consume_response><result><biz_success>true</biz_success></result><request_id>rqx</request_id></alibaba_alsc_crm_point_extra_consume_response>";
    let (_, trace) = client().parse_traced(EXTRA, 200, xml, false).unwrap();
    assert_eq!(trace.as_deref(), Some("rqx"));
    // A business refusal keeps it too.
    let refused =
        r#"{"result":{"biz_success":false,"result_code":"POINT_NOT_ENOUGH"},"request_id":"rq10"}"#;
    let e = client().parse(EXTRA, 200, refused).unwrap_err();
    assert_eq!(
        (e.code, e.request_id.as_deref()),
        (ErrorCode::BizError, Some("rq10"))
    );
    // The edits the JS layer reads carry its span; the answer text is the same either way.
    let span = client().parse_edits(EXTRA, 200, ok).unwrap().0;
    let units: Vec<u16> = ok.encode_utf16().collect();
    let trace = String::from_utf16(&units[span[2] as usize..span[3] as usize]).unwrap();
    assert_eq!(trace, "rq8x");
    let none = r#"{"result":{"biz_success":true,"result":"PF1"}}"#;
    let span = client().parse_edits(EXTRA, 200, none).unwrap().0;
    assert_eq!(span[2], span[3]);
    // An escaped one is not read (a trace id has none).
    let escaped = r#"{"result":{"biz_success":true,"result":"PF1"},"request_id":"r\u0071"}"#;
    let span = client().parse_edits(EXTRA, 200, escaped).unwrap().0;
    assert_eq!(span[2], span[3]);
}

#[test]
fn untyped_methods_return_the_response_with_big_numbers_as_strings() {
    let body = r#"{"time_get_response":{"time":"2024-01-01 00:00:00","n":9007199254740993,"small":7,"ratio":0.5}}"#;
    let v = client().parse("taobao.time.get", 200, body).unwrap();
    assert_eq!(v.get("n"), Some(&Value::String("9007199254740993".into())));
    assert_eq!(v.get("small"), Some(&Value::Number("7".into())));
    assert_eq!(v.get("ratio"), Some(&Value::String("0.5".into())));
}
