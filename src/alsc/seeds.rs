//! Rust types for the three seed operations (积分补扣, 储值消费, 资产核销回退).
//!
//! The operation table validates and types every API for JS; these give Rust callers named
//! fields for the three the project started from. Each request converts to the same
//! parameters the table validates, and each result reads the normalized envelope.

use crate::error::Error;
use crate::json::Value;

/// A Rust request type bound to one declared operation.
pub trait SeedRequest {
    const METHOD: &'static str;
    type Output;
    /// The business fields, as the platform names them.
    fn to_params(&self) -> Value;
    /// Reads the `result` field of a successful envelope.
    fn output(envelope: &Value) -> Result<Self::Output, Error>;
}

/// `biz_channel`: which POS vendor the call is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BizChannel {
    /// 辰森
    Cs,
    /// 客如云
    Kry,
}

impl BizChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            BizChannel::Cs => "CS",
            BizChannel::Kry => "KRY",
        }
    }
}

/// Builds an object from `(name, value)` pairs, leaving out absent values.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .collect(),
    )
}

fn s(v: &str) -> Option<Value> {
    Some(Value::String(v.to_string()))
}

fn opt(v: &Option<String>) -> Option<Value> {
    v.as_ref().map(|v| Value::String(v.clone()))
}

fn int(n: i64) -> Option<Value> {
    Some(Value::Number(n.to_string()))
}

fn text(v: &Value, name: &str) -> Option<String> {
    match v.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.clone()),
        _ => None,
    }
}

fn integer(v: &Value, name: &str) -> Option<i64> {
    v.get(name).and_then(Value::as_i64)
}

fn boolean(v: &Value, name: &str) -> Option<bool> {
    match v.get(name)? {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

fn list<T>(v: &Value, name: &str, item: fn(&Value) -> T) -> Vec<T> {
    match v.get(name) {
        Some(Value::Array(items)) => items.iter().map(item).collect(),
        _ => Vec::new(),
    }
}

/// `alibaba.alsc.crm.point.extra.consume` (积分补扣): deduct points from a customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraConsumePoint {
    pub biz_channel: BizChannel,
    pub brand_id: Option<String>,
    pub out_brand_id: Option<String>,
    pub shop_id: Option<String>,
    pub out_shop_id: Option<String>,
    /// Points to deduct, above zero.
    pub change_point: i64,
    pub customer_id: String,
    pub operator_id: String,
    /// The order this deduction belongs to.
    pub out_biz_id: String,
    pub reason: Option<String>,
    /// Idempotency key: reuse it when retrying.
    pub request_id: String,
}

impl SeedRequest for ExtraConsumePoint {
    const METHOD: &'static str = "alibaba.alsc.crm.point.extra.consume";
    /// The platform's business data (`result.result`, a String).
    type Output = Option<String>;

    fn to_params(&self) -> Value {
        object(vec![
            ("biz_channel", s(self.biz_channel.as_str())),
            ("brand_id", opt(&self.brand_id)),
            ("change_point", int(self.change_point)),
            ("customer_id", s(&self.customer_id)),
            ("operator_id", s(&self.operator_id)),
            ("out_biz_id", s(&self.out_biz_id)),
            ("reason", opt(&self.reason)),
            ("request_id", s(&self.request_id)),
            ("shop_id", opt(&self.shop_id)),
            ("out_shop_id", opt(&self.out_shop_id)),
            ("out_brand_id", opt(&self.out_brand_id)),
        ])
    }

    fn output(envelope: &Value) -> Result<Self::Output, Error> {
        Ok(text(envelope, "result"))
    }
}

/// `alibaba.alsc.crm.recharge.dedut.update` (储值消费): consume stored value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DedutStoredValue {
    pub biz_channel: BizChannel,
    /// `yyyy-MM-dd HH:mm:ss`, China time.
    pub biz_date: Option<String>,
    pub brand_id: Option<String>,
    pub out_brand_id: Option<String>,
    pub shop_id: Option<String>,
    pub out_shop_id: Option<String>,
    pub card_id: Option<String>,
    pub customer_id: Option<String>,
    pub operator_id: String,
    /// Unique within the ISV: the consumption's own order id.
    pub outer_order_id: String,
    pub remark: Option<String>,
    pub request_id: String,
    /// Total value to consume, in 分, above zero.
    pub value: i64,
    /// Extra data as a JSON text, e.g. `{"payModeId":"WX"}`.
    pub ext_info: Option<String>,
}

/// One part of a stored-value account (`PRE` paid, `GIFT` given, `TOTAL`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RechargeAccountProperty {
    pub kind: Option<String>,
    pub value: Option<i64>,
}

/// `RechargeAccountFlowDetailOpenInfo`: the stored-value flow a consumption wrote.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RechargeAccountFlowDetail {
    pub account_id: Option<String>,
    pub affected_property_list: Vec<RechargeAccountProperty>,
    pub after_property_list: Vec<RechargeAccountProperty>,
    pub before_property_list: Vec<RechargeAccountProperty>,
    pub brand_id: Option<String>,
    pub current_value: Option<i64>,
    pub flow_id: Option<String>,
    pub flow_type: Option<String>,
    pub operator: Option<String>,
    pub operator_name: Option<String>,
    pub order_src: Option<i64>,
    pub order_time: Option<String>,
    pub order_value: Option<i64>,
    pub outer_order_id: Option<String>,
    pub remark: Option<String>,
    pub shop_id: Option<String>,
    pub shop_name: Option<String>,
}

fn property(v: &Value) -> RechargeAccountProperty {
    RechargeAccountProperty {
        kind: text(v, "type"),
        value: integer(v, "value"),
    }
}

impl SeedRequest for DedutStoredValue {
    const METHOD: &'static str = "alibaba.alsc.crm.recharge.dedut.update";
    type Output = Option<RechargeAccountFlowDetail>;

    fn to_params(&self) -> Value {
        object(vec![
            ("biz_date", opt(&self.biz_date)),
            ("brand_id", opt(&self.brand_id)),
            ("card_id", opt(&self.card_id)),
            ("customer_id", opt(&self.customer_id)),
            ("operator_id", s(&self.operator_id)),
            ("outer_order_id", s(&self.outer_order_id)),
            ("remark", opt(&self.remark)),
            ("request_id", s(&self.request_id)),
            ("shop_id", opt(&self.shop_id)),
            ("value", int(self.value)),
            ("biz_channel", s(self.biz_channel.as_str())),
            ("out_brand_id", opt(&self.out_brand_id)),
            ("out_shop_id", opt(&self.out_shop_id)),
            ("ext_info", opt(&self.ext_info)),
        ])
    }

    fn output(envelope: &Value) -> Result<Self::Output, Error> {
        let Some(r) = envelope
            .get("result")
            .filter(|r| matches!(r, Value::Object(_)))
        else {
            return Ok(None);
        };
        Ok(Some(RechargeAccountFlowDetail {
            account_id: text(r, "account_id"),
            affected_property_list: list(r, "affected_property_list", property),
            after_property_list: list(r, "after_property_list", property),
            before_property_list: list(r, "before_property_list", property),
            brand_id: text(r, "brand_id"),
            current_value: integer(r, "current_value"),
            flow_id: text(r, "flow_id"),
            flow_type: text(r, "flow_type"),
            operator: text(r, "operator"),
            operator_name: text(r, "operator_name"),
            order_src: integer(r, "order_src"),
            order_time: text(r, "order_time"),
            order_value: integer(r, "order_value"),
            outer_order_id: text(r, "outer_order_id"),
            remark: text(r, "remark"),
            shop_id: text(r, "shop_id"),
            shop_name: text(r, "shop_name"),
        }))
    }
}

/// `outer_type`: whose id `outer_id` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OuterType {
    Wechat,
    Alipay,
}

impl OuterType {
    pub fn as_str(self) -> &'static str {
        match self {
            OuterType::Wechat => "wechat",
            OuterType::Alipay => "alipay",
        }
    }
}

/// `alibaba.alsc.crm.open.assert.refund` (资产核销回退): give back what an order consumed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundAssets {
    pub brand_id: String,
    pub shop_id: String,
    pub customer_id: Option<String>,
    pub mobile: Option<String>,
    pub outer_id: Option<String>,
    pub outer_type: Option<OuterType>,
    /// The refund's own order id.
    pub new_outer_order_id: String,
    /// The order whose consumption is reverted.
    pub outer_order_id: String,
    pub operator_id: String,
    pub request_id: String,
    pub voucher_id_list: Vec<String>,
}

/// `VoucherStatusInfo`: one voucher's refund outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoucherStatus {
    pub success: Option<bool>,
    pub voucher_id: Option<String>,
}

/// `PropertyRefundOpenInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PropertyRefund {
    pub point_success: Option<bool>,
    pub value_success: Option<bool>,
    pub voucher_status_list: Vec<VoucherStatus>,
}

impl SeedRequest for RefundAssets {
    const METHOD: &'static str = "alibaba.alsc.crm.open.assert.refund";
    type Output = Option<PropertyRefund>;

    fn to_params(&self) -> Value {
        let vouchers = (!self.voucher_id_list.is_empty()).then(|| {
            Value::Array(
                self.voucher_id_list
                    .iter()
                    .map(|v| Value::String(v.clone()))
                    .collect(),
            )
        });
        object(vec![
            ("brand_id", s(&self.brand_id)),
            ("mobile", opt(&self.mobile)),
            ("new_outer_order_id", s(&self.new_outer_order_id)),
            ("operator_id", s(&self.operator_id)),
            ("outer_id", opt(&self.outer_id)),
            ("outer_order_id", s(&self.outer_order_id)),
            ("outer_type", self.outer_type.and_then(|t| s(t.as_str()))),
            ("request_id", s(&self.request_id)),
            ("shop_id", s(&self.shop_id)),
            ("voucher_id_list", vouchers),
            ("customer_id", opt(&self.customer_id)),
        ])
    }

    fn output(envelope: &Value) -> Result<Self::Output, Error> {
        let Some(r) = envelope
            .get("result")
            .filter(|r| matches!(r, Value::Object(_)))
        else {
            return Ok(None);
        };
        Ok(Some(PropertyRefund {
            point_success: boolean(r, "point_success"),
            value_success: boolean(r, "value_success"),
            voucher_status_list: list(r, "voucher_status_list", |v| VoucherStatus {
                success: boolean(v, "success"),
                voucher_id: text(v, "voucher_id"),
            }),
        }))
    }
}
