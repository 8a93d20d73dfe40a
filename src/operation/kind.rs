//! A field's type: one declaration for the core's table and for the build that writes it
//! (`build/spec.rs` includes this file), so the two cannot drift.

/// A field's type. TOP amounts are `Number` (integers, in 分); U8 money is `Money`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    Boolean,
    /// `yyyy-MM-dd HH:mm:ss`.
    Date,
    StringList,
    /// Any JSON.
    Json,
    /// A non-negative amount with at most two decimals, as exact text (元).
    Money,
    /// A non-negative decimal with at most two decimals, as exact text (a multiplier).
    Decimal,
    Object,
    ObjectList,
}

impl Kind {
    /// The name the Rust table, the metadata and the overlay use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Number => "Number",
            Kind::Boolean => "Boolean",
            Kind::Date => "Date",
            Kind::StringList => "StringList",
            Kind::Json => "Json",
            Kind::Money => "Money",
            Kind::Decimal => "Decimal",
            Kind::Object => "Object",
            Kind::ObjectList => "ObjectList",
        }
    }

    /// A scalar type as the definitions and the overlay write it (`String[]`, `Money`).
    pub fn scalar(ty: &str) -> Option<Kind> {
        Some(match ty {
            "String" => Kind::String,
            "Number" => Kind::Number,
            "Boolean" => Kind::Boolean,
            "Date" => Kind::Date,
            "String[]" => Kind::StringList,
            "Json" => Kind::Json,
            "Money" => Kind::Money,
            "Decimal" => Kind::Decimal,
            _ => return None,
        })
    }

    pub fn is_object(self) -> bool {
        matches!(self, Kind::Object | Kind::ObjectList)
    }
}
