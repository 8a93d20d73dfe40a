//! `operations()`: what a console needs to build a form for any operation.

use crate::alsc::{Choice, Kind, Node, Operation, Rule, OPERATIONS};
use crate::error::Error;
use crate::json::Value;
use crate::u8::points;

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn choices_value(choices: &[Choice]) -> Value {
    Value::Array(
        choices
            .iter()
            .map(|c| {
                obj(vec![
                    ("value", s(c.value)),
                    ("zh", s(c.zh)),
                    ("en", s(c.en)),
                ])
            })
            .collect(),
    )
}

fn field_value(op: &Operation, path: &str, n: &Node) -> Value {
    let mut entries = vec![
        ("name", s(n.name)),
        ("type", s(&n.doc_type())),
        ("required", Value::Bool(n.required)),
        ("description", s(n.description)),
    ];
    if let Some(choices) = op.choices(path) {
        entries.push(("choices", choices_value(choices)));
    }
    if op
        .rules
        .iter()
        .any(|r| matches!(r, Rule::Positive(p) if *p == path))
    {
        entries.push(("positive", Value::Bool(true)));
    }
    if matches!(n.kind, Kind::Object | Kind::ObjectList) {
        let children = n
            .children
            .iter()
            .map(|c| field_value(op, &format!("{path}.{}", c.name), c))
            .collect();
        entries.push(("fields", Value::Array(children)));
    }
    obj(entries)
}

fn rule_value(rule: &Rule) -> Option<Value> {
    match *rule {
        Rule::AnyOf(names) => Some(obj(vec![
            ("kind", s("any_of")),
            ("fields", Value::Array(names.iter().map(|n| s(n)).collect())),
        ])),
        Rule::RequiredWhen {
            field,
            when,
            equals,
        } => Some(obj(vec![
            ("kind", s("required_when")),
            ("field", s(field)),
            ("when", s(when)),
            ("equals", s(equals)),
        ])),
        Rule::OneOf(..) | Rule::Positive(_) => None,
    }
}

fn operation_value(op: &Operation) -> Result<Value, Error> {
    let shape = op.request_shape()?;
    let fields = shape
        .fields
        .iter()
        .map(|f| field_value(op, f.name, f))
        .collect();
    Ok(obj(vec![
        ("method", s(op.method)),
        ("platform", s("top")),
        ("titleZh", s(op.title_zh)),
        ("titleEn", s(op.title_en)),
        ("docId", Value::Number(op.doc_id.to_string())),
        ("writes", Value::Bool(op.writes)),
        ("paged", Value::Bool(op.paged())),
        ("param", shape.wrapper.map_or(Value::Null, |w| s(w.name))),
        ("fields", Value::Array(fields)),
        (
            "rules",
            Value::Array(op.rules.iter().filter_map(rule_value).collect()),
        ),
    ]))
}

fn points_change_value() -> Value {
    let action_choices: Vec<Choice> = points::ActionType::ALL
        .iter()
        .map(|a| Choice {
            value: a.code_str(),
            zh: a.zh(),
            en: a.en(),
        })
        .collect();
    let fields = points::field_docs()
        .map(|(name, ty, required, zh)| {
            let mut entries = vec![
                ("name", s(name)),
                ("type", s(ty)),
                ("required", Value::Bool(required)),
                ("description", s(zh)),
            ];
            if name == "action_type" {
                entries.push(("choices", choices_value(&action_choices)));
            }
            obj(entries)
        })
        .collect();
    obj(vec![
        ("method", s(points::API)),
        ("platform", s("u8")),
        ("titleZh", s("积分变更")),
        ("titleEn", s("Change points")),
        ("writes", Value::Bool(true)),
        ("paged", Value::Bool(false)),
        ("param", Value::Null),
        ("list", Value::Bool(true)),
        ("maxRecords", Value::Number(points::MAX_RECORDS.to_string())),
        ("fields", Value::Array(fields)),
        (
            "rules",
            Value::Array(vec![obj(vec![
                ("kind", s("required_when")),
                ("field", s("source1")),
                ("when", s("action_type")),
                ("equals", s("16|17")),
            ])]),
        ),
    ])
}

/// Metadata of every known operation: the ALSC family, then U8 `points/change`.
pub fn operations() -> Result<Value, Error> {
    let mut all = OPERATIONS
        .iter()
        .map(operation_value)
        .collect::<Result<Vec<_>, _>>()?;
    all.push(points_change_value());
    Ok(Value::Array(all))
}

/// Validates any known operation: ALSC methods by the table, `points/change` by its rules.
/// Unknown methods have no rules to check.
pub fn validate(method: &str, params: &Value) -> Result<Vec<crate::error::FieldError>, Error> {
    if method == points::API {
        return Ok(points::validate(params));
    }
    match crate::alsc::find(method) {
        Some(op) => crate::alsc::validate(op, params),
        None => Ok(Vec::new()),
    }
}

/// A random idempotency id (UUID v4 text) from 16 bytes the host's randomness gave.
pub fn request_id_from_bytes(mut bytes: [u8; 16]) -> String {
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let hex = crate::hex::upper(&bytes).to_ascii_lowercase();
    let part = |r: core::ops::Range<usize>| hex.get(r).unwrap_or("");
    format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    )
}

/// The one shape every binding answers in: `{"ok":true,"value":...}` or
/// `{"ok":false,"error":{code, message, ...}}`, so no exception crosses the wasm boundary.
pub fn answer(result: Result<Value, Error>) -> String {
    answer_json(result.map(|v| v.to_json()))
}

/// [`answer`] for a value already written as JSON.
pub fn answer_json(result: Result<String, Error>) -> String {
    match result {
        Ok(json) => ["{\"ok\":true,\"value\":", &json, "}"].concat(),
        Err(e) => ["{\"ok\":false,\"error\":", &e.to_value().to_json(), "}"].concat(),
    }
}

/// `operations.d.ts`: each operation's parameter and result types, keyed by method name.
/// Generated from the table; `tests/typescript.rs` fails when the committed file is stale.
pub fn typescript() -> Result<String, Error> {
    let mut out = String::from(
        "// Generated from src/alsc/catalog.rs by `UPDATE_TYPES=1 cargo test --test typescript`. Do not edit.\n\n\
         /** An integer: a number, or a string of digits for values beyond 2^53. */\n\
         export type Int = number | string;\n\
         /** An integer result: a number when it fits in 2^53, else its exact digits as a string. */\n\
         export type Long = number | string;\n\
         /** `yyyy-MM-dd HH:mm:ss`, China time. */\n\
         export type DateTime = string;\n\n\
         export interface CommonResult<T> {\n  biz_success?: boolean;\n  result?: T;\n  result_code?: string;\n  result_desc?: string;\n  result_view?: string;\n}\n\n\
         export interface CommonPageResult<T> {\n  biz_success?: boolean;\n  result_list: T[];\n  current_page?: Long;\n  page_size?: Long;\n  total_size?: Long;\n  has_next_page?: boolean;\n  result_code?: string;\n  result_desc?: string;\n  result_view?: string;\n}\n\n\
         /** Business parameters of each ALSC operation (the fields inside its one wrapper parameter). */\n\
         export interface OperationParams {\n",
    );
    for op in OPERATIONS {
        let shape = op.request_shape()?;
        out.push_str(&format!(
            "  /** {} ({}) */\n  '{}': {{\n",
            op.title_zh, op.title_en, op.method
        ));
        for f in &shape.fields {
            ts_request_field(op, f.name, f, 2, &mut out);
        }
        out.push_str("  };\n");
    }
    out.push_str(
        "}\n\n/** Decoded result of each ALSC operation. */\nexport interface OperationResults {\n",
    );
    let results: Vec<(&Operation, Vec<Node>)> = OPERATIONS
        .iter()
        .map(|op| op.response_fields().map(|f| (op, f)))
        .collect::<Result<_, _>>()?;
    let names = NamedShapes::of(results.iter().flat_map(|(_, fields)| fields.iter()));
    for (op, fields) in &results {
        let envelope = fields.iter().find(|f| f.name == "result");
        let (wrapper, inner) = match envelope {
            Some(e) if op.paged() => (
                "CommonPageResult",
                e.child("result_list").map(|l| names.object(l, 1)),
            ),
            Some(e) => (
                "CommonResult",
                e.child("result").map(|r| names.type_of(r, 1)),
            ),
            None => ("CommonResult", None),
        };
        out.push_str(&format!(
            "  '{}': {wrapper}<{}>;\n",
            op.method,
            inner.unwrap_or_else(|| "unknown".into())
        ));
    }
    out.push_str("}\n");
    for (name, node) in &names.unique {
        out.push_str(&format!(
            "\nexport interface {name} {}\n",
            names.body(&node.children, 0)
        ));
    }
    out.push_str(
        "\n/** Every declared ALSC method. */\nexport type AlscMethod = keyof OperationParams;\n",
    );
    Ok(out)
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn ts_doc(text: &str) -> String {
    text.replace("*/", "* /")
}

fn ts_request_field(op: &Operation, path: &str, n: &Node, depth: usize, out: &mut String) {
    let choices = op.choices(path);
    let ty = match (choices, n.kind) {
        (Some(c), Kind::Number) => c
            .iter()
            .map(|c| c.value.to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        (Some(c), _) => c
            .iter()
            .map(|c| format!("'{}'", c.value))
            .collect::<Vec<_>>()
            .join(" | "),
        (None, Kind::String) => "string".into(),
        (None, Kind::Number) => "Int".into(),
        (None, Kind::Boolean) => "boolean".into(),
        (None, Kind::Date) => "DateTime".into(),
        (None, Kind::StringList) => "string[]".into(),
        (None, Kind::Json) => "unknown".into(),
        (None, Kind::Object | Kind::ObjectList) => {
            let mut inner = String::from("{\n");
            for c in &n.children {
                ts_request_field(op, &format!("{path}.{}", c.name), c, depth + 1, &mut inner);
            }
            inner.push_str(&indent(depth));
            inner.push('}');
            if n.kind == Kind::ObjectList {
                format!("Array<{inner}>")
            } else {
                inner
            }
        }
    };
    if !n.description.is_empty() {
        out.push_str(&format!(
            "{}/** {} */\n",
            indent(depth),
            ts_doc(n.description)
        ));
    }
    // Writes always need their idempotency key, even where the documentation says optional.
    let required = n.required || (op.writes && path == "request_id");
    let optional = if required { "" } else { "?" };
    out.push_str(&format!("{}{}{optional}: {ty};\n", indent(depth), n.name));
}

/// Result object types by their documented name: a name that always has the same fields
/// becomes one interface; a name used for different shapes stays inline where it appears.
struct NamedShapes<'a> {
    unique: std::collections::BTreeMap<&'static str, &'a Node>,
}

impl<'a> NamedShapes<'a> {
    fn of(roots: impl Iterator<Item = &'a Node>) -> Self {
        let mut seen: std::collections::BTreeMap<&'static str, Vec<&'a Node>> = Default::default();
        let mut stack: Vec<&Node> = roots.collect();
        while let Some(n) = stack.pop() {
            if matches!(n.kind, Kind::Object | Kind::ObjectList)
                && !n.type_name.is_empty()
                && !n.type_name.starts_with("Common")
            {
                let shapes = seen.entry(n.type_name).or_default();
                if !shapes.iter().any(|s| s.children == n.children) {
                    shapes.push(n);
                }
            }
            stack.extend(n.children.iter());
        }
        let unique = seen
            .into_iter()
            .filter_map(|(name, shapes)| match shapes.as_slice() {
                [one] => Some((name, *one)),
                _ => None,
            });
        NamedShapes {
            unique: unique.collect(),
        }
    }

    fn type_of(&self, n: &Node, depth: usize) -> String {
        match n.kind {
            Kind::String | Kind::Date => "string".into(),
            Kind::Number => "Long".into(),
            Kind::Boolean => "boolean".into(),
            Kind::StringList => "string[]".into(),
            Kind::Json => "unknown".into(),
            Kind::Object => self.object(n, depth),
            Kind::ObjectList => format!("Array<{}>", self.object(n, depth)),
        }
    }

    fn object(&self, n: &Node, depth: usize) -> String {
        match self.unique.get(n.type_name) {
            Some(named) if named.children == n.children => n.type_name.to_string(),
            _ => self.body(&n.children, depth),
        }
    }

    fn body(&self, fields: &[Node], depth: usize) -> String {
        let mut out = String::from("{\n");
        for f in fields {
            out.push_str(&format!(
                "{}{}?: {};\n",
                indent(depth + 1),
                f.name,
                self.type_of(f, depth + 1)
            ));
        }
        out.push_str(&indent(depth));
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuid_v4() {
        let id = request_id_from_bytes([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(
            request_id_from_bytes([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn metadata_lists_every_operation_with_choices() {
        let Value::Array(all) = operations().unwrap() else {
            panic!()
        };
        assert_eq!(all.len(), OPERATIONS.len() + 1);
        let extra = all
            .iter()
            .find(|o| {
                o.get("method").and_then(Value::as_str)
                    == Some("alibaba.alsc.crm.point.extra.consume")
            })
            .unwrap();
        assert_eq!(
            extra.get("titleEn").and_then(Value::as_str),
            Some("Deduct extra points")
        );
        let Some(Value::Array(fields)) = extra.get("fields") else {
            panic!()
        };
        let channel = fields
            .iter()
            .find(|f| f.get("name").and_then(Value::as_str) == Some("biz_channel"))
            .unwrap();
        assert_eq!(channel.get("required"), Some(&Value::Bool(true)));
        assert!(channel.get("choices").unwrap().to_json().contains("客如云"));
        let points = all.last().unwrap();
        assert!(points.to_json().contains("退货返还抵扣积分"));
    }
}
