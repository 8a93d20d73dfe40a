//! The generated Rust models against the table-driven path: for every operation, a request
//! read into its model and written back out signs to exactly the same wire parameters as
//! the untyped request; and a model request goes through validation like any other.
use crate::common::sample_object;
use loyalty_sdk::json;

use crate::common::{now, top_client, Value};
use loyalty_sdk::models::{point_extra_consume, u8_points_change, Request};
use loyalty_sdk::operation::{self, Platform, OPERATIONS};
use loyalty_sdk::u8::{self, U8Config};
use loyalty_sdk::{ErrorCode, Secret};

/// A method and its model's round trip.
type Case = (&'static str, fn(&str) -> String);

/// A JSON request read into model `R` and written back out.
fn round_trip<R: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> String {
    let model: R = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    serde_json::to_string(&model).unwrap()
}

#[test]
fn every_model_signs_exactly_like_the_table_driven_path() {
    let cases: &[Case] = &include!(concat!(env!("OUT_DIR"), "/model_list.rs"));
    assert_eq!(cases.len(), OPERATIONS.len());
    let client = top_client("12345678", "helloworld");
    let u8config = U8Config::new("f", "t", "k", Secret::new("s"));
    let ts = now();
    for (method, through_model) in cases {
        let op = operation::find(method).unwrap();
        let record = sample_object(op, "", op.fields);
        let params = match op.platform {
            Platform::Top => record,
            Platform::U8 => Value::Array(vec![record.clone(), record]),
        };
        let modelled = json::parse(&through_model(&params.to_json()))
            .unwrap()
            .into_owned();
        match op.platform {
            Platform::Top => {
                let direct = client.prepare(method, &params, ts).unwrap();
                let typed = client.prepare(method, &modelled, ts).unwrap();
                assert_eq!(typed.business_params, direct.business_params, "{method}");
                assert_eq!(typed.http.body, direct.http.body, "{method}");
            }
            Platform::U8 => {
                let direct = u8::prepare(&u8config, method, &params, "tok").unwrap();
                let typed = u8::prepare(&u8config, method, &modelled, "tok").unwrap();
                assert_eq!(typed.body, direct.body, "{method}");
            }
        }
    }
}

#[test]
fn a_model_request_is_validated_like_any_other() {
    let client = top_client("12345678", "helloworld");
    let ts = now();
    let request = point_extra_consume::Request {
        biz_channel: "CS".into(),
        brand_id: Some("1".into()),
        shop_id: Some("2".into()),
        change_point: 0,
        customer_id: "3".into(),
        operator_id: "4".into(),
        out_biz_id: "5".into(),
        request_id: "6".into(),
        ..Default::default()
    };
    let e = client.prepare_request(&request, ts).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParam);
    assert_eq!(
        (e.field.as_deref(), e.rule.map(|r| r.as_str())),
        (Some("change_point"), Some("positive"))
    );
    let ok = point_extra_consume::Request {
        change_point: 300,
        ..request
    };
    let signed = client.prepare_request(&ok, ts).unwrap();
    assert!(
        signed.http.body.contains("change_point%22%3A300"),
        "{}",
        signed.http.body
    );
    assert_eq!(
        <point_extra_consume::Request as Request>::METHOD,
        "alibaba.alsc.crm.point.extra.consume"
    );
}

#[test]
fn u8_records_are_models_too() {
    let body = u8_points_change::Request(vec![u8_points_change::PointsChangeRecord {
        mid: "10000001".into(),
        action_type: "16".into(),
        ori_money: "100.00".into(),
        calc_money: "100.00".into(),
        ori_points: 100,
        source_code: "R-1".into(),
        ..Default::default()
    }]);
    let v = loyalty_sdk::models::to_value(&body).unwrap();
    let e = u8::prepare(
        &U8Config::new("f", "t", "k", Secret::new("s")),
        "points/change",
        &v,
        "t",
    )
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.rule.map(|r| r.as_str())),
        (Some("[0].source1"), Some("required_when"))
    );
}
