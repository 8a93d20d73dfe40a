//! Every declared operation, compiled by `build.rs` from `spec/` (the platforms' published
//! definitions and the reviewed overlay) into static data: nothing is parsed at run time.
//! Calls are validated before anything is signed (`validate`), encoded into what the
//! platform receives (`encode`), and answers typed by the declared result (`decode`).

mod decode;
mod encode;
mod kind;
mod transcode;
mod validate;

pub use decode::{decode, decode_records, normalize_untyped};
pub use encode::{encode, encode_records, encode_untyped};
pub use kind::Kind;
pub use transcode::{decode_edits, decode_text, Edits};
pub use validate::{validate, validate_method};

/// One declared field.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Where its own fields are in the table (see [`Field::fields`]); for a string, the most
    /// characters it may hold where the documents say (0: the general [`MAX_TEXT`]).
    list: u16,
}

impl Field {
    /// The most characters this field's text (or each list item's) may hold.
    pub fn max_length(&self) -> usize {
        match self.kind {
            Kind::String if self.list > 0 => usize::from(self.list),
            _ => MAX_TEXT,
        }
    }

    /// An object's (or each list item's) own fields.
    pub fn fields(&self) -> &'static [Field] {
        if self.kind == Kind::String {
            return &[];
        }
        FIELD_LISTS
            .get(usize::from(self.list))
            .copied()
            .unwrap_or(&[])
    }
}

/// One documented value of an enumeration, with labels for forms and messages.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A rule the documentation states in prose. Paths are inside the business object (each
/// record for U8); `order_info.order_status` reaches into objects and every list item.
#[derive(Debug, PartialEq, Eq)]
pub enum Rule {
    /// At least one of these fields is given ("X和Y不可同时为空", "2选1").
    AnyOf(&'static [&'static str]),
    /// The field, when given, is one of these values.
    OneOf(&'static str, &'static [Choice]),
    /// The field, when given, is an integer above zero.
    Positive(&'static str),
    /// The field, when given, is not below zero.
    NonNegative(&'static str),
    /// `field` is required when `when` is one of `values`.
    RequiredWhen {
        field: &'static str,
        when: &'static str,
        values: &'static [&'static str],
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Taobao Open Platform: values keep their JSON types.
    Top,
    /// Yonyou U8: every value is sent as text, and read from a string or a number.
    U8,
}

/// How an operation's fields travel.
#[derive(Debug, PartialEq, Eq)]
pub enum Body {
    /// One TOP parameter of this name, an object sent as compact JSON.
    Wrapped(&'static str),
    /// Each field is its own TOP parameter.
    Flat,
    /// A JSON array of records, at most `max` of them (U8).
    Records { max: usize },
}

#[derive(Debug, PartialEq, Eq)]
pub struct Operation {
    pub method: &'static str,
    pub platform: Platform,
    pub body: Body,
    /// The field a retry must repeat for the platform to apply the call once (`request_id`;
    /// U8 `source_code`); `None` for reads.
    pub idempotency_key: Option<&'static str>,
    /// The fields a caller fills in (inside the wrapper, or of each record).
    pub fields: &'static [Field],
    /// The answer's top-level fields (`result: CommonResult{...}`; U8 `data`).
    pub response: &'static [Field],
    pub rules: &'static [Rule],
    /// The result is a `CommonPageResult` (`result_list` and paging fields).
    pub paged: bool,
}

impl Operation {
    /// Writes change state and carry an idempotency key.
    pub fn writes(&self) -> bool {
        self.idempotency_key.is_some()
    }

    /// The documented values of the field at `path`, if a `OneOf` rule lists them.
    pub fn choices(&self, path: &str) -> Option<&'static [Choice]> {
        self.rules.iter().find_map(|r| match r {
            Rule::OneOf(p, c) if *p == path => Some(*c),
            _ => None,
        })
    }

    /// The declared field at a dotted path.
    pub fn field(&self, path: &str) -> Option<&'static Field> {
        let mut fields = self.fields;
        let mut found = None;
        for part in path.split('.') {
            let f = fields.iter().find(|f| f.name == part)?;
            fields = f.fields();
            found = Some(f);
        }
        found
    }
}

include!(concat!(env!("OUT_DIR"), "/table.rs"));

/// Finds a declared operation by its method (TOP) or api (U8) name.
pub fn find(method: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|op| crate::text::same(op.method, method))
}

/// The prefix of the ALSC CRM family: a method under it that the table does not have is most
/// likely misspelled, and gets the nearest declared name as a hint.
const FAMILY: &str = "alibaba.alsc.crm.";

/// Why a method the table does not have cannot be called typed: its name and the nearest
/// declared one in the family (`prepare_untyped` sends it as given). `None` for declared
/// methods.
pub fn undeclared(method: &str) -> Option<crate::error::FieldError> {
    if find(method).is_some() {
        return None;
    }
    let mut message = text!(
        "`",
        crate::error::excerpt(method),
        "` is not a declared operation"
    );
    if let Some(short) = method.strip_prefix(FAMILY) {
        let names = OPERATIONS
            .iter()
            .filter_map(|op| op.method.strip_prefix(FAMILY));
        if let Some(near) = crate::hint::did_you_mean(short, names) {
            message.push_str(&text!("; did you mean `", FAMILY, near, "`?"));
        }
    }
    Some(crate::error::FieldError {
        field: "method".into(),
        rule: crate::error::RuleName::Unknown,
        message,
    })
}

/// `prefix.name`, or `name` at the top.
fn path_join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        text!(prefix, ".", name)
    }
}
