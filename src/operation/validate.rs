//! Checks a call against its declaration and rules before anything is signed. Every broken
//! rule is reported, each naming the field's path and the rule.

use std::borrow::Cow;

use super::{path_join, Body, Field, Kind, Operation, Platform, Rule};
use crate::error::{FieldError, RuleName};
use crate::json::{parse_integer, Entry, Value, MAX_SAFE_INTEGER};
use crate::text::{decimal, same, signed_decimal};
use crate::time::is_valid_datetime;

/// Every broken rule of a call; an empty list means it may be signed. `params` is the
/// business object (TOP: itself, or `{ "<wrapper>": {...} }` as the documentation shows
/// it), or the list of records (U8).
pub fn validate(op: &Operation, params: &Value) -> Vec<FieldError> {
    match op.body {
        Body::Records { max } => records(op, params, max).err().unwrap_or_default(),
        Body::Wrapped(_) | Body::Flat => business_object(op, params).err().unwrap_or_default(),
    }
}

/// [`validate`] by method name. A method that is not declared is refused (with the nearest
/// known name in the family): there are no rules to check it against.
pub fn validate_method(method: &str, params: &Value) -> Vec<FieldError> {
    match super::find(method) {
        Some(op) => validate(op, params),
        None => super::undeclared(method).map_or_else(Vec::new, |e| vec![e]),
    }
}

fn error(field: String, rule: RuleName, message: String) -> FieldError {
    FieldError {
        field,
        rule,
        message,
    }
}

/// The business fields of a TOP call if they pass every rule, else every broken rule.
pub(super) fn business_object<'a, 'v>(
    op: &Operation,
    params: &'a Value<'v>,
) -> Result<&'a [Entry<'v>], Vec<FieldError>> {
    let type_error = |field: &str, what: &str| {
        vec![error(
            field.into(),
            RuleName::Type,
            text!(field, " must be ", what),
        )]
    };
    let mut entries = params
        .as_object()
        .ok_or_else(|| type_error("params", "an object"))?;
    if let (Body::Wrapped(name), [(key, inner)]) = (&op.body, entries) {
        if key == name {
            entries = inner
                .as_object()
                .ok_or_else(|| type_error(name, "an object"))?;
        }
    }
    let mut errors = Vec::new();
    check_object(op, op.fields, entries, "", &mut errors);
    if let Some(key) = op.idempotency_key {
        let missing = op.fields.iter().any(|f| f.name == key)
            && lookup(entries, key).is_none_or(Value::is_empty);
        if missing && !errors.iter().any(|e| e.field == key) {
            errors.push(error(
                key.into(),
                RuleName::Required,
                text!(
                    key,
                    " is required: it is the idempotency key that makes a retry safe"
                ),
            ));
        }
    }
    check_rules(op, entries, "", &mut errors);
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The records of a U8 call if every one passes, else every broken rule.
pub(super) fn records<'a, 'v>(
    op: &Operation,
    body: &'a Value<'v>,
    max: usize,
) -> Result<&'a [Value<'v>], Vec<FieldError>> {
    let body_error = |rule, message: String| Err(vec![error("body".into(), rule, message)]);
    let items = match body {
        Value::Array(items) => items,
        Value::Object(_) => {
            return body_error(
                RuleName::Type,
                text!(
                    op.method,
                    " takes an array of records; wrap the record in [ ]"
                ),
            )
        }
        _ => {
            return body_error(
                RuleName::Type,
                text!(op.method, " takes an array of records"),
            )
        }
    };
    if items.is_empty() {
        return body_error(
            RuleName::NonEmpty,
            text!(op.method, " needs at least one record"),
        );
    }
    if items.len() > max {
        return body_error(
            RuleName::MaxRecords,
            text!(
                op.method,
                " carries at most ",
                decimal(max as u64),
                " records per call; got ",
                decimal(items.len() as u64),
                ": split the batch"
            ),
        );
    }
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = text!("[", decimal(i as u64), "]");
        match item.as_object() {
            Some(entries) => {
                check_object(op, op.fields, entries, &prefix, &mut errors);
                check_rules(op, entries, &prefix, &mut errors);
            }
            None => errors.push(error(
                prefix.clone(),
                RuleName::Type,
                text!("record ", prefix, " must be an object"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

#[inline(always)]
pub(super) fn lookup<'a, 'v>(entries: &'a [Entry<'v>], key: &str) -> Option<&'a Value<'v>> {
    entries.iter().find(|(k, _)| same(k, key)).map(|(_, v)| v)
}

/// Given and not empty. U8 reads a blank string as not given.
pub(super) fn given(platform: Platform, v: &Value) -> bool {
    match (platform, v) {
        (Platform::U8, Value::String(s)) => !s.trim().is_empty(),
        _ => !v.is_empty(),
    }
}

fn check_object(
    op: &Operation,
    fields: &[Field],
    entries: &[Entry<'_>],
    prefix: &str,
    errors: &mut Vec<FieldError>,
) {
    // Unknown keys are reported one by one up to the number of declared fields (at least 8),
    // then counted: a body of 100,000 made-up keys costs no more than a few.
    let most = fields.len().max(8);
    let mut unknown = 0;
    for (key, _) in entries {
        if fields.iter().any(|f| same(f.name, key)) {
            continue;
        }
        unknown += 1;
        if unknown > most {
            continue;
        }
        // A very long key is named by its start, not copied whole into every message.
        let shown = if key.len() > 80 {
            crate::error::excerpt(key)
        } else {
            key.to_string()
        };
        let path = path_join(prefix, &shown);
        let mut message = text!("`", path, "` is not a field of ", op.method);
        if let Some(hint) = crate::hint::did_you_mean(key, fields.iter().map(|f| f.name)) {
            message.push_str(&text!("; did you mean `", hint, "`?"));
        }
        errors.push(error(path, RuleName::Unknown, message));
    }
    if unknown > most {
        let path = if prefix.is_empty() { "params" } else { prefix };
        errors.push(error(
            path.to_string(),
            RuleName::Unknown,
            text!(
                decimal((unknown - most) as u64),
                " more fields that ",
                op.method,
                " does not have"
            ),
        ));
    }
    for f in fields {
        match lookup(entries, f.name) {
            Some(v) if given(op.platform, v) => check_value(op, f, v, prefix, errors),
            _ if f.required => {
                let path = path_join(prefix, f.name);
                errors.push(error(
                    path.clone(),
                    RuleName::Required,
                    text!(path, " is required"),
                ));
            }
            _ => {}
        }
    }
}

/// A scalar's text as U8 reads it: a string (trimmed) or a number's literal.
pub(super) fn scalar_text<'a>(v: &'a Value<'_>) -> Option<&'a str> {
    match v {
        Value::String(s) => Some(s.trim()),
        Value::Number(n) => Some(n),
        _ => None,
    }
}

/// `12`, `12.5`, `12.50`: no sign, no exponent, at most two decimals.
fn is_decimal(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(s.contains('.') && frac.is_empty())
}

/// Checks one given value. Its path is only built when something is wrong or a nested
/// object needs it as a prefix: validation runs on every call.
fn check_value(op: &Operation, f: &Field, v: &Value, prefix: &str, errors: &mut Vec<FieldError>) {
    let path = || path_join(prefix, f.name);
    let mut fail = |rule: RuleName, what: String| {
        let path = path();
        errors.push(error(path.clone(), rule, text!(path, " must be ", what)));
    };
    let u8 = op.platform == Platform::U8;
    let most = f.max_length();
    if long(v, most) {
        return fail(RuleName::MaxLength, at_most(most));
    }
    match f.kind {
        Kind::String if u8 => {
            if scalar_text(v).is_none() {
                fail(RuleName::Type, "a string or a number".into());
            }
        }
        Kind::String => {
            if !matches!(v, Value::String(_)) {
                fail(
                    RuleName::Type,
                    "a string (ids travel as strings: numbers above 2^53 lose digits)".into(),
                );
            }
        }
        Kind::Number => {
            let n = if u8 {
                scalar_text(v).and_then(parse_integer)
            } else {
                v.as_i64()
            };
            match n {
                Some(n) if n.unsigned_abs() <= MAX_SAFE_INTEGER as u64 => {}
                Some(_) => fail(
                    RuleName::Range,
                    text!("within ±", decimal(MAX_SAFE_INTEGER as u64)),
                ),
                None if u8 => fail(
                    RuleName::Integer,
                    text!("a whole number; got `", v.to_param_text(), "`"),
                ),
                None => fail(RuleName::Type, "an integer".into()),
            }
        }
        Kind::Money | Kind::Decimal => {
            if matches!(v, Value::Number(n) if parse_integer(n).is_none()) {
                fail(RuleName::Decimal, "a decimal string like \"12.50\", not a floating-point number (floats lose cents)".into());
            } else if !scalar_text(v).is_some_and(is_decimal) {
                fail(
                    RuleName::Decimal,
                    text!(
                        "a non-negative decimal with at most two decimals, like \"12.50\"; got `",
                        v.to_param_text(),
                        "`"
                    ),
                );
            }
        }
        Kind::Boolean => {
            if !matches!(v, Value::Bool(_)) {
                fail(RuleName::Type, "true or false".into());
            }
        }
        Kind::Date => {
            if !v.as_str().is_some_and(is_valid_datetime) {
                fail(
                    RuleName::Date,
                    "a date-time written yyyy-MM-dd HH:mm:ss".into(),
                );
            }
        }
        Kind::StringList => match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let rule = match item {
                        Value::String(_) if long(item, most) => RuleName::MaxLength,
                        Value::String(_) => continue,
                        _ => RuleName::Type,
                    };
                    let path = text!(path(), "[", decimal(i as u64), "]");
                    errors.push(error(
                        path.clone(),
                        rule,
                        text!(path, " must be a string ", at_most(most)),
                    ));
                }
            }
            _ => fail(RuleName::Type, "a list of strings".into()),
        },
        Kind::Json => {}
        Kind::Object => match v {
            Value::Object(entries) => check_object(op, f.fields(), entries, &path(), errors),
            _ => fail(RuleName::Type, "an object".into()),
        },
        Kind::ObjectList => match v {
            Value::Array(items) => {
                let path = path();
                for (i, item) in items.iter().enumerate() {
                    let item_path = text!(path, "[", decimal(i as u64), "]");
                    match item {
                        Value::Object(entries) => {
                            check_object(op, f.fields(), entries, &item_path, errors)
                        }
                        _ => errors.push(error(
                            item_path.clone(),
                            RuleName::Type,
                            text!(item_path, " must be an object"),
                        )),
                    }
                }
            }
            _ => fail(RuleName::Type, "a list of objects".into()),
        },
    }
}

/// A string (or a number's literal) of more than `most` characters; a short one is not walked.
fn long(v: &Value, most: usize) -> bool {
    scalar_text(v).is_some_and(|s| s.len() > most && s.chars().count() > most)
}

fn at_most(most: usize) -> String {
    text!("at most ", decimal(most as u64), " characters long")
}

/// Every value at a dotted path, with its concrete path (list items get their index).
fn values_at<'a, 'v>(
    v: &'a Value<'v>,
    path: &str,
    prefix: String,
    out: &mut Vec<(String, &'a Value<'v>)>,
) {
    if let Value::Array(items) = v {
        for (i, item) in items.iter().enumerate() {
            values_at(item, path, text!(prefix, "[", decimal(i as u64), "]"), out);
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

/// A scalar as the text it is compared and sent as (`5` and `"5"` alike), borrowed where it
/// can be: the rules run on every call.
fn text_of<'v>(platform: Platform, v: &'v Value<'_>) -> Cow<'v, str> {
    match v {
        Value::String(s) if platform == Platform::U8 => Cow::Borrowed(s.trim()),
        Value::String(s) | Value::Number(s) => Cow::Borrowed(s),
        _ => Cow::Owned(v.to_param_text()),
    }
}

fn check_rules(op: &Operation, entries: &[Entry<'_>], prefix: &str, errors: &mut Vec<FieldError>) {
    let is_given = |name: &str| lookup(entries, name).is_some_and(|v| given(op.platform, v));
    let number = |name: &str| {
        lookup(entries, name)
            .and_then(|v| scalar_text(v))
            .and_then(parse_integer)
    };
    for rule in op.rules {
        match *rule {
            Rule::AnyOf(names) => {
                if !names.iter().any(|n| is_given(n)) {
                    let first = names.first().copied().unwrap_or_default();
                    let mut message = String::new();
                    for (i, n) in names.iter().enumerate() {
                        if i > 0 {
                            message.push_str(" / ");
                        }
                        message.push_str(n);
                    }
                    message.push_str(" cannot all be empty: give at least one");
                    errors.push(error(path_join(prefix, first), RuleName::AnyOf, message));
                }
            }
            Rule::OneOf(path, choices) => {
                let Some(root) = lookup(entries, path.split('.').next().unwrap_or(path)) else {
                    continue;
                };
                let allowed = |v: &Value| {
                    if !given(op.platform, v) {
                        return true;
                    }
                    let text = text_of(op.platform, v);
                    choices.iter().any(|c| c.value == text)
                };
                // Paths are built for the values that break the rule only.
                let mut found = Vec::new();
                match path.split_once('.') {
                    Some((head, tail)) => {
                        values_at(root, tail, path_join(prefix, head), &mut found)
                    }
                    None if allowed(root) => {}
                    None => found.push((path_join(prefix, path), root)),
                }
                for (p, v) in found {
                    if !allowed(v) {
                        let text = text_of(op.platform, v);
                        let mut message = text!(p, " must be one of ");
                        for (i, c) in choices.iter().enumerate() {
                            if i > 0 {
                                message.push_str(", ");
                            }
                            message.push_str(c.value);
                            message.push_str(" (");
                            message.push_str(c.en);
                            message.push(')');
                        }
                        message.push_str("; got `");
                        message.push_str(&text);
                        message.push('`');
                        errors.push(error(p, RuleName::OneOf, message));
                    }
                }
            }
            Rule::Positive(name) => {
                if let Some(n) = number(name).filter(|n| *n <= 0) {
                    let path = path_join(prefix, name);
                    errors.push(error(
                        path.clone(),
                        RuleName::Positive,
                        text!(path, " must be greater than 0; got ", signed_decimal(n)),
                    ));
                }
            }
            Rule::NonNegative(name) => {
                if let Some(n) = number(name).filter(|n| *n < 0) {
                    let path = path_join(prefix, name);
                    errors.push(error(
                        path.clone(),
                        RuleName::NonNegative,
                        text!(path, " must not be negative; got ", signed_decimal(n)),
                    ));
                }
            }
            Rule::RequiredWhen {
                field,
                when,
                values,
            } => {
                let Some(now) = lookup(entries, when).map(|v| text_of(op.platform, v)) else {
                    continue;
                };
                let path = path_join(prefix, field);
                if values.contains(&now.as_ref())
                    && !is_given(field)
                    && !errors.iter().any(|e| e.field == path)
                {
                    errors.push(error(
                        path.clone(),
                        RuleName::RequiredWhen,
                        text!(path, " is required when ", when, " is ", now),
                    ));
                }
            }
        }
    }
}
