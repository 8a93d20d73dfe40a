//! The compact field notation the operation table is written in, and its parser.
//!
//! One field is `name[!]:TYPE[«description»]`, fields are separated by one space:
//! `S` String, `N` Number (an integer), `B` Boolean, `D` Date (`yyyy-MM-dd HH:mm:ss`),
//! `S[]` list of strings, `J` any JSON, `TypeName{fields}` an object, `TypeName[]{fields}` a
//! list of objects; `!` marks a required field. Strings keep the table small in the wasm
//! (a struct per field would cost more than the code).

use crate::error::{Error, ErrorCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Number,
    Boolean,
    Date,
    StringList,
    Json,
    Object,
    ObjectList,
}

impl Kind {
    /// The type name as the platform's documentation writes it.
    pub fn doc_name(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Number => "Number",
            Kind::Boolean => "Boolean",
            Kind::Date => "Date",
            Kind::StringList => "String[]",
            Kind::Json => "Json",
            Kind::Object | Kind::ObjectList => "object",
        }
    }
}

/// One declared field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// The object type's name (`DedutOpenReq`), empty for scalars.
    pub type_name: &'static str,
    pub description: &'static str,
    pub children: Vec<Node>,
}

impl Node {
    /// The documented type: `String`, `Number`, `DedutOpenReq`, `VoucherStatusInfo[]`, ...
    pub fn doc_type(&self) -> String {
        match self.kind {
            Kind::Object => self.type_name.to_string(),
            Kind::ObjectList => format!("{}[]", self.type_name),
            k => k.doc_name().to_string(),
        }
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Parses a field list. The table is compiled in, so an error here is an SDK bug
/// (`INTERNAL`); a test parses every declaration.
pub fn parse_fields(dsl: &'static str) -> Result<Vec<Node>, Error> {
    let mut p = Parser { s: dsl, i: 0 };
    let fields = p.fields()?;
    if p.i != dsl.len() {
        return Err(p.err("end of declaration"));
    }
    Ok(fields)
}

struct Parser {
    s: &'static str,
    i: usize,
}

impl Parser {
    fn rest(&self) -> &'static str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn err(&self, what: &str) -> Error {
        Error::new(
            ErrorCode::Internal,
            format!(
                "operation table: expected {what} at byte {} of `{}`",
                self.i,
                crate::error::excerpt(self.s)
            ),
        )
    }

    fn ident(&mut self) -> &'static str {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.i += len;
        rest.get(..len).unwrap_or("")
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn fields(&mut self) -> Result<Vec<Node>, Error> {
        let mut out = Vec::new();
        loop {
            if self.rest().is_empty() || self.rest().starts_with('}') {
                return Ok(out);
            }
            if !out.is_empty() && !self.eat(" ") {
                return Err(self.err("` ` between fields"));
            }
            out.push(self.field()?);
        }
    }

    fn field(&mut self) -> Result<Node, Error> {
        let name = self.ident();
        if name.is_empty() {
            return Err(self.err("a field name"));
        }
        let required = self.eat("!");
        if !self.eat(":") {
            return Err(self.err("`:`"));
        }
        let ty = self.ident();
        let list = self.eat("[]");
        let (kind, type_name, children) = if self.eat("{") {
            let children = self.fields()?;
            if !self.eat("}") {
                return Err(self.err("`}`"));
            }
            (
                if list { Kind::ObjectList } else { Kind::Object },
                ty,
                children,
            )
        } else {
            let kind = match (ty, list) {
                ("S", false) => Kind::String,
                ("S", true) => Kind::StringList,
                ("N", false) => Kind::Number,
                ("B", false) => Kind::Boolean,
                ("D", false) => Kind::Date,
                ("J", false) => Kind::Json,
                _ => return Err(self.err("a type (S, N, B, D, S[], J or Name{...})")),
            };
            (kind, "", Vec::new())
        };
        let description = if self.eat("«") {
            let rest = self.rest();
            let end = rest.find('»').ok_or_else(|| self.err("`»`"))?;
            self.i += end + '»'.len_utf8();
            rest.get(..end).unwrap_or("")
        } else {
            ""
        };
        Ok(Node {
            name,
            required,
            kind,
            type_name,
            description,
            children,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_declarations() {
        let f = parse_fields("a!:S«甲 乙» b:N l:S[] o:Obj{x:B y:Item[]{z:D}} j:J").unwrap();
        assert_eq!(f.len(), 5);
        assert_eq!(
            (f[0].name, f[0].required, f[0].kind, f[0].description),
            ("a", true, Kind::String, "甲 乙")
        );
        assert_eq!(f[2].kind, Kind::StringList);
        assert_eq!(f[3].doc_type(), "Obj");
        assert_eq!(f[3].children[1].doc_type(), "Item[]");
        assert_eq!(f[3].children[1].children[0].kind, Kind::Date);
    }

    #[test]
    fn reports_broken_declarations_as_internal() {
        for bad in ["a:Q", "a:S b", "a:Obj{x:S", "a", "a:S«x", ":S", "a:S  b:S"] {
            let e = parse_fields(bad).unwrap_err();
            assert_eq!(e.code, ErrorCode::Internal, "{bad}");
        }
    }
}
