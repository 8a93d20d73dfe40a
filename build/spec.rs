//! Reads the vendored definitions (`spec/alsc-crm/*.json`, `spec/u8/*.json`), the reviewed
//! overlay (`spec/overlay.json`) and the fields' labels (`spec/labels.json`) into one checked
//! model. Everything the build writes comes
//! from here; anything malformed stops the build with the file, the API and the field.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

// The core's own declaration of a field's type.
#[path = "../src/operation/kind.rs"]
mod kind;
pub use kind::Kind;

/// One parameter as the platform publishes it.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Param {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    sub_params: Option<Vec<Param>>,
}

/// One published API definition.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Definition {
    name: String,
    api_chinese_name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    id: Option<u32>,
    request_params: Vec<Param>,
    response_params: Vec<Param>,
}

#[derive(Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub zh: String,
    pub en: String,
}

/// A rule as the overlay writes it: exactly one of the rule keys, and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    any_of: Option<Vec<String>>,
    one_of: Option<String>,
    choices: Option<String>,
    positive: Option<String>,
    non_negative: Option<String>,
    required_when: Option<String>,
    when: Option<String>,
    #[serde(rename = "in")]
    values: Option<Vec<String>>,
    max_length: Option<String>,
    at_most: Option<usize>,
    why: String,
}

/// A correction where the documents contradict themselves.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Correction {
    /// A request field (path inside the business object) ...
    field: Option<String>,
    /// ... or a response field (path inside the answer's content).
    result: Option<String>,
    /// A top-level response field the definition lists twice, identically.
    duplicate: Option<String>,
    required: Option<bool>,
    #[serde(rename = "type")]
    ty: Option<String>,
    why: String,
}

/// A description that reads like "one of two" but states no rule, and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotARule {
    field: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayOperation {
    title_en: String,
    #[serde(default)]
    rules: Vec<RuleEntry>,
    #[serde(default)]
    corrections: Vec<Correction>,
    #[serde(default)]
    not_rules: Vec<NotARule>,
    #[serde(default)]
    points: Vec<String>,
    #[serde(default)]
    value: Vec<String>,
    #[serde(default)]
    scale: BTreeMap<String, String>,
    order_id: Option<String>,
    idempotency_key: Option<String>,
    max_records: Option<usize>,
    #[serde(default)]
    vouchers: Vec<String>,
    #[serde(default)]
    voucher_faces: Vec<VoucherFaces>,
    reverses: Option<Reverses>,
    manual: Option<Manual>,
    #[serde(default)]
    permissions: Vec<Permission>,
    unbounded: Option<Unbounded>,
}

/// Where an answer gives vouchers' face values (in 分): a list, and each item's id and amount.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct VoucherFaces {
    pub list: String,
    pub id: String,
    pub amount: String,
    pub why: String,
}

/// The order a reversal reverses, and what it gives back of it.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Reverses {
    /// The field naming the original order.
    pub order: String,
    /// The operations whose orders it reverses.
    pub of: Vec<String>,
    /// What it gives back of the order's recorded effect: `points`, `value`, `vouchers`.
    pub returns: Vec<String>,
    /// A kind bounded by a field of the call when that field is given (else the whole order's).
    #[serde(default)]
    pub partial: BTreeMap<String, String>,
    /// Only when this field has one of `values` (`operate_type` 4).
    pub when: Option<String>,
    #[serde(rename = "in", default)]
    pub values: Vec<String>,
    pub why: String,
}

/// An adjustment by hand: the field that must say why.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Manual {
    pub reason: String,
    pub why: String,
}

/// A permission of its own, needed when a field has one of these values.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    pub name: String,
    pub when: String,
    #[serde(rename = "in")]
    pub values: Vec<String>,
    pub why: String,
}

/// A call whose effect the request does not bound, and why.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Unbounded {
    pub why: String,
}

/// Operations are read one by one, so an error names the operation it is in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    choices: BTreeMap<String, Vec<Choice>>,
    /// The most characters any string field may hold where the documents give no tighter cap.
    max_text: usize,
    operations: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub kind: Kind,
    /// The documented object type (`DedutOpenReq`), empty for scalars.
    pub type_name: String,
    pub required: bool,
    pub description: String,
    pub children: Vec<Field>,
    /// The most characters, where the documents say (a `max_length` rule of the overlay).
    pub max_length: Option<usize>,
}

impl Field {
    /// The type as the documentation writes it (`String`, `DedutOpenReq[]`, ...).
    pub fn doc_type(&self) -> String {
        match self.kind {
            Kind::Object => self.type_name.clone(),
            Kind::ObjectList => format!("{}[]", self.type_name),
            Kind::StringList => "String[]".into(),
            k => k.name().into(),
        }
    }

    pub fn child(&self, name: &str) -> Option<&Field> {
        self.children.iter().find(|c| c.name == name)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Top,
    U8,
}

/// How the fields travel.
pub enum Body {
    /// TOP: inside one parameter, an object sent as compact JSON.
    Wrapped { name: String, description: String },
    /// TOP: each field is its own parameter.
    Flat,
    /// U8: the body is a JSON array of records.
    Records { type_name: String, max: usize },
}

pub enum Rule {
    AnyOf(Vec<String>),
    OneOf(String, String),
    Positive(String),
    NonNegative(String),
    RequiredWhen {
        field: String,
        when: String,
        values: Vec<String>,
    },
    /// A string field at most this many characters long, where the documents say so: kept on
    /// the field (`Field::max_length`), not among the rules.
    MaxLength(String, usize),
}

pub struct Operation {
    pub method: String,
    pub platform: Platform,
    pub title_zh: String,
    pub title_en: String,
    /// The API's own description.
    pub description: String,
    pub doc_id: Option<u32>,
    pub body: Body,
    /// The fields a caller fills in (inside the wrapper, or of each record).
    pub fields: Vec<Field>,
    pub response: Vec<Field>,
    pub rules: Vec<Rule>,
    /// The field whose value makes a retry safe (`request_id`; U8 `source_code`), if any.
    pub idempotency_key: Option<String>,
    pub points: Vec<String>,
    pub value: Vec<String>,
    pub scale: BTreeMap<String, String>,
    pub order_id: Option<String>,
    pub paged: bool,
    /// Fields that count vouchers (a list: its length; a number: its value).
    pub vouchers: Vec<String>,
    pub voucher_faces: Vec<VoucherFaces>,
    pub reverses: Option<Reverses>,
    pub manual: Option<Manual>,
    pub permissions: Vec<Permission>,
    pub unbounded: Option<Unbounded>,
}

impl Operation {
    pub fn writes(&self) -> bool {
        self.idempotency_key.is_some()
    }

    /// The documented values of the field at `path`, if a `one_of` rule lists them.
    pub fn choices<'a>(&self, spec: &'a Spec, path: &str) -> Option<&'a [Choice]> {
        self.rules.iter().find_map(|r| match r {
            Rule::OneOf(p, set) if p == path => spec.choices.get(set).map(Vec::as_slice),
            _ => None,
        })
    }

    pub fn is_positive(&self, path: &str) -> bool {
        self.rules
            .iter()
            .any(|r| matches!(r, Rule::Positive(p) | Rule::NonNegative(p) if p == path))
    }
}

fn find_path<'a>(fields: &'a [Field], path: &str) -> Option<&'a Field> {
    let (head, tail) = match path.split_once('.') {
        Some((h, t)) => (h, Some(t)),
        None => (path, None),
    };
    let f = fields.iter().find(|f| f.name == head)?;
    match tail {
        Some(t) => find_path(&f.children, t),
        None => Some(f),
    }
}

fn find_path_mut<'a>(fields: &'a mut [Field], path: &str) -> Option<&'a mut Field> {
    let (head, tail) = match path.split_once('.') {
        Some((h, t)) => (h, Some(t)),
        None => (path, None),
    };
    let f = fields.iter_mut().find(|f| f.name == head)?;
    match tail {
        Some(t) => find_path_mut(&mut f.children, t),
        None => Some(f),
    }
}

/// A field's name for people, in Chinese and English, as messages and forms show it.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

pub struct Spec {
    pub choices: BTreeMap<String, Vec<Choice>>,
    pub max_text: usize,
    pub operations: Vec<Operation>,
    /// By field name: every field a caller fills in has one.
    pub labels: BTreeMap<String, Label>,
}

impl Spec {
    /// Whether every field that takes the choice set `name` is a `Number` (its constants are
    /// then numbers).
    pub fn choice_set_is_numeric(&self, name: &str) -> bool {
        let mut kinds = self.operations.iter().flat_map(|op| {
            op.rules.iter().filter_map(move |r| match r {
                Rule::OneOf(path, set) if set == name => {
                    find_path(&op.fields, path).map(|f| f.kind)
                }
                _ => None,
            })
        });
        let first = kinds.next();
        first == Some(Kind::Number) && kinds.all(|k| k == Kind::Number)
    }
}

type Result<T> = std::result::Result<T, String>;

fn field(p: &Param, at: &str) -> Result<Field> {
    let at = format!("{at}.{}", p.name);
    if p.name.is_empty()
        || !p
            .name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Err(format!("{at}: `{}` is not a field name", p.name));
    }
    let (kind, type_name, children) = match (&p.sub_params, Kind::scalar(&p.ty)) {
        (None, Some(kind)) => (kind, String::new(), Vec::new()),
        (Some(subs), None) => {
            let (list, name) = match p.ty.strip_suffix("[]") {
                Some(n) => (true, n),
                None => (false, p.ty.as_str()),
            };
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(format!("{at}: `{}` is not an object type name", p.ty));
            }
            let children = subs
                .iter()
                .map(|s| field(s, &at))
                .collect::<Result<Vec<_>>>()?;
            let kind = if list { Kind::ObjectList } else { Kind::Object };
            (kind, name.to_string(), children)
        }
        (None, None) => return Err(format!("{at}: unknown type `{}`", p.ty)),
        (Some(_), Some(_)) => return Err(format!("{at}: a {} cannot have subParams", p.ty)),
    };
    let mut seen = std::collections::BTreeSet::new();
    for c in &children {
        if !seen.insert(&c.name) {
            return Err(format!("{at}.{}: listed twice", c.name));
        }
    }
    Ok(Field {
        name: p.name.clone(),
        kind,
        type_name,
        required: p.required,
        description: p.description.clone(),
        children,
        max_length: None,
    })
}

/// Top-level fields; an identical repeat is dropped only where the overlay says so.
fn top_fields(params: &[Param], at: &str, duplicates: &[String]) -> Result<Vec<Field>> {
    let mut out: Vec<Field> = Vec::new();
    for p in params {
        let f = field(p, at)?;
        match out.iter().find(|o| o.name == f.name) {
            Some(o) if *o == f && duplicates.contains(&f.name) => {}
            Some(_) => return Err(format!("{at}.{}: listed twice", f.name)),
            None => out.push(f),
        }
    }
    Ok(out)
}

fn read_definition(path: &Path) -> Result<Definition> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn definitions(dir: &Path) -> Result<Vec<(std::path::PathBuf, Definition)>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| read_definition(&p).map(|d| (p, d)))
        .collect()
}

fn rule(entry: RuleEntry, at: &str) -> Result<Rule> {
    if entry.why.trim().is_empty() {
        return Err(format!("{at}: every rule says why"));
    }
    let rule = match entry {
        RuleEntry {
            any_of: Some(names),
            ..
        } if names.len() >= 2 => Rule::AnyOf(names),
        RuleEntry {
            one_of: Some(path),
            choices: Some(set),
            ..
        } => Rule::OneOf(path, set),
        RuleEntry {
            positive: Some(path),
            ..
        } => Rule::Positive(path),
        RuleEntry {
            non_negative: Some(path),
            ..
        } => Rule::NonNegative(path),
        RuleEntry {
            required_when: Some(field),
            when: Some(when),
            values: Some(values),
            ..
        } if !values.is_empty() => Rule::RequiredWhen {
            field,
            when,
            values,
        },
        RuleEntry {
            max_length: Some(path),
            at_most: Some(n),
            ..
        } if n > 0 && n <= usize::from(u16::MAX) => Rule::MaxLength(path, n),
        _ => return Err(format!("{at}: a rule is one of any_of (2+ fields), one_of + choices, positive, non_negative, required_when + when + in, max_length + at_most")),
    };
    Ok(rule)
}

fn operation(
    def: Definition,
    platform: Platform,
    overlay: OverlayOperation,
    choices: &BTreeMap<String, Vec<Choice>>,
) -> Result<Operation> {
    let at = def.name.clone();
    let duplicates: Vec<String> = overlay
        .corrections
        .iter()
        .filter_map(|c| c.duplicate.clone())
        .collect();
    let request = top_fields(&def.request_params, &format!("{at}: request"), &[])?;
    let mut response = top_fields(
        &def.response_params,
        &format!("{at}: response"),
        &duplicates,
    )?;
    let (body, mut fields) = match (platform, request.as_slice()) {
        (Platform::U8, [list]) if list.kind == Kind::ObjectList => (
            Body::Records {
                type_name: list.type_name.clone(),
                max: overlay
                    .max_records
                    .ok_or_else(|| format!("{at}: a list body needs max_records"))?,
            },
            list.children.clone(),
        ),
        (Platform::U8, _) => return Err(format!("{at}: a U8 body is one list of records")),
        (Platform::Top, [wrapper]) if wrapper.kind == Kind::Object => (
            Body::Wrapped {
                name: wrapper.name.clone(),
                description: wrapper.description.clone(),
            },
            wrapper.children.clone(),
        ),
        (Platform::Top, _) => (Body::Flat, request),
    };
    for c in overlay.corrections {
        if c.why.trim().is_empty() {
            return Err(format!("{at}: every correction says why"));
        }
        let target = match (&c.field, &c.result, &c.duplicate) {
            (Some(p), None, None) => find_path_mut(&mut fields, p),
            (None, Some(p), None) => find_path_mut(&mut response, p),
            (None, None, Some(_)) => continue,
            _ => {
                return Err(format!(
                    "{at}: a correction names one field, result or duplicate"
                ))
            }
        };
        let path = c.field.or(c.result).unwrap_or_default();
        let f = target.ok_or_else(|| format!("{at}: correction of `{path}`: no such field"))?;
        if let Some(r) = c.required {
            f.required = r;
        }
        if let Some(t) = c.ty {
            f.kind = Kind::scalar(&t)
                .filter(|_| !f.kind.is_object())
                .ok_or_else(|| format!("{at}: correction of `{path}`: cannot retype as `{t}`"))?;
        }
    }
    let rules = overlay
        .rules
        .into_iter()
        .map(|r| rule(r, &at))
        .collect::<Result<Vec<_>>>()?;
    let known = |path: &str| find_path(&fields, path).is_some();
    for r in &rules {
        let paths: Vec<&str> = match r {
            Rule::AnyOf(names) => names.iter().map(String::as_str).collect(),
            Rule::OneOf(p, set) => {
                if !choices.contains_key(set) {
                    return Err(format!("{at}: one_of `{p}`: no choice set `{set}`"));
                }
                vec![p]
            }
            Rule::Positive(p) | Rule::NonNegative(p) => vec![p],
            Rule::RequiredWhen { field, when, .. } => vec![field, when],
            Rule::MaxLength(p, _) => {
                if find_path(&fields, p).map(|f| f.kind) != Some(Kind::String) {
                    return Err(format!("{at}: max_length `{p}` is not a String field"));
                }
                vec![p]
            }
        };
        for p in paths {
            if !known(p) {
                return Err(format!("{at}: a rule names `{p}`, which is not a field"));
            }
        }
    }
    for p in overlay.points.iter().chain(&overlay.value) {
        match find_path(&fields, p).map(|f| f.kind) {
            // A list of amounts (voucher_point_list) moves their sum.
            Some(Kind::Number | Kind::Money | Kind::StringList) => {}
            _ => {
                return Err(format!(
                    "{at}: amount `{p}` is not a Number, Money or String[] field"
                ))
            }
        }
    }
    for p in &overlay.vouchers {
        match find_path(&fields, p).map(|f| f.kind) {
            Some(Kind::Number | Kind::StringList) => {}
            _ => {
                return Err(format!(
                    "{at}: vouchers `{p}` is not a Number or String[] field"
                ))
            }
        }
    }
    // Paths inside what a call answers: the `result` of a TOP answer.
    for f in &overlay.voucher_faces {
        let list = find_path(&response, &format!("result.{}", f.list));
        let item = |name: &str| list.and_then(|l| l.child(name)).is_some();
        if list.map(|l| l.kind) != Some(Kind::ObjectList)
            || !item(&f.id)
            || !item(&f.amount)
            || f.why.trim().is_empty()
        {
            return Err(format!(
                "{at}: voucher_faces `{}`: a list of the answer, with `{}` and `{}` in each item",
                f.list, f.id, f.amount
            ));
        }
    }
    if let Some(r) = &overlay.reverses {
        let kinds_ok = r
            .returns
            .iter()
            .chain(r.partial.keys())
            .all(|k| ["points", "value", "vouchers"].contains(&k.as_str()));
        let fields_ok = known(&r.order)
            && r.partial.values().all(|p| known(p))
            && r.when.as_deref().is_none_or(&known)
            && r.when.is_some() != r.values.is_empty();
        if !kinds_ok || !fields_ok || r.why.trim().is_empty() {
            return Err(format!("{at}: reverses: order, partial and when name fields; returns and partial name points, value or vouchers; when comes with in; why"));
        }
    }
    if let Some(m) = &overlay.manual {
        if !known(&m.reason) || m.why.trim().is_empty() {
            return Err(format!("{at}: manual: reason names a field, with why"));
        }
    }
    for p in &overlay.permissions {
        if p.name.is_empty() || !known(&p.when) || p.values.is_empty() || p.why.trim().is_empty() {
            return Err(format!(
                "{at}: permissions: a name, a when field, in values, and why"
            ));
        }
    }
    for (p, by) in &overlay.scale {
        if !overlay.points.contains(p) || !known(by) {
            return Err(format!(
                "{at}: scale `{p}` by `{by}`: both must be fields, `{p}` an amount"
            ));
        }
    }
    for n in &overlay.not_rules {
        if !known(&n.field) || n.why.trim().is_empty() {
            return Err(format!("{at}: not_rules `{}`: a field, with why", n.field));
        }
    }
    if let Some(p) = &overlay.order_id {
        if find_path(&fields, p).map(|f| f.kind) != Some(Kind::String) {
            return Err(format!("{at}: order_id `{p}` is not a String field"));
        }
    }
    let idempotency_key = match overlay.idempotency_key {
        Some(k) if known(&k) => Some(k),
        Some(k) => return Err(format!("{at}: idempotency_key `{k}` is not a field")),
        None => fields
            .iter()
            .any(|f| f.name == "request_id")
            .then(|| "request_id".to_string()),
    };
    let paged = response
        .iter()
        .any(|f| f.name == "result" && f.child("result_list").is_some());
    let mut rules = rules;
    rules.retain(|r| match r {
        Rule::MaxLength(p, n) => {
            if let Some(f) = find_path_mut(&mut fields, p) {
                f.max_length = Some(*n);
            }
            false
        }
        _ => true,
    });

    Ok(Operation {
        method: def.name,
        platform,
        title_zh: def.api_chinese_name,
        title_en: overlay.title_en,
        description: def.description,
        doc_id: def.id,
        body,
        fields,
        response,
        rules,
        idempotency_key,
        points: overlay.points,
        value: overlay.value,
        scale: overlay.scale,
        order_id: overlay.order_id,
        paged,
        vouchers: overlay.vouchers,
        voucher_faces: overlay.voucher_faces,
        reverses: overlay.reverses,
        manual: overlay.manual,
        permissions: overlay.permissions,
        unbounded: overlay.unbounded,
    })
}

/// Everything in `spec/`, checked.
pub fn load(dir: &Path) -> Result<Spec> {
    let overlay_path = dir.join("overlay.json");
    let text = std::fs::read_to_string(&overlay_path)
        .map_err(|e| format!("{}: {e}", overlay_path.display()))?;
    let mut overlay: Overlay =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", overlay_path.display()))?;
    let mut operations = Vec::new();
    for (sub, platform) in [("alsc-crm", Platform::Top), ("u8", Platform::U8)] {
        for (path, def) in definitions(&dir.join(sub))? {
            let entry = overlay.operations.remove(&def.name).ok_or_else(|| {
                format!(
                    "{}: {} has no entry in spec/overlay.json (at least its title_en)",
                    path.display(),
                    def.name
                )
            })?;
            let o: OverlayOperation = serde_json::from_value(entry)
                .map_err(|e| format!("spec/overlay.json: {}: {e}", def.name))?;
            operations.push(operation(def, platform, o, &overlay.choices)?);
        }
    }
    if let Some(name) = overlay.operations.keys().next() {
        return Err(format!(
            "spec/overlay.json: {name} has no definition in spec/"
        ));
    }
    if overlay.max_text == 0 {
        return Err("spec/overlay.json: max_text must be above 0".into());
    }
    // A reversal names the operations whose orders it reverses: each must be declared (a
    // console offers the reversal that fits an order by them).
    for op in &operations {
        for of in op.reverses.iter().flat_map(|r| r.of.iter()) {
            if !operations.iter().any(|o| &o.method == of) {
                return Err(format!(
                    "spec/overlay.json: {}: reverses `of` names {of}, which is not declared",
                    op.method
                ));
            }
        }
    }
    let labels_path = dir.join("labels.json");
    let text = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let labels: BTreeMap<String, Label> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", labels_path.display()))?;
    for op in &operations {
        let mut stack: Vec<&Field> = op.fields.iter().collect();
        while let Some(f) = stack.pop() {
            match labels.get(&f.name) {
                Some(l) if !l.zh.trim().is_empty() && !l.en.trim().is_empty() => {}
                _ => {
                    return Err(format!(
                        "spec/labels.json: `{}` (a field of {}) has no Chinese and English label",
                        f.name, op.method
                    ))
                }
            }
            stack.extend(f.children.iter());
        }
    }
    Ok(Spec {
        choices: overlay.choices,
        max_text: overlay.max_text,
        operations,
        labels,
    })
}
