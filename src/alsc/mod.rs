//! The ALSC CRM operations: declared as data (`catalog.rs`), validated before anything is
//! signed, encoded into TOP business parameters, and decoded into typed results.

/// The operation table (`catalog.rs`, copied by `build.rs`: compacted for wasm32).
pub mod catalog {
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

    /// A declaration as written: the wasm's compact copy has its dictionary codes put back.
    /// Only the table's own declarations are coded; each is expanded once and kept, so the
    /// parsed fields can borrow their names from it.
    pub fn expand(declaration: &'static str) -> &'static str {
        use std::sync::OnceLock;
        static EXPANDED: [OnceLock<&'static str>; 2 * OPERATIONS.len()] =
            [const { OnceLock::new() }; 2 * OPERATIONS.len()];
        if DICTIONARY.is_empty() {
            return declaration;
        }
        let slot = OPERATIONS.iter().enumerate().find_map(|(i, op)| {
            // By content: a `const` table gives no stable addresses.
            let same = |d: &str| d.len() == declaration.len() && d == declaration;
            if same(op.request) {
                Some(2 * i)
            } else if same(op.response) {
                Some(2 * i + 1)
            } else {
                None
            }
        });
        let Some(cell) = slot.and_then(|i| EXPANDED.get(i)) else {
            return declaration;
        };
        cell.get_or_init(|| {
            let mut out = String::with_capacity(declaration.len() * 3);
            for c in declaration.chars() {
                match CODES
                    .chars()
                    .position(|code| code == c)
                    .and_then(|i| DICTIONARY.get(i))
                {
                    Some(piece) => out.push_str(piece),
                    None => out.push(c),
                }
            }
            Box::leak(out.into_boxed_str())
        })
    }
}

pub mod schema;
pub mod seeds;

pub use catalog::OPERATIONS;
pub use schema::{Kind, Node};

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::error::{Error, ErrorCode, FieldError};
use crate::json::{self, Value, MAX_SAFE_INTEGER};
use crate::time::is_valid_datetime;

/// One value of a documented enumeration, with labels for forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A rule the documentation states in prose. Field names are paths inside the business
/// object (`order_info.order_status`; a list segment applies to every item).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// At least one of these fields is given ("X和Y不可同时为空").
    AnyOf(&'static [&'static str]),
    /// The field, when given, is one of these values.
    OneOf(&'static str, &'static [Choice]),
    /// The field, when given, is an integer above zero (amounts, points).
    Positive(&'static str),
    /// `field` is required when `when` equals `equals`.
    RequiredWhen {
        field: &'static str,
        when: &'static str,
        equals: &'static str,
    },
}

/// One API of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    pub method: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// The open platform's documentation id.
    pub doc_id: u32,
    /// Writes carry a `request_id`, the idempotency key a retry must reuse.
    pub writes: bool,
    /// Top-level request parameters (usually one object sent as compact JSON).
    pub request: &'static str,
    /// Top-level response fields (`result:CommonResult{...}` or `CommonPageResult`).
    pub response: &'static str,
    pub rules: &'static [Rule],
}

/// How a declared operation's request is laid out.
#[derive(Clone, Debug)]
pub struct RequestShape {
    /// The one business parameter that wraps the fields (`param_dedut_open_req`), if any.
    pub wrapper: Option<Node>,
    /// The fields a caller fills in.
    pub fields: Vec<Node>,
}

impl Operation {
    pub fn request_shape(&self) -> Result<RequestShape, Error> {
        let mut top = schema::parse_fields(catalog::expand(self.request))?;
        if top.len() == 1 && top.first().map(|n| n.kind) == Some(Kind::Object) {
            let mut wrapper = top.remove(0);
            let fields = core::mem::take(&mut wrapper.children);
            Ok(RequestShape {
                wrapper: Some(wrapper),
                fields,
            })
        } else {
            Ok(RequestShape {
                wrapper: None,
                fields: top,
            })
        }
    }

    pub fn response_fields(&self) -> Result<Vec<Node>, Error> {
        schema::parse_fields(catalog::expand(self.response))
    }

    /// The documented values of the field at `path`, if a `OneOf` rule lists them.
    pub fn choices(&self, path: &str) -> Option<&'static [Choice]> {
        self.rules.iter().find_map(|r| match r {
            Rule::OneOf(p, c) if *p == path => Some(*c),
            _ => None,
        })
    }

    /// True when the result is a `CommonPageResult` (`result_list` and paging fields).
    pub fn paged(&self) -> bool {
        let fields = self.response_fields().unwrap_or_default();
        fields
            .iter()
            .any(|f| f.name == "result" && f.child("result_list").is_some())
    }

    /// Both declarations parsed: once per table entry (cached), afresh for any other value
    /// (a test's modified copy, say).
    fn parsed(&self) -> Result<Cow<'static, Parsed>, Error> {
        let parse = || -> Result<Parsed, Error> {
            Ok(Parsed {
                request: self.request_shape()?,
                response: self.response_fields()?,
            })
        };
        let cached = OPERATIONS
            .iter()
            .position(|o| o == self)
            .and_then(|i| PARSED.get(i))
            .map(|cell| cell.get_or_init(parse));
        match cached {
            Some(Ok(p)) => Ok(Cow::Borrowed(p)),
            Some(Err(e)) => Err(e.clone()),
            None => parse().map(Cow::Owned),
        }
    }
}

/// An operation's declarations, parsed.
#[derive(Clone, Debug)]
struct Parsed {
    request: RequestShape,
    response: Vec<Node>,
}

static PARSED: [OnceLock<Result<Parsed, Error>>; OPERATIONS.len()] =
    [const { OnceLock::new() }; OPERATIONS.len()];

/// Finds a declared operation by its method name.
pub fn find(method: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.method == method)
}

/// The business fields of a call: `params` is either the inner object itself or
/// `{ "<wrapper>": {...} }` as the platform's documentation shows it.
fn business_object<'a>(
    shape: &RequestShape,
    params: &'a Value,
) -> Result<&'a [(String, Value)], Error> {
    let entries = params
        .as_object()
        .ok_or_else(|| Error::invalid("params", "type", "params must be an object"))?;
    if let (Some(w), [(key, inner)]) = (&shape.wrapper, entries) {
        if key == w.name {
            return inner.as_object().ok_or_else(|| {
                Error::invalid(w.name, "type", format!("{} must be an object", w.name))
            });
        }
    }
    Ok(entries)
}

/// Checks a call's business parameters against the declaration and its rules. Returns every
/// broken rule; an empty list means the call may be signed.
pub fn validate(op: &Operation, params: &Value) -> Result<Vec<FieldError>, Error> {
    let parsed = op.parsed()?;
    Ok(check(op, &parsed.request, params).err().unwrap_or_default())
}

/// The business fields if they pass every rule, else every broken rule.
fn check<'a>(
    op: &Operation,
    shape: &RequestShape,
    params: &'a Value,
) -> Result<&'a [(String, Value)], Vec<FieldError>> {
    let entries =
        business_object(shape, params).map_err(|mut e| core::mem::take(&mut e.details))?;
    let mut errors = Vec::new();
    check_object(&shape.fields, entries, "", &mut errors);
    if op.writes
        && shape.fields.iter().any(|f| f.name == "request_id")
        && lookup(entries, "request_id").is_none_or(Value::is_empty)
        && !errors.iter().any(|e| e.field == "request_id")
    {
        errors.push(FieldError {
            field: "request_id".into(),
            rule: "required",
            message: "request_id is required: it is the idempotency key that makes a retry safe"
                .into(),
        });
    }
    for rule in op.rules {
        check_rule(rule, entries, &mut errors);
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

#[inline(always)]
fn lookup<'a>(entries: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn path_join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn check_object(
    fields: &[Node],
    entries: &[(String, Value)],
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    for (key, _) in entries {
        if !fields.iter().any(|f| f.name == key) {
            let mut message = format!(
                "`{}` is not a field of this operation",
                path_join(prefix, key)
            );
            if let Some(hint) = crate::hint::did_you_mean(key, fields.iter().map(|f| f.name)) {
                message.push_str(&format!("; did you mean `{hint}`?"));
            }
            errors.push(FieldError {
                field: path_join(prefix, key),
                rule: "unknown",
                message,
            });
        }
    }
    for f in fields {
        match lookup(entries, f.name) {
            Some(v) if !v.is_empty() => check_value(f, v, prefix, errors),
            _ if f.required => {
                let path = path_join(prefix, f.name);
                errors.push(FieldError {
                    message: format!("{path} is required"),
                    field: path,
                    rule: "required",
                });
            }
            _ => {}
        }
    }
}

/// Checks one given value. Its path (`prefix.name`) is only built when something is wrong
/// or a nested object needs it as a prefix: validation runs on every call.
fn check_value(f: &Node, v: &Value, prefix: &str, errors: &mut Vec<FieldError>) {
    let path = || path_join(prefix, f.name);
    let type_error = |what: &str, errors: &mut Vec<FieldError>| {
        let path = path();
        errors.push(FieldError {
            message: format!("{path} must be {what}"),
            field: path,
            rule: "type",
        });
    };
    match f.kind {
        Kind::String => {
            if !matches!(v, Value::String(_)) {
                type_error(
                    "a string (ids travel as strings: numbers above 2^53 lose digits)",
                    errors,
                );
            }
        }
        Kind::Number => match v.as_i64() {
            Some(n) if n.unsigned_abs() <= MAX_SAFE_INTEGER as u64 => {}
            Some(_) => {
                let path = path();
                errors.push(FieldError {
                    message: format!("{path} must be within ±{MAX_SAFE_INTEGER}"),
                    field: path,
                    rule: "range",
                });
            }
            None => type_error("an integer (amounts are integers, in 分)", errors),
        },
        Kind::Boolean => {
            if !matches!(v, Value::Bool(_)) {
                type_error("true or false", errors);
            }
        }
        Kind::Date => {
            if !v.as_str().is_some_and(is_valid_datetime) {
                let path = path();
                errors.push(FieldError {
                    message: format!("{path} must be a date-time written yyyy-MM-dd HH:mm:ss"),
                    field: path,
                    rule: "date",
                });
            }
        }
        Kind::StringList => match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !matches!(item, Value::String(_)) {
                        let path = format!("{}[{i}]", path());
                        errors.push(FieldError {
                            message: format!("{path} must be a string"),
                            field: path,
                            rule: "type",
                        });
                    }
                }
            }
            _ => type_error("a list of strings", errors),
        },
        Kind::Json => {}
        Kind::Object => match v {
            Value::Object(entries) => check_object(&f.children, entries, &path(), errors),
            _ => type_error(&format!("an object ({})", f.type_name), errors),
        },
        Kind::ObjectList => match v {
            Value::Array(items) => {
                let path = path();
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    match item {
                        Value::Object(entries) => {
                            check_object(&f.children, entries, &item_path, errors)
                        }
                        _ => errors.push(FieldError {
                            message: format!("{item_path} must be an object ({})", f.type_name),
                            field: item_path,
                            rule: "type",
                        }),
                    }
                }
            }
            _ => type_error(&format!("a list of {}", f.type_name), errors),
        },
    }
}

/// Every value at a dotted path, with its concrete path (list items get their index).
fn values_at<'a>(v: &'a Value, path: &str, prefix: String, out: &mut Vec<(String, &'a Value)>) {
    if let Value::Array(items) = v {
        for (i, item) in items.iter().enumerate() {
            values_at(item, path, format!("{prefix}[{i}]"), out);
        }
        return;
    }
    let (head, tail) = match path.split_once('.') {
        Some((h, t)) => (h, Some(t)),
        None => (path, None),
    };
    let Some(child) = v.get(head) else { return };
    let child_path = path_join(&prefix, head);
    match tail {
        Some(t) => values_at(child, t, child_path, out),
        None => out.push((child_path, child)),
    }
}

fn check_rule(rule: &Rule, entries: &[(String, Value)], errors: &mut Vec<FieldError>) {
    let given = |name: &str| lookup(entries, name).is_some_and(|v| !v.is_empty());
    match *rule {
        Rule::AnyOf(names) => {
            if !names.iter().any(|n| given(n)) {
                errors.push(FieldError {
                    field: names.first().copied().unwrap_or_default().to_string(),
                    rule: "any_of",
                    message: format!(
                        "{} cannot all be empty: give at least one",
                        names.join(" / ")
                    ),
                });
            }
        }
        Rule::OneOf(path, choices) => {
            let mut found = Vec::new();
            let (head, tail) = path
                .split_once('.')
                .map_or((path, None), |(h, t)| (h, Some(t)));
            match (lookup(entries, head), tail) {
                (Some(v), None)
                    if v.is_empty() || choices.iter().any(|c| c.value == v.to_param_text()) => {}
                (Some(v), None) => found.push((head.to_string(), v)),
                (Some(v), Some(t)) => values_at(v, t, head.to_string(), &mut found),
                (None, _) => {}
            }
            for (p, v) in found {
                if v.is_empty() {
                    continue;
                }
                let text = v.to_param_text();
                if !choices.iter().any(|c| c.value == text) {
                    let allowed: Vec<String> = choices
                        .iter()
                        .map(|c| format!("{} ({})", c.value, c.en))
                        .collect();
                    errors.push(FieldError {
                        message: format!("{p} must be one of {}; got `{text}`", allowed.join(", ")),
                        field: p,
                        rule: "one_of",
                    });
                }
            }
        }
        Rule::Positive(name) => {
            if let Some(n) = lookup(entries, name).and_then(Value::as_i64) {
                if n <= 0 {
                    errors.push(FieldError {
                        field: name.to_string(),
                        rule: "positive",
                        message: format!("{name} must be greater than 0; got {n}"),
                    });
                }
            }
        }
        Rule::RequiredWhen {
            field,
            when,
            equals,
        } => {
            let condition = lookup(entries, when).is_some_and(|v| v.to_param_text() == equals);
            if condition && !given(field) && !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError {
                    field: field.to_string(),
                    rule: "required_when",
                    message: format!("{field} is required when {when} is {equals}"),
                });
            }
        }
    }
}

/// Validates and encodes a call into TOP business parameters: the wrapper object as compact
/// JSON in declaration order (the exact text signed is the text sent), numbers as numbers.
pub fn encode(op: &Operation, params: &Value) -> Result<Vec<(String, String)>, Error> {
    let parsed = op.parsed()?;
    let shape = &parsed.request;
    let entries = check(op, shape, params).map_err(|errors| {
        Error::from_field_errors(errors).unwrap_or_else(|| {
            Error::new(ErrorCode::Internal, "validation failed without a reason")
        })
    })?;
    match &shape.wrapper {
        Some(w) => {
            let mut text = String::with_capacity(256);
            write_canonical_object(&shape.fields, entries, &mut text);
            Ok(vec![(w.name.to_string(), text)])
        }
        None => Ok(shape
            .fields
            .iter()
            .filter_map(|f| {
                let v = lookup(entries, f.name).filter(|v| !v.is_empty())?;
                let text = match (f.kind, v.as_i64()) {
                    (Kind::Number, Some(n)) => n.to_string(),
                    _ => v.to_param_text(),
                };
                Some((f.name.to_string(), text))
            })
            .collect()),
    }
}

/// Writes the given fields as compact JSON in declaration order, empty ones dropped,
/// integers as JSON numbers (a digit string given for a Number field included).
fn write_canonical_object(fields: &[Node], entries: &[(String, Value)], out: &mut String) {
    out.push('{');
    let mut first = true;
    for f in fields {
        let Some(v) = lookup(entries, f.name).filter(|v| !v.is_empty()) else {
            continue;
        };
        if !first {
            out.push(',');
        }
        first = false;
        json::write_string(f.name, out);
        out.push(':');
        match (f.kind, v) {
            (Kind::Number, _) => match v.as_i64() {
                Some(n) => out.push_str(&n.to_string()),
                None => out.push_str(&v.to_json()),
            },
            (Kind::Object, Value::Object(inner)) => write_canonical_object(&f.children, inner, out),
            (Kind::ObjectList, Value::Array(items)) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    match item {
                        Value::Object(inner) => write_canonical_object(&f.children, inner, out),
                        other => out.push_str(&other.to_json()),
                    }
                }
                out.push(']');
            }
            _ => out.push_str(&v.to_json()),
        }
    }
    out.push('}');
}

/// Types a response's content by the operation's declaration and unwraps the business layer:
/// `biz_success=false` becomes `BIZ_ERROR` with `result_code`, `result_desc`, `result_view`.
/// Returns the normalized `result` envelope (`CommonResult` or `CommonPageResult`).
pub fn decode(op: &Operation, content: Value) -> Result<Value, Error> {
    let parsed = op.parsed()?;
    let Value::Object(entries) = content else {
        return Err(Error::decode(format!(
            "{}: the response is not an object",
            op.method
        )));
    };
    let Some((_, raw)) = entries.into_iter().find(|(k, _)| k == "result") else {
        return Err(Error::decode(format!(
            "{}: the response has no `result`",
            op.method
        )));
    };
    let envelope = match parsed.response.iter().find(|f| f.name == "result") {
        Some(f) => normalize(f, raw),
        None => normalize_untyped(raw),
    };
    if !matches!(envelope, Value::Object(_)) {
        return Err(Error::decode(format!(
            "{}: `result` is not an object",
            op.method
        )));
    }
    if envelope.get("biz_success") == Some(&Value::Bool(false)) {
        return Err(biz_error(&envelope));
    }
    Ok(envelope)
}

fn display_text(v: Option<&Value>) -> Option<String> {
    let s = v?.to_param_text();
    // The documentation's own examples send `""` (two quote characters) for "no message".
    let s = s.trim();
    if s.is_empty() || s == "\"\"" {
        None
    } else {
        Some(s.to_string())
    }
}

fn biz_error(envelope: &Value) -> Error {
    let code = display_text(envelope.get("result_code"));
    let desc = display_text(envelope.get("result_desc"));
    let view = display_text(envelope.get("result_view"));
    let text = view
        .clone()
        .or_else(|| desc.clone())
        .unwrap_or_else(|| "the platform refused the operation".into());
    let mut e = Error::new(
        ErrorCode::BizError,
        format!(
            "business refusal {}: {text}",
            code.as_deref().unwrap_or("?")
        ),
    );
    e.platform_code = code;
    e.sub_msg = desc;
    e.result_view = view;
    e
}

/// Types an untyped value: integers beyond 2^53 and fractions become strings, so JavaScript
/// never sees a lossy number. Used for methods outside the table.
pub fn normalize_untyped(v: Value) -> Value {
    match v {
        Value::Number(n) => number_or_string(n),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize_untyped).collect()),
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, normalize_untyped(v)))
                .collect(),
        ),
        other => other,
    }
}

/// A safe integer stays a number; anything else (beyond 2^53, fractions, exponents) becomes
/// its exact text.
fn number_or_string(lit: String) -> Value {
    match json::parse_integer(&lit) {
        Some(n) if n.unsigned_abs() <= MAX_SAFE_INTEGER as u64 => Value::Number(lit),
        _ => Value::String(lit),
    }
}

fn normalize_object(fields: &[Node], v: Value) -> Value {
    match v {
        Value::Object(entries) => Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let typed = match fields.iter().find(|f| f.name == k) {
                        Some(f) => normalize(f, v),
                        None => normalize_untyped(v),
                    };
                    (k, typed)
                })
                .collect(),
        ),
        other => normalize_untyped(other),
    }
}

/// Strips a list wrapper: `{"voucher_status_info": [...]}` (JSON plain, XML) -> `[...]`; a
/// single XML item arrives as an object or a scalar, not an array.
fn list_items(f: &Node, v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        Value::String(s) if s.is_empty() => Vec::new(),
        Value::Object(mut entries)
            if entries.len() == 1 && entries.first().is_some_and(|(k, _)| f.child(k).is_none()) =>
        {
            match entries.pop().map(|(_, inner)| inner) {
                Some(Value::Array(items)) => items,
                Some(one) => vec![one],
                None => Vec::new(),
            }
        }
        one => vec![one],
    }
}

fn normalize(f: &Node, v: Value) -> Value {
    match (f.kind, v) {
        (_, Value::Null) => Value::Null,
        (Kind::String | Kind::Date, Value::Number(n)) => Value::String(n),
        (Kind::String | Kind::Date, Value::Bool(b)) => Value::String(b.to_string()),
        (Kind::Number, Value::Number(n)) => number_or_string(n),
        (Kind::Number, Value::String(s)) if s.trim().is_empty() => Value::Null,
        (Kind::Number, Value::String(s)) if is_number_literal(s.trim()) => {
            number_or_string(s.trim().to_string())
        }
        (Kind::Boolean, Value::String(s)) if s == "true" || s == "false" => {
            Value::Bool(s == "true")
        }
        // XML writes an empty object as an empty element.
        (Kind::Object | Kind::Json, Value::String(s)) if s.trim().is_empty() => {
            Value::Object(Vec::new())
        }
        (Kind::StringList, v) => Value::Array(
            list_items(f, v)
                .into_iter()
                .map(|item| match item {
                    Value::Number(n) => Value::String(n),
                    other => normalize_untyped(other),
                })
                .collect(),
        ),
        (Kind::Object, v) => normalize_object(&f.children, v),
        (Kind::ObjectList, v) => Value::Array(
            list_items(f, v)
                .into_iter()
                .map(|item| normalize_object(&f.children, item))
                .collect(),
        ),
        (_, other) => normalize_untyped(other),
    }
}

fn is_number_literal(s: &str) -> bool {
    matches!(json::parse(s), Ok(Value::Number(_)))
}

/// Encodes an untyped call: each parameter as text, objects and lists as compact JSON.
pub fn encode_untyped(params: &Value) -> Result<Vec<(String, String)>, Error> {
    let entries = params
        .as_object()
        .ok_or_else(|| Error::invalid("params", "type", "params must be an object"))?;
    Ok(entries
        .iter()
        .map(|(k, v)| (k.clone(), v.to_param_text()))
        .collect())
}
