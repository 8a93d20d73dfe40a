//! `points/change` (积分增加 and the other point actions): typed records and their rules.
//!
//! All fields are documented as strings and the examples send numbers, so both are read;
//! the body always sends strings. Money is a decimal string with at most two decimals, never
//! a float; points are non-negative integers.

use crate::error::{Error, FieldError};
use crate::json::{self, Value, MAX_SAFE_INTEGER};

pub const API: &str = "points/change";

/// The most records one call carries: one call is one U8 transaction, keep it small.
pub const MAX_RECORDS: usize = 100;

/// 积分计算业务类型.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionType {
    /// 5 商城送积分
    MallAward,
    /// 51 商城抵现
    MallRedeem,
    /// 16 退货扣积分
    ReturnDeduct,
    /// 17 退货返还抵扣积分
    ReturnRestore,
    /// 200 积分结转
    CarryOver,
}

impl ActionType {
    pub const ALL: [ActionType; 5] = [
        ActionType::MallAward,
        ActionType::MallRedeem,
        ActionType::ReturnDeduct,
        ActionType::ReturnRestore,
        ActionType::CarryOver,
    ];

    pub fn code(self) -> u32 {
        self.code_str().parse().unwrap_or(0)
    }

    /// The code as U8 receives it.
    pub fn code_str(self) -> &'static str {
        match self {
            ActionType::MallAward => "5",
            ActionType::MallRedeem => "51",
            ActionType::ReturnDeduct => "16",
            ActionType::ReturnRestore => "17",
            ActionType::CarryOver => "200",
        }
    }

    pub fn from_code(code: u32) -> Option<Self> {
        ActionType::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn zh(self) -> &'static str {
        match self {
            ActionType::MallAward => "商城送积分",
            ActionType::MallRedeem => "商城抵现",
            ActionType::ReturnDeduct => "退货扣积分",
            ActionType::ReturnRestore => "退货返还抵扣积分",
            ActionType::CarryOver => "积分结转",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ActionType::MallAward => "award points for a purchase",
            ActionType::MallRedeem => "redeem points as cash",
            ActionType::ReturnDeduct => "deduct points for a return",
            ActionType::ReturnRestore => "restore redeemed points for a return",
            ActionType::CarryOver => "carry points over",
        }
    }

    /// Returns need the original order in `source1`.
    pub fn is_return(self) -> bool {
        matches!(self, ActionType::ReturnDeduct | ActionType::ReturnRestore)
    }
}

/// One validated `points/change` record: its action, and every given field as the text U8
/// receives, in the documentation's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointsRecord {
    pub action_type: ActionType,
    pub fields: Vec<(&'static str, String)>,
}

impl PointsRecord {
    /// A field's text, if it was given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    Id,
    Action,
    Money,
    Points,
    Decimal,
    Text,
}

impl FieldKind {
    /// The type `operations()` shows a form: money and decimals are exact decimal strings.
    fn doc_type(self) -> &'static str {
        match self {
            FieldKind::Id | FieldKind::Action | FieldKind::Text => "String",
            FieldKind::Money | FieldKind::Decimal => "Decimal",
            FieldKind::Points => "Number",
        }
    }
}

/// (name, kind, required, description), in the documentation's order.
const FIELDS: [(&str, FieldKind, bool, &str); 12] = [
    ("mid", FieldKind::Id, true, "会员统一id"),
    ("action_type", FieldKind::Action, true, "积分计算业务类型"),
    ("ori_money", FieldKind::Money, true, "业务发生金额"),
    (
        "calc_money",
        FieldKind::Money,
        true,
        "积分计算金额、退货积分返回金额",
    ),
    (
        "ori_points",
        FieldKind::Points,
        true,
        "抵扣积分(正数)、退货扣除积分(正数)、结转积分",
    ),
    ("cur_points", FieldKind::Points, false, "会员当前积分"),
    ("multiple", FieldKind::Decimal, false, "积分核算倍数"),
    ("extra_points", FieldKind::Points, false, "额外赠送积分"),
    ("extra_memo", FieldKind::Text, false, "额外赠送积分备注"),
    ("source_code", FieldKind::Id, true, "来源依据(订单编号)"),
    (
        "source1",
        FieldKind::Id,
        false,
        "来源依据1、退货时原订单编号",
    ),
    ("source2", FieldKind::Id, false, "来源依据2"),
];

/// The field names, for forms and hints.
pub fn field_names() -> impl Iterator<Item = &'static str> + Clone {
    FIELDS.iter().map(|(n, _, _, _)| *n)
}

/// (name, documented type, required, description) of every field, for `operations()`.
pub fn field_docs() -> impl Iterator<Item = (&'static str, &'static str, bool, &'static str)> {
    FIELDS.iter().map(|(n, k, r, d)| (*n, k.doc_type(), *r, *d))
}

/// A validated `points/change` body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointsChange {
    pub records: Vec<PointsRecord>,
}

/// `12`, `12.5`, `12.50`; no sign, no exponent, at most two decimals.
fn is_money(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(s.contains('.') && frac.is_empty())
}

/// The value as text, or why it cannot be: strings as they are, JSON numbers by literal.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.clone()),
        _ => None,
    }
}

fn check_field(kind: FieldKind, v: &Value, path: &str) -> Result<String, FieldError> {
    let err = |rule: &'static str, message: String| FieldError {
        field: path.to_string(),
        rule,
        message,
    };
    let text = scalar_text(v)
        .ok_or_else(|| err("type", format!("{path} must be a string or a number")))?;
    match kind {
        FieldKind::Id | FieldKind::Text => Ok(text),
        FieldKind::Action => {
            let code = text.parse::<u32>().ok().and_then(ActionType::from_code);
            code.map(|a| a.code().to_string()).ok_or_else(|| {
                let allowed: Vec<String> = ActionType::ALL
                    .iter()
                    .map(|a| format!("{} ({})", a.code(), a.zh()))
                    .collect();
                err(
                    "one_of",
                    format!("{path} must be one of {}; got `{text}`", allowed.join(", ")),
                )
            })
        }
        FieldKind::Money | FieldKind::Decimal => {
            if matches!(v, Value::Number(n) if json::parse_integer(n).is_none()) {
                return Err(err("decimal", format!("{path} must be a decimal string like \"12.50\", not a floating-point number (floats lose cents)")));
            }
            if is_money(&text) {
                Ok(text)
            } else {
                Err(err("decimal", format!("{path} must be a non-negative decimal with at most two decimals, like \"12.50\"; got `{text}`")))
            }
        }
        FieldKind::Points => match json::parse_integer(&text) {
            Some(n) if (0..=MAX_SAFE_INTEGER).contains(&n) => Ok(n.to_string()),
            Some(_) => Err(err(
                "non_negative",
                format!("{path} must be a non-negative integer within 2^53; got {text}"),
            )),
            None => Err(err(
                "integer",
                format!("{path} must be a whole number of points; got `{text}`"),
            )),
        },
    }
}

impl PointsChange {
    /// Reads and validates a body: a non-empty array of at most [`MAX_RECORDS`] records.
    pub fn from_value(body: &Value) -> Result<Self, Error> {
        let items = match body {
            Value::Array(items) => items,
            Value::Object(_) => {
                return Err(Error::invalid(
                    "body",
                    "type",
                    "points/change takes an array of records; wrap the record in [ ]",
                ))
            }
            _ => {
                return Err(Error::invalid(
                    "body",
                    "type",
                    "points/change takes an array of records",
                ))
            }
        };
        if items.is_empty() {
            return Err(Error::invalid(
                "body",
                "non_empty",
                "points/change needs at least one record",
            ));
        }
        if items.len() > MAX_RECORDS {
            return Err(Error::invalid(
                "body",
                "max_records",
                format!("points/change carries at most {MAX_RECORDS} records per call; got {}: split the batch", items.len()),
            ));
        }
        let mut errors = Vec::new();
        let mut records = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(r) = read_record(item, &format!("[{i}]"), &mut errors) {
                records.push(r);
            }
        }
        match Error::from_field_errors(errors) {
            Some(e) => Err(e),
            None => Ok(PointsChange { records }),
        }
    }

    /// The JSON array sent, every value a string, fields in the documentation's order.
    pub fn to_json(&self) -> String {
        let items = self
            .records
            .iter()
            .map(|r| {
                Value::Object(
                    r.fields
                        .iter()
                        .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
                        .collect(),
                )
            })
            .collect();
        Value::Array(items).to_json()
    }
}

/// Validates `points/change` records without building a request (for forms).
pub fn validate(body: &Value) -> Vec<FieldError> {
    match PointsChange::from_value(body) {
        Ok(_) => Vec::new(),
        Err(e) => e.details.clone(),
    }
}

fn read_record(item: &Value, prefix: &str, errors: &mut Vec<FieldError>) -> Option<PointsRecord> {
    let error = |field: String, rule: &'static str, message: String| FieldError {
        field,
        rule,
        message,
    };
    let Some(entries) = item.as_object() else {
        errors.push(error(
            prefix.to_string(),
            "type",
            format!("record {prefix} must be an object"),
        ));
        return None;
    };
    let before = errors.len();
    for (key, _) in entries {
        if !FIELDS.iter().any(|(n, _, _, _)| n == key) {
            let hint = crate::hint::did_you_mean(key, field_names())
                .map(|h| format!("; did you mean `{h}`?"));
            let message = format!(
                "`{key}` is not a points/change field{}",
                hint.unwrap_or_default()
            );
            errors.push(error(format!("{prefix}.{key}"), "unknown", message));
        }
    }
    let mut fields = Vec::with_capacity(FIELDS.len());
    for (name, kind, required, _) in FIELDS {
        let path = format!("{prefix}.{name}");
        let given = entries
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty());
        match given.map(|v| check_field(kind, v, &path)) {
            Some(Ok(text)) if !text.is_empty() => fields.push((name, text)),
            Some(Err(e)) => errors.push(e),
            _ if required => errors.push(error(
                path.clone(),
                "required",
                format!("{path} is required"),
            )),
            _ => {}
        }
    }
    let action_type = fields
        .iter()
        .find(|(k, _)| *k == "action_type")
        .and_then(|(_, a)| a.parse().ok())
        .and_then(ActionType::from_code);
    if let Some(a) = action_type.filter(|a| a.is_return()) {
        if !fields.iter().any(|(k, _)| *k == "source1") {
            let message = format!(
                "{prefix}.source1 (the original order) is required for returns (action_type {})",
                a.code()
            );
            errors.push(error(format!("{prefix}.source1"), "required_when", message));
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(PointsRecord {
        action_type: action_type?,
        fields,
    })
}

/// Types a successful reply's `data`: ids, codes and money as strings, points as integers
/// (numbers when safe, strings beyond 2^53), whether U8 sent them as strings or numbers.
pub fn normalize_reply(reply: &Value) -> Value {
    let typed = |k: &str, v: &Value| -> Value {
        let as_text = |v: &Value| scalar_text(v).map_or(Value::Null, Value::String);
        match k {
            "before_points" | "calc_points" | "after_points" | "ori_points" | "cur_points"
            | "extra_points" => match scalar_text(v).as_deref().and_then(json::parse_integer) {
                Some(n) if n.unsigned_abs() <= MAX_SAFE_INTEGER as u64 => {
                    Value::Number(n.to_string())
                }
                _ => crate::alsc::normalize_untyped(as_text(v)),
            },
            _ => match v {
                Value::Number(_) => as_text(v),
                other => crate::alsc::normalize_untyped(other.clone()),
            },
        }
    };
    let data = match reply.get("data") {
        Some(Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| match item {
                    Value::Object(entries) => Value::Object(
                        entries
                            .iter()
                            .map(|(k, v)| (k.clone(), typed(k, v)))
                            .collect(),
                    ),
                    other => crate::alsc::normalize_untyped(other.clone()),
                })
                .collect(),
        ),
        Some(other) => crate::alsc::normalize_untyped(other.clone()),
        None => Value::Array(Vec::new()),
    };
    let mut out = vec![("data".to_string(), data)];
    if let Some(m) = reply.get("errmsg") {
        out.push(("errmsg".to_string(), m.clone()));
    }
    Value::Object(out)
}
