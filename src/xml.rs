//! Just enough XML for TOP answers: elements, text, entities, CDATA, comments, a prolog.
//!
//! Attributes are read past and dropped (TOP puts none that matter). Element text stays text;
//! the operation's schema decides later what is a number, a boolean or a list. Bounded depth,
//! no panics.

use std::borrow::Cow;

use crate::error::{excerpt, Error};
use crate::json::{Entry, Value};

const MAX_DEPTH: usize = 64;

/// Parses a document into its root element's name and content. An element with child
/// elements becomes an object (a repeated name becomes an array under that name); one with
/// only text becomes a string; an empty one becomes `null`. Names and text borrow from the
/// document (text is copied only where an entity was decoded or pieces joined): a 5,000-item
/// page had a `String` per name and per text, and grew the wasm memory by 10 MB.
pub fn parse(text: &str) -> Result<(&str, Value<'_>), Error> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.misc()?;
    if !p.rest().starts_with('<') {
        return Err(p.err("an XML root element"));
    }
    let root = p.element(0)?;
    p.misc()?;
    if p.i != text.len() {
        return Err(p.err("end of document after the root element"));
    }
    Ok(root)
}

/// Read byte by byte: every byte that marks up XML is ASCII, which no byte of another
/// character equals. Reading by `char` (decoding each one, searching with `str` patterns)
/// was most of `parse()` of an XML page.
struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.i..).unwrap_or("")
    }

    fn err(&self, expected: &str) -> Error {
        let rest = self.rest();
        let found = if rest.is_empty() {
            "end of input".to_string()
        } else {
            text!("`", excerpt(rest), "`")
        };
        Error::decode(text!(
            "invalid XML at byte ",
            crate::text::decimal(self.i as u64),
            ": expected ",
            expected,
            ", found ",
            found
        ))
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start().len();
    }

    /// Skips whitespace, the prolog, processing instructions and comments.
    fn misc(&mut self) -> Result<(), Error> {
        loop {
            self.skip_ws();
            if self.rest().starts_with("<?") {
                self.skip_past("?>")?;
            } else if self.rest().starts_with("<!--") {
                self.skip_past("-->")?;
            } else {
                return Ok(());
            }
        }
    }

    fn skip_past(&mut self, end: &str) -> Result<(), Error> {
        match crate::text::find(self.rest(), end) {
            Some(pos) => {
                self.i += pos + end.len();
                Ok(())
            }
            None => Err(self.err(end)),
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// A name runs to whitespace or one of `>/<=`.
    fn name(&mut self) -> Result<&'a str, Error> {
        let start = self.i;
        while let Some(b) = self.peek() {
            if b < 0x80 {
                if matches!(b, b' ' | b'\t'..=b'\r' | b'>' | b'/' | b'<' | b'=') {
                    break;
                }
                self.i += 1;
            } else {
                match self.rest().chars().next() {
                    Some(c) if !c.is_whitespace() => self.i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        if self.i == start {
            return Err(self.err("an element name"));
        }
        Ok(self.text.get(start..self.i).unwrap_or(""))
    }

    /// Parses `<name ...>content</name>` starting at `<`.
    fn element(&mut self, depth: usize) -> Result<(&'a str, Value<'a>), Error> {
        if depth > MAX_DEPTH {
            return Err(Error::decode(text!(
                "XML nested deeper than ",
                crate::text::decimal(MAX_DEPTH as u64),
                " levels"
            )));
        }
        self.i += 1;
        let name = self.name()?;
        // Attributes: skip to the end of the tag, honouring quoted values.
        let mut quote = None;
        let mut self_closing = false;
        loop {
            let c = self.peek().ok_or_else(|| self.err("`>`"))?;
            self.i += 1;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(c),
                (None, b'/') if self.peek() == Some(b'>') => {
                    self.i += 1;
                    self_closing = true;
                    break;
                }
                (None, b'>') => break,
                (None, b'<') => return Err(self.err("`>`")),
                _ => {}
            }
        }
        if self_closing {
            return Ok((name, Value::Null));
        }
        let mut text = Cow::Borrowed("");
        let mut children: Vec<Entry<'a>> = Vec::new();
        loop {
            let rest = self.rest();
            let (b, next) = match rest.as_bytes() {
                [b, next, ..] => (*b, *next),
                [b] => (*b, 0),
                [] => return Err(self.err(&text!("`</", name, ">`"))),
            };
            if b != b'<' {
                let end = until(rest, b'<');
                let raw = rest.get(..end).unwrap_or("");
                // An element with children drops its text: the layout between them is
                // not kept.
                if !children.is_empty() && raw.trim().is_empty() {
                } else if until(raw, b'&') < raw.len() {
                    decode_entities(raw, text.to_mut()).map_err(|m| self.err(&m))?;
                } else {
                    join(&mut text, raw);
                }
                self.i += end;
            } else if next == b'/' {
                let at = self.i + 2;
                let after = self.text.get(at..).unwrap_or("");
                let close_len = until(after, b'>');
                if close_len == after.len() {
                    return Err(self.err("`>`"));
                }
                let close = after.get(..close_len).unwrap_or("");
                if close != name && close.trim() != name {
                    return Err(self.err(&text!("`</", name, ">`")));
                }
                self.i = at + close_len + 1;
                break;
            } else if next == b'!' && rest.starts_with("<!--") {
                self.skip_past("-->")?;
            } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let end = crate::text::find(after, "]]>").ok_or_else(|| self.err("`]]>`"))?;
                join(&mut text, after.get(..end).unwrap_or(""));
                self.i += 9 + end + 3;
            } else {
                let (child, value) = self.element(depth + 1)?;
                push_child(&mut children, child, value);
            }
        }
        let value = if children.is_empty() {
            Value::String(text)
        } else {
            // A page holds thousands of these: room for more children than came is a third
            // of its tree.
            children.shrink_to_fit();
            Value::Object(children)
        };
        Ok((name, value))
    }
}

/// Where the first `b` in `text` is (its length when there is none).
fn until(text: &str, b: u8) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes.get(i) != Some(&b) {
        i += 1;
    }
    i
}

/// `piece` after `text`: borrowed while it is the only piece.
fn join<'a>(text: &mut Cow<'a, str>, piece: &'a str) {
    if text.is_empty() {
        *text = Cow::Borrowed(piece);
    } else {
        text.to_mut().push_str(piece);
    }
}

/// A repeated child name turns into an array kept at the first occurrence's place.
fn push_child<'a>(children: &mut Vec<Entry<'a>>, name: &'a str, value: Value<'a>) {
    match children.iter_mut().find(|(k, _)| *k == name) {
        Some((_, Value::Array(items))) => items.push(value),
        Some((_, existing)) => {
            let first = core::mem::replace(existing, Value::Null);
            *existing = Value::Array(vec![first, value]);
        }
        None => children.push((name.into(), value)),
    }
}

fn decode_entities(raw: &str, out: &mut String) -> Result<(), String> {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after.find(';').ok_or("an entity ending in `;`")?;
        let entity = after.get(..semi).unwrap_or("");
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    crate::text::digits_value(hex, 16)
                } else if let Some(dec) = entity.strip_prefix('#') {
                    crate::text::digits_value(dec, 10)
                } else {
                    None
                };
                code.and_then(|c| u32::try_from(c).ok())
                    .and_then(char::from_u32)
                    .ok_or("a known entity")?
            }
        };
        out.push(c);
        rest = after.get(semi + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lists_entities_and_trailing_comment() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><r a=\"x>y\"><n>1</n><l><i>a&amp;b</i><i>&#20013;</i></l><e/><v>&quot;&quot;</v></r><!--top011023105124.center.na61-->";
        let (name, v) = parse(doc).unwrap();
        assert_eq!(name, "r");
        assert_eq!(v.get("n"), Some(&Value::String("1".into())));
        assert_eq!(
            v.get("l").and_then(|l| l.get("i")),
            Some(&Value::Array(vec![
                Value::String("a&b".into()),
                Value::String("中".into())
            ]))
        );
        assert_eq!(v.get("e"), Some(&Value::Null));
        assert_eq!(v.get("v"), Some(&Value::String("\"\"".into())));
    }

    #[test]
    fn rejects_broken_documents() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "<a>x</a><b/>",
            "text",
            "<a>&bogus;</a>",
            "<a",
            "<html><body>502</body>",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.message.contains("XML"), "{bad}: {}", e.message);
        }
    }
}
