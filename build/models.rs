//! Typed Rust models (`$OUT_DIR/models.rs`, the `models` feature): one module per operation
//! with its request and result structs (`serde` derive), and `$OUT_DIR/model_list.rs`, every
//! request type by method, for the test that checks each against the table-driven path.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::spec::{Body, Field, Kind, Operation, Spec};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct",
    "super", "trait", "true", "try", "type", "typeof", "unsafe", "use", "where", "while", "yield",
];

fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// `alibaba.alsc.crm.point.extra.consume` -> `point_extra_consume`; `points/change` -> `u8_points_change`.
pub fn module(op: &Operation) -> String {
    match op.method.strip_prefix("alibaba.alsc.crm.") {
        Some(rest) => rest.replace('.', "_"),
        None => format!("u8_{}", op.method.replace(['/', '.'], "_")),
    }
}

fn doc(text: &str) -> String {
    text.replace('\n', " ")
}

/// The structs of one module, by name; a name used for two shapes gets a number.
struct Structs {
    out: String,
    shapes: BTreeMap<String, Vec<Field>>,
}

impl Structs {
    fn name_for(&mut self, f: &Field, request: bool) -> String {
        let base = if f.type_name.is_empty() {
            "Item".to_string()
        } else {
            f.type_name.clone()
        };
        let mut name = base.clone();
        let mut n = 1;
        loop {
            match self.shapes.get(&name) {
                Some(children) if *children == f.children => return name,
                Some(_) => {
                    n += 1;
                    name = format!("{base}{n}");
                }
                None => break,
            }
        }
        self.shapes.insert(name.clone(), f.children.clone());
        self.write(&name, &f.description, &f.children, request);
        name
    }

    fn ty(&mut self, f: &Field, request: bool) -> String {
        match f.kind {
            Kind::String | Kind::Date | Kind::Money | Kind::Decimal => "String".into(),
            Kind::Number if request => "i64".into(),
            Kind::Number => "crate::models::Long".into(),
            Kind::Boolean => "bool".into(),
            Kind::StringList => "Vec<String>".into(),
            Kind::Json => "serde_json::Value".into(),
            Kind::Object => self.name_for(f, request),
            Kind::ObjectList => format!("Vec<{}>", self.name_for(f, request)),
        }
    }

    /// A request struct sends what is set and refuses unknown keys; a result struct reads
    /// every field as optional and ignores what it does not know.
    fn write(&mut self, name: &str, description: &str, fields: &[Field], request: bool) {
        let mut body = String::new();
        for f in fields {
            let ty = self.ty(f, request);
            if !f.description.is_empty() {
                let _ = writeln!(body, "    /// {}", doc(&f.description));
            }
            let rename = if ident(&f.name) != f.name {
                format!("#[serde(rename = {:?})] ", f.name)
            } else {
                String::new()
            };
            if request && f.required {
                let _ = writeln!(body, "    {rename}pub {}: {ty},", ident(&f.name));
            } else {
                let _ = writeln!(
                    body,
                    "    {rename}#[serde(default, skip_serializing_if = \"Option::is_none\")]\n    pub {}: Option<{ty}>,",
                    ident(&f.name)
                );
            }
        }
        let deny = if request {
            "\n#[serde(deny_unknown_fields)]"
        } else {
            ""
        };
        let summary = if description.is_empty() {
            String::new()
        } else {
            format!("/// {}\n", doc(description))
        };
        let _ = write!(
            self.out,
            "{summary}#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]{deny}\n#[allow(non_snake_case)]\npub struct {name} {{\n{body}}}\n\n"
        );
    }
}

fn placeholder() -> Field {
    Field {
        name: String::new(),
        kind: Kind::Json,
        type_name: String::new(),
        required: false,
        description: String::new(),
        children: Vec::new(),
        max_length: None,
    }
}

fn operation(op: &Operation) -> String {
    let mut requests = Structs {
        out: String::new(),
        shapes: BTreeMap::new(),
    };
    let request = match &op.body {
        Body::Records { type_name, .. } => {
            let record = Field {
                name: String::new(),
                kind: Kind::Object,
                type_name: type_name.clone(),
                required: true,
                description: String::new(),
                children: op.fields.clone(),
                max_length: None,
            };
            let item = requests.name_for(&record, true);
            let _ = write!(requests.out, "/// The body: a list of records.\n#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]\n#[serde(transparent)]\npub struct Request(pub Vec<{item}>);\n\n");
            "Request".to_string()
        }
        Body::Wrapped { description, .. } => {
            let wrapper = Field {
                name: String::new(),
                kind: Kind::Object,
                type_name: "Request".into(),
                required: true,
                description: description.clone(),
                children: op.fields.clone(),
                max_length: None,
            };
            requests.name_for(&wrapper, true)
        }
        Body::Flat => {
            requests.write("Request", "", &op.fields, true);
            "Request".to_string()
        }
    };
    // Result types live beside request types but read differently: a name both use gets a
    // number on the result side (no request shape matches an empty placeholder list).
    let taken = requests
        .shapes
        .keys()
        .map(|k| (k.clone(), vec![placeholder()]))
        .collect();
    let mut results = Structs {
        out: String::new(),
        shapes: taken,
    };
    // TOP answers decode to their `result` envelope; U8 to `{ data, errmsg }`.
    match op
        .response
        .iter()
        .find(|f| f.name == "result" && f.kind == Kind::Object)
    {
        Some(envelope) => {
            let name = results.name_for(envelope, false);
            let _ = write!(
                results.out,
                "/// The decoded answer: the `result` envelope.\npub type Answer = {name};\n\n"
            );
        }
        None => results.write("Answer", "The decoded answer.", &op.response, false),
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// {} ({}): `{}`.\npub mod {} {{\n",
        op.title_zh,
        op.title_en,
        op.method,
        module(op)
    );
    for part in [&requests.out, &results.out] {
        for line in part.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let _ = writeln!(
        out,
        "    impl crate::models::Request for {request} {{\n        const METHOD: &'static str = {:?};\n        type Answer = Answer;\n    }}\n}}\n",
        op.method
    );
    out
}

pub fn write(spec: &Spec) -> (String, String) {
    let mut models = String::from("// Generated by build.rs from spec/. Do not edit.\n\n");
    let mut list = String::from("[\n");
    for op in &spec.operations {
        models.push_str(&operation(op));
        let _ = writeln!(
            list,
            "    ({:?}, round_trip::<loyalty_sdk::models::{}::Request> as fn(&str) -> String),",
            op.method,
            module(op)
        );
    }
    list.push(']');
    (models, list)
}
