//! Every validation rule, each shown failing with the field and rule it names. A call that
//! fails validation is never signed.
use loyalty_sdk::json;

use crate::common::{now, top_client, Value};
use loyalty_sdk::operation::{self, find};
use loyalty_sdk::ErrorCode;

const EXTRA: &str = "alibaba.alsc.crm.point.extra.consume";
const DEDUT: &str = "alibaba.alsc.crm.recharge.dedut.update";
const REFUND: &str = "alibaba.alsc.crm.open.assert.refund";

const EXTRA_OK: &str = r#"{"biz_channel":"CS","brand_id":"32132","shop_id":"3332312","change_point":323,"customer_id":"7027365982937563912722","operator_id":"33322123","out_biz_id":"3231231312312","request_id":"323412"}"#;
const DEDUT_OK: &str = r#"{"biz_channel":"KRY","out_brand_id":"12313","out_shop_id":"3234","value":2000,"operator_id":"65673527","outer_order_id":"766348726342638","request_id":"78sd","biz_date":"2019-07-04 15:32:17"}"#;
const REFUND_OK: &str = r#"{"brand_id":"342343043","shop_id":"23829323","new_outer_order_id":"3439200320332","outer_order_id":"43923200230233","operator_id":"23438993","request_id":"232a","voucher_id_list":["123","456"],"outer_type":"alipay"}"#;

/// The base request with `edit` applied: `("field", Some(json))` sets, `("field", None)` removes.
fn with(base: &str, edits: &[(&str, Option<&str>)]) -> Value {
    let Value::Object(mut entries) = json::parse(base).unwrap().into_owned() else {
        panic!()
    };
    for (k, v) in edits {
        entries.retain(|(name, _)| name != k);
        if let Some(v) = v {
            entries.push((k.to_string().into(), json::parse(v).unwrap().into_owned()));
        }
    }
    Value::Object(entries)
}

/// Validates and returns (field, rule) pairs, also checking prepare refuses to sign.
fn broken(method: &str, params: &Value) -> Vec<(String, &'static str)> {
    let errors = operation::validate(find(method).unwrap(), params);
    let client = top_client("k", "s");
    let ts = now();
    match client.prepare(method, params, ts) {
        Ok(_) => assert!(errors.is_empty(), "signed despite {errors:?}"),
        Err(e) => {
            assert_eq!(e.code, ErrorCode::InvalidParam);
            assert_eq!(e.details, errors);
            assert_eq!(e.field.as_deref(), errors.first().map(|f| f.field.as_str()));
        }
    }
    errors
        .into_iter()
        .map(|e| (e.field, e.rule.as_str()))
        .collect()
}

fn one(method: &str, params: Value, field: &str, rule: &str) {
    let got = broken(method, &params);
    assert!(
        got.iter().any(|(f, r)| f == field && *r == rule),
        "expected {field}/{rule}, got {got:?}"
    );
}

#[test]
fn the_valid_samples_pass() {
    assert_eq!(broken(EXTRA, &json::parse(EXTRA_OK).unwrap()), vec![]);
    assert_eq!(broken(DEDUT, &json::parse(DEDUT_OK).unwrap()), vec![]);
    assert_eq!(broken(REFUND, &json::parse(REFUND_OK).unwrap()), vec![]);
}

#[test]
fn required_fields() {
    for f in [
        "biz_channel",
        "change_point",
        "customer_id",
        "operator_id",
        "out_biz_id",
        "request_id",
    ] {
        one(EXTRA, with(EXTRA_OK, &[(f, None)]), f, "required");
    }
    for f in [
        "operator_id",
        "outer_order_id",
        "request_id",
        "value",
        "biz_channel",
    ] {
        one(DEDUT, with(DEDUT_OK, &[(f, None)]), f, "required");
    }
    for f in [
        "brand_id",
        "new_outer_order_id",
        "operator_id",
        "outer_order_id",
        "request_id",
        "shop_id",
    ] {
        one(REFUND, with(REFUND_OK, &[(f, None)]), f, "required");
    }
    // An empty string counts as missing, as TOP treats it.
    one(
        EXTRA,
        with(EXTRA_OK, &[("customer_id", Some(r#""""#))]),
        "customer_id",
        "required",
    );
}

#[test]
fn brand_and_shop_ids_not_both_empty() {
    one(
        EXTRA,
        with(EXTRA_OK, &[("brand_id", None), ("out_brand_id", None)]),
        "brand_id",
        "any_of",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("shop_id", None)]),
        "shop_id",
        "any_of",
    );
    one(
        DEDUT,
        with(DEDUT_OK, &[("out_brand_id", None)]),
        "brand_id",
        "any_of",
    );
    one(
        DEDUT,
        with(DEDUT_OK, &[("out_shop_id", Some(r#""""#))]),
        "shop_id",
        "any_of",
    );
    // Either one is enough.
    assert!(broken(
        EXTRA,
        &with(
            EXTRA_OK,
            &[("brand_id", None), ("out_brand_id", Some(r#""b""#))]
        )
    )
    .is_empty());
}

#[test]
fn biz_channel_is_cs_or_kry() {
    one(
        EXTRA,
        with(EXTRA_OK, &[("biz_channel", Some(r#""cs""#))]),
        "biz_channel",
        "one_of",
    );
    one(
        DEDUT,
        with(DEDUT_OK, &[("biz_channel", Some(r#""MEITUAN""#))]),
        "biz_channel",
        "one_of",
    );
}

#[test]
fn amounts_are_positive_safe_integers() {
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some("0"))]),
        "change_point",
        "positive",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some("-5"))]),
        "change_point",
        "positive",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some("1.5"))]),
        "change_point",
        "type",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some("1e3"))]),
        "change_point",
        "type",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some(r#""abc""#))]),
        "change_point",
        "type",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("change_point", Some("9007199254740992"))]),
        "change_point",
        "range",
    );
    one(
        DEDUT,
        with(DEDUT_OK, &[("value", Some("0"))]),
        "value",
        "positive",
    );
    // A digit string is accepted (how JS passes big values) and sent as a number.
    assert!(broken(
        EXTRA,
        &with(EXTRA_OK, &[("change_point", Some(r#""323""#))])
    )
    .is_empty());
}

#[test]
fn biz_date_is_yyyy_mm_dd_hh_mm_ss() {
    for bad in [
        r#""2019-07-04""#,
        r#""2019/07/04 15:32:17""#,
        r#""2019-02-30 00:00:00""#,
        "1562225537000",
    ] {
        one(
            DEDUT,
            with(DEDUT_OK, &[("biz_date", Some(bad))]),
            "biz_date",
            "date",
        );
    }
}

#[test]
fn ids_are_strings_not_numbers() {
    one(
        EXTRA,
        with(EXTRA_OK, &[("customer_id", Some("7027365982937563912722"))]),
        "customer_id",
        "type",
    );
    one(
        REFUND,
        with(REFUND_OK, &[("voucher_id_list", Some("[123]"))]),
        "voucher_id_list[0]",
        "type",
    );
    one(
        REFUND,
        with(REFUND_OK, &[("voucher_id_list", Some(r#""123,456""#))]),
        "voucher_id_list",
        "type",
    );
}

#[test]
fn outer_type_is_wechat_or_alipay() {
    one(
        REFUND,
        with(REFUND_OK, &[("outer_type", Some(r#""weixin""#))]),
        "outer_type",
        "one_of",
    );
}

#[test]
fn unknown_fields_are_refused_with_a_hint() {
    let errors = operation::validate(
        find(EXTRA).unwrap(),
        &with(EXTRA_OK, &[("bizChannel", Some(r#""CS""#))]),
    );
    let e = errors.iter().find(|e| e.field == "bizChannel").unwrap();
    assert_eq!(e.rule.as_str(), "unknown");
    assert!(
        e.message.contains("did you mean `biz_channel`?"),
        "{}",
        e.message
    );
    let errors = operation::validate(
        find(DEDUT).unwrap(),
        &with(DEDUT_OK, &[("remarks", Some(r#""x""#))]),
    );
    assert!(errors
        .iter()
        .any(|e| e.field == "remarks" && e.message.contains("`remark`")));
}

#[test]
fn params_must_be_an_object() {
    for bad in [
        "[]",
        "\"x\"",
        "null",
        r#"{"param_extra_consume_point_open_req":"nope"}"#,
    ] {
        let errors = operation::validate(find(EXTRA).unwrap(), &json::parse(bad).unwrap());
        assert_eq!(errors.len(), 1, "{bad}");
        assert_eq!(errors[0].rule.as_str(), "type");
    }
}

#[test]
fn family_rules_enumerations_and_conditions() {
    let recharge = "alibaba.alsc.crm.open.recharge.operate";
    let base = r#"{"brand_id":"1","shop_id":"2","operator_id":"3","outer_order_id":"4","request_id":"r","operate_type":1,"change_value":100}"#;
    assert!(broken(recharge, &json::parse(base).unwrap()).is_empty());
    one(
        recharge,
        with(base, &[("operate_type", Some("4"))]),
        "new_outer_order_id",
        "required_when",
    );
    assert!(broken(
        recharge,
        &with(
            base,
            &[
                ("operate_type", Some("4")),
                ("new_outer_order_id", Some(r#""9""#))
            ]
        )
    )
    .is_empty());
    one(
        recharge,
        with(base, &[("operate_type", Some("9"))]),
        "operate_type",
        "one_of",
    );
    one(
        recharge,
        with(base, &[("change_value", Some("-1"))]),
        "change_value",
        "positive",
    );

    let charge = "alibaba.alsc.crm.recharge.charge.update";
    let base = r#"{"biz_channel":"CS","brand_id":"1","shop_id":"2","operator_id":"3","outer_order_id":"4","request_id":"r","charge_type":"1","trigger_gift":false,"real_value":100}"#;
    one(
        charge,
        json::parse(base).unwrap(),
        "gift_value",
        "required_when",
    );
    one(
        charge,
        with(
            base,
            &[("trigger_gift", Some("true")), ("real_value", None)],
        ),
        "real_value",
        "required_when",
    );

    let backflow = "alibaba.alsc.crm.open.order.backflow";
    let errors = operation::validate(
        find(backflow).unwrap(),
        &json::parse(r#"{"order_info":{"order_status":"DONE"},"payment_info_list":[{"payment_status":"SUCCESS"},{"payment_status":"LOST"}]}"#).unwrap(),
    );
    assert!(
        errors
            .iter()
            .any(|e| e.field == "order_info.order_status" && e.rule.as_str() == "one_of"),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(
            |e| e.field == "payment_info_list[1].payment_status" && e.rule.as_str() == "one_of"
        ),
        "{errors:?}"
    );
    assert!(!errors
        .iter()
        .any(|e| e.field == "payment_info_list[0].payment_status"));

    let card_open = "alibaba.alsc.crm.card.open";
    let errors = operation::validate(find(card_open).unwrap(), &json::parse(r#"{}"#).unwrap());
    assert!(
        errors
            .iter()
            .any(|e| e.field == "physical_card_id" && e.rule.as_str() == "any_of"),
        "{errors:?}"
    );
}

#[test]
fn writes_always_need_a_request_id() {
    // card.open documents request_id as optional; the SDK still demands the idempotency key.
    let errors = operation::validate(
        find("alibaba.alsc.crm.card.open").unwrap(),
        &json::parse(r#"{"brand_id":"1","shop_id":"2","card_template_id":"3"}"#).unwrap(),
    );
    assert!(
        errors
            .iter()
            .any(|e| e.field == "request_id" && e.rule.as_str() == "required"),
        "{errors:?}"
    );
    assert!(
        operation::OPERATIONS
            .iter()
            .filter(|op| op.writes())
            .count()
            >= 25
    );
}

#[test]
fn hostile_bodies_cost_little_and_are_named() {
    let op = find(EXTRA).unwrap();
    // 100,000 made-up keys: a few reported by name, the rest counted.
    let mut many = String::from("{");
    for i in 0..100_000 {
        many.push_str(&format!("\"k{i}\":1,"));
    }
    many.push_str("\"biz_channel\":\"CS\"}");
    let errors = operation::validate(op, &json::parse(&many).unwrap());
    let unknown: Vec<_> = errors
        .iter()
        .filter(|e| e.rule.as_str() == "unknown")
        .collect();
    assert!(unknown.len() <= 16, "{}", unknown.len());
    assert!(
        unknown
            .last()
            .unwrap()
            .message
            .contains("more fields that alibaba.alsc.crm.point.extra.consume does not have"),
        "{:?}",
        unknown.last()
    );
    // One key of a megabyte: no did-you-mean search, and the message quotes only its start.
    let huge = format!("{{\"{}\":1}}", "a".repeat(1 << 20));
    let errors = operation::validate(op, &json::parse(&huge).unwrap());
    let e = errors
        .iter()
        .find(|e| e.rule.as_str() == "unknown")
        .unwrap();
    assert!(
        e.field.len() < 200 && e.message.len() < 300,
        "{}",
        e.message.len()
    );
}

#[test]
fn unknown_methods_of_the_family_are_refused_with_the_nearest_name() {
    let params = json::parse(EXTRA_OK).unwrap();
    let errors = operation::validate_method("alibaba.alsc.crm.point.extra.consum", &params);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].field.as_str(), errors[0].rule.as_str()),
        ("method", "unknown")
    );
    assert!(
        errors[0]
            .message
            .contains("did you mean `alibaba.alsc.crm.point.extra.consume`"),
        "{}",
        errors[0].message
    );
    let client = top_client("12345678", "s");
    let ts = now();
    let e = client
        .prepare("alibaba.alsc.crm.pointt.extra.consume", &params, ts)
        .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.rule.map(|r| r.as_str())),
        (ErrorCode::InvalidParam, Some("method"), Some("unknown"))
    );
    // Outside the family: not declared either, so nothing to check it against; it goes
    // through as given only when asked to.
    let errors = operation::validate_method("taobao.time.get", &params);
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.rule.as_str()))
            .collect::<Vec<_>>(),
        [("method", "unknown")]
    );
    assert!(errors[0].message.contains("not a declared operation"));
    assert!(!errors[0].message.contains("did you mean"));
    assert!(client.prepare("taobao.time.get", &params, ts).is_err());
    let sent = client
        .prepare_untyped("alibaba.alsc.crm.point.extra.consum", &params, ts)
        .unwrap();
    assert!(sent
        .http
        .url
        .contains("method=alibaba.alsc.crm.point.extra.consum"));
    assert!(sent.http.body.contains("change_point=323"));
}

#[test]
fn strings_are_capped_by_the_general_cap_and_by_the_documents() {
    // The general cap (spec/overlay.json `max_text`), counted in characters: 1,024 Chinese
    // characters (3,072 bytes) pass, one more does not; a 60,000-character request_id does not.
    let at = |n: usize, c: &str| format!("\"{}\"", c.repeat(n));
    assert!(broken(EXTRA, &with(EXTRA_OK, &[("reason", Some(&at(1024, "补")))])).is_empty());
    one(
        EXTRA,
        with(EXTRA_OK, &[("reason", Some(&at(1025, "补")))]),
        "reason",
        "max_length",
    );
    one(
        EXTRA,
        with(EXTRA_OK, &[("request_id", Some(&at(60_000, "r")))]),
        "request_id",
        "max_length",
    );
    // Items of a list of strings, and U8 text given as a number literal.
    one(
        REFUND,
        with(
            REFUND_OK,
            &[(
                "voucher_id_list",
                Some(&format!("[\"1\", {}]", at(2000, "9"))),
            )],
        ),
        "voucher_id_list[1]",
        "max_length",
    );
    let u8 = find("points/change").unwrap();
    let record = format!(
        r#"[{{"mid":{},"action_type":5,"ori_money":"1","calc_money":"1","ori_points":1,"source_code":"s"}}]"#,
        "1".repeat(1100)
    );
    let errors = operation::validate(u8, &json::parse(&record).unwrap().into_owned());
    assert!(
        errors
            .iter()
            .any(|e| e.field == "[0].mid" && e.rule.as_str() == "max_length"),
        "{errors:?}"
    );
    // Tighter where the documents say: 订单备注,长度不超过256.
    let backflow = find("alibaba.alsc.crm.open.order.backflow").unwrap();
    let order = |memo: &str| {
        json::parse(&format!(r#"{{"order_info":{{"memo":{memo}}}}}"#))
            .unwrap()
            .into_owned()
    };
    let memo = |n| {
        operation::validate(backflow, &order(&at(n, "注")))
            .into_iter()
            .filter(|e| e.rule.as_str() == "max_length")
            .map(|e| e.field)
            .collect::<Vec<_>>()
    };
    assert_eq!(memo(256), Vec::<String>::new());
    assert_eq!(memo(257), vec!["order_info.memo".to_string()]);
}
