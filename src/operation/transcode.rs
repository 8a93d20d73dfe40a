//! The common answer typed in place: the same typing as [`super::decode`] (lists always
//! arrays, wrappers removed, ids and unsafe integers as strings, `biz_success=false` refused),
//! expressed as a few edits to the answer's own text, so the host's native `JSON.parse`
//! builds the objects. Building a tree in the wasm (a `String` per token, a `Vec` per object)
//! and writing it out again made `parse()` six times slower than `JSON.parse`.
//!
//! It takes only what it fully understands — a well-formed JSON success answer — and answers
//! `None` for anything else (XML, gateway errors, refusals, odd shapes, bad JSON), which the
//! tree decoder then reads and explains. So every answer is typed by the same rules, and every
//! error still comes from one place. Each byte is read once (a list wrapper's first key twice),
//! so the cost stays linear on any input.

use super::{Field, Kind, Operation};
use crate::json::{is_number_literal, is_safe_integer, number_end};
use crate::text::{same, same_bytes};

/// What an edit puts in place of the text it replaces (ASCII, a few characters).
const NOTHING: &str = "";
const QUOTE: &str = "\"";
const NULL: &str = "null";
const OPEN: &str = "[";
const CLOSE: &str = "]";
const EMPTY_OBJECT: &str = "{}";
const EMPTY_LIST: &str = "[]";

/// The typed `result` of an answer as edits to its text, as JS receives them: `[span from,
/// span to, trace from, trace to, (from, to, n, n character codes)...]` — keep the span, and
/// replace each `[from, to)` inside it by the `n` characters, in order; the trace span is the
/// text of the answer's `request_id` (the platform's trace id; empty when it has none).
/// Offsets count UTF-16 units, as JavaScript strings do: the host applies the edits to the
/// string it already holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Edits(pub Vec<u32>);

impl Edits {
    /// The typed result as JSON text, the edits applied as the JS layer applies them.
    pub fn apply(&self, body: &str) -> Option<String> {
        let units: Vec<u16> = body.encode_utf16().collect();
        let at = |k: usize| self.0.get(k).map(|&v| v as usize);
        let mut out: Vec<u16> = Vec::new();
        let (mut from, mut k) = (at(0)?, TRACE + 2);
        while k < self.0.len() {
            let (start, end, n) = (at(k)?, at(k + 1)?, at(k + 2)?);
            out.extend_from_slice(units.get(from..start)?);
            for &c in self.0.get(k + 3..k + 3 + n)? {
                out.push(u16::try_from(c).ok()?);
            }
            from = end;
            k += 3 + n;
        }
        out.extend_from_slice(units.get(from..at(1)?)?);
        String::from_utf16(&out).ok()
    }
}

/// The typed `result` envelope of a JSON answer to `op` as edits, or `None` when the answer
/// needs the tree decoder. `wanted` is the plain format's response key
/// (`top::response_name`).
pub fn decode_edits(op: &Operation, wanted: &str, body: &str) -> Option<Edits> {
    let result = op.response.iter().find(|f| f.name == "result");
    let mut t = Scanner {
        s: body.as_bytes(),
        text: body,
        i: 0,
        extra: 0,
        out: vec![0; TRACE + 2],
    };
    t.ws();
    t.expect(b'{')?;
    t.ws();
    let first = t.key()?;
    if first == wanted {
        // Plain: `{"<method>_response": {..., "result": {...}}}` and nothing else.
        t.colon()?;
        t.expect(b'{')?;
        t.ws();
        let key = t.key()?;
        t.content(result, key)?;
        t.ws();
        t.expect(b'}')?;
    } else {
        // Simplified: the root is the response itself.
        t.content(result, first)?;
    }
    t.ws();
    (t.i == t.s.len()).then_some(Edits(t.out))
}

/// Where the trace span sits in [`Edits`], after the result span.
const TRACE: usize = 2;

/// [`decode_edits`] applied: the typed `result` envelope as JSON text.
pub fn decode_text(op: &Operation, wanted: &str, body: &str) -> Option<String> {
    decode_edits(op, wanted, body)?.apply(body)
}

/// Half the tree parser's limit: an answer nested deeper is left to it, so this never accepts
/// what the tree parser refuses.
const MAX_DEPTH: usize = 32;

/// A position in bytes and in UTF-16 units.
#[derive(Clone, Copy)]
struct Pos(usize, usize);

impl Pos {
    /// `n` bytes of ASCII further on.
    fn ascii(self, n: usize) -> Pos {
        Pos(self.0 + n, self.1 + n)
    }
}

struct Scanner<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    /// Bytes read so far minus the UTF-16 units they make (only strings hold non-ASCII),
    /// counted with wrapping arithmetic.
    extra: usize,
    /// The edits so far, after four places for the spans (see [`Edits`]).
    out: Vec<u32>,
}

impl<'a> Scanner<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn expect(&mut self, b: u8) -> Option<()> {
        // `matches!`, not `==`: comparing two `Option`s is a call in the wasm.
        matches!(self.peek(), Some(c) if c == b).then(|| self.i += 1)
    }

    #[inline(always)]
    fn colon(&mut self) -> Option<()> {
        self.ws();
        self.expect(b':')?;
        self.ws();
        Some(())
    }

    /// Where the scanner is, in bytes and in UTF-16 units.
    fn here(&self) -> Pos {
        // `extra` dips below zero (wrapping) between a four-byte lead and its continuations,
        // never at a position a caller asks for.
        Pos(self.i, self.i.wrapping_sub(self.extra))
    }

    /// Replaces `[from, to)` (at or after the last edit) by `insert`.
    fn edit(&mut self, from: Pos, to: Pos, insert: &str) {
        self.out
            .extend([unit(from.1), unit(to.1), unit(insert.len())]);
        self.out.extend(insert.bytes().map(u32::from));
    }

    /// Skips a string at `"`: where it starts, and whether it has escapes. Raw control
    /// characters and surrogate escapes are left to the tree decoder (it refuses the one and
    /// replaces lone halves of the other).
    fn string(&mut self) -> Option<(usize, bool)> {
        let start = self.i;
        self.expect(b'"')?;
        let mut escaped = false;
        loop {
            (self.i, self.extra) = plain_run(self.s, self.i, self.extra);
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some((start, escaped));
                }
                b'\\' => {
                    escaped = true;
                    self.i += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                        b'u' => {
                            let hex = self.s.get(self.i + 1..self.i + 5)?;
                            let surrogate = matches!(hex.first(), Some(b'd' | b'D'))
                                && matches!(
                                    hex.get(1),
                                    Some(b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
                                );
                            if surrogate || !hex.iter().all(u8::is_ascii_hexdigit) {
                                return None;
                            }
                            self.i += 5;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    /// A string's text between its quotes, when it has no escapes.
    fn plain_string(&mut self) -> Option<&'a str> {
        let (start, escaped) = self.string()?;
        if escaped {
            return None;
        }
        self.text.get(start + 1..self.i - 1)
    }

    /// Whether `"name"` comes next. Declared names are ASCII (`build/spec.rs` checks), so
    /// skipping one leaves the UTF-16 count as it is.
    fn at_key(&self, name: &str) -> bool {
        let end = self.i + name.len() + 1;
        matches!(self.s.get(self.i), Some(b'"'))
            && matches!(self.s.get(end), Some(b'"'))
            && self
                .s
                .get(self.i + 1..end)
                .is_some_and(|k| same_bytes(k, name.as_bytes()))
    }

    /// A key's text (escaped keys are left to the tree decoder).
    fn key(&mut self) -> Option<&'a str> {
        self.plain_string()
    }

    /// A number's literal, by the tree parser's own grammar (`json::number_end`).
    fn number(&mut self) -> Option<&'a str> {
        let start = self.i;
        self.i = number_end(self.s, start).ok()?;
        self.text.get(start..self.i)
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.i + word.len();
        if self.s.get(self.i..end)? != word.as_bytes() {
            return None;
        }
        self.i = end;
        Some(())
    }

    /// Quotes what was read since `start` (a number, `true`) into a string.
    fn quote_since(&mut self, start: Pos) {
        self.edit(start, start, QUOTE);
        self.edit(self.here(), self.here(), QUOTE);
    }

    /// A number stays one when it is a safe integer; anything else becomes its exact text.
    fn number_or_string(&mut self) -> Option<()> {
        let start = self.here();
        let lit = self.number()?;
        if !is_safe_integer(lit) {
            self.quote_since(start);
        }
        Some(())
    }

    /// The rest of a response object whose first key was just read: `result` is typed and
    /// becomes the span, the other entries are checked and dropped. A gateway error or a
    /// second response inside, or a second `result`, is the tree decoder's to judge.
    fn content(&mut self, result: Option<&Field>, first: &str) -> Option<()> {
        let mut key = first;
        let mut seen = false;
        loop {
            if key.ends_with("_response") {
                return None;
            }
            self.colon()?;
            if key == "result" {
                if seen || !matches!(self.peek(), Some(b'{')) {
                    return None;
                }
                seen = true;
                let start = self.here();
                match result {
                    Some(f) if f.kind == Kind::Object => {
                        self.object(f.fields(), 1, true, &mut Vec::new())?
                    }
                    Some(_) => return None,
                    None => self.object(&[], 1, true, &mut Vec::new())?,
                }
                let end = self.here();
                if let Some(span) = self.out.get_mut(..2) {
                    span.copy_from_slice(&[unit(start.1), unit(end.1)]);
                }
            } else if key == "request_id" && matches!(self.peek(), Some(b'"')) {
                // The platform's trace id: a few letters and digits, read when it has no escape.
                let from = self.here();
                let (_, escaped) = self.string()?;
                let to = self.here();
                if let (false, Some(span)) = (escaped, self.out.get_mut(TRACE..TRACE + 2)) {
                    span.copy_from_slice(&[unit(from.1 + 1), unit(to.1 - 1)]);
                }
            } else {
                self.skip_value()?;
            }
            if !self.another(b'}')? {
                return seen.then_some(());
            }
            key = self.key()?;
        }
    }

    /// Checks a value that is dropped (its edits dropped with it).
    fn skip_value(&mut self) -> Option<()> {
        let mark = self.out.len();
        self.untyped(1)?;
        self.out.truncate(mark);
        Some(())
    }

    /// An object at `{` typed by `fields`. In the envelope, anything but a literal
    /// `"biz_success": true` is left to the tree decoder, which turns a refusal into
    /// `BIZ_ERROR`.
    fn object(
        &mut self,
        fields: &[Field],
        depth: usize,
        envelope: bool,
        order: &mut Vec<usize>,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.expect(b'{')?;
        self.ws();
        if self.expect(b'}').is_some() {
            return Some(());
        }
        let mut pos = 0;
        loop {
            // The key expected here (`order`: where the object before it in the same list had
            // each key) is compared in place; only a surprise is scanned and looked up.
            let expected = order
                .get(pos)
                .and_then(|&k| fields.get(k))
                .filter(|f| self.at_key(f.name));
            let (key, declared) = match expected {
                Some(f) => {
                    self.i += f.name.len() + 2;
                    (f.name, Some(f))
                }
                None => {
                    let key = self.key()?;
                    let at = fields.iter().position(|f| same(f.name, key));
                    if !fields.is_empty() {
                        let at = at.unwrap_or(usize::MAX);
                        match order.get_mut(pos) {
                            Some(slot) => *slot = at,
                            None => order.push(at),
                        }
                    }
                    (key, at.and_then(|k| fields.get(k)))
                }
            };
            pos += 1;
            self.colon()?;
            if envelope
                && key == "biz_success"
                && self.s.get(self.i..self.i + 4) != Some(&b"true"[..])
            {
                return None;
            }
            match declared {
                Some(f) => self.typed(f, depth + 1)?,
                None => self.untyped(depth + 1)?,
            }
            if !self.another(b'}')? {
                return Some(());
            }
        }
    }

    /// After a member of an object or an array: `true` past a `,` (another follows), `false`
    /// past `close` (the end); `None` for anything else.
    fn another(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let more = match self.peek()? {
            b',' => true,
            b if b == close => false,
            _ => return None,
        };
        self.i += 1;
        self.ws();
        Some(more)
    }

    /// An array after its `[`, up to and past its `]`, each item read by `item`.
    fn items(&mut self, depth: usize, list: Option<&Field>) -> Option<()> {
        self.ws();
        if self.expect(b']').is_some() {
            return Some(());
        }
        // The items of a list share their key order: the first teaches it to the others.
        let mut order = Vec::new();
        loop {
            match list {
                Some(f) => self.list_item(f, depth + 1, &mut order)?,
                None => self.untyped(depth + 1)?,
            }
            if !self.another(b']')? {
                return Some(());
            }
        }
    }

    /// Any value, untyped: integers beyond 2^53 and fractions become strings.
    fn untyped(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(&[], depth, false, &mut Vec::new()),
            b'[' => {
                self.i += 1;
                self.items(depth, None)
            }
            b'"' => self.string().map(|_| ()),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            _ => self.number_or_string(),
        }
    }

    /// A value typed by its declared field (the rules of `decode::normalize`).
    fn typed(&mut self, f: &Field, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let c = self.peek()?;
        if c == b'n' {
            return self.word("null");
        }
        let start = self.here();
        match (f.kind, c) {
            (Kind::String | Kind::Date | Kind::Money | Kind::Decimal, b'-' | b'0'..=b'9') => {
                self.number()?;
                self.quote_since(start);
                Some(())
            }
            (Kind::String | Kind::Date, b't' | b'f') => {
                self.word(if c == b't' { "true" } else { "false" })?;
                self.quote_since(start);
                Some(())
            }
            (Kind::Number | Kind::Boolean | Kind::Object | Kind::Json, b'"') => {
                self.text_for(f.kind)
            }
            (Kind::StringList | Kind::ObjectList, _) => self.list(f, depth),
            (Kind::Object, b'{') => self.object(f.fields(), depth, false, &mut Vec::new()),
            _ => self.untyped(depth),
        }
    }

    /// A string where a number, a boolean or an object is declared, as XML-minded servers
    /// send them: blank or `null` is null, a numeric text a number, `"true"` a boolean, a
    /// blank object `{}`. Only plain ASCII texts are read here; others go to the tree decoder.
    fn text_for(&mut self, kind: Kind) -> Option<()> {
        let from = self.here();
        let inner = self.plain_string()?;
        if !inner.is_ascii() {
            return None;
        }
        // ASCII throughout, so byte and unit offsets move together.
        let to = self.here();
        let trimmed = inner.trim_matches(' ');
        let lead = inner.len() - inner.trim_start_matches(' ').len();
        let (t_from, t_to) = (from.ascii(1 + lead), from.ascii(1 + lead + trimmed.len()));
        match kind {
            Kind::Number | Kind::Boolean if trimmed.is_empty() || trimmed == "null" => {
                self.edit(from, to, NULL);
            }
            Kind::Number if is_number_literal(trimmed) => {
                // The text without its spaces, unquoted when it is a safe integer.
                let (a, b) = if is_safe_integer(trimmed) {
                    (from, to)
                } else {
                    (from.ascii(1), from.ascii(1 + inner.len()))
                };
                self.edit(a, t_from, NOTHING);
                self.edit(t_to, b, NOTHING);
            }
            Kind::Boolean if inner == "true" || inner == "false" => {
                self.edit(from, from.ascii(1), NOTHING);
                self.edit(from.ascii(1 + inner.len()), to, NOTHING);
            }
            Kind::Object | Kind::Json if trimmed.is_empty() => self.edit(from, to, EMPTY_OBJECT),
            _ => {}
        }
        Some(())
    }

    /// A list in every shape an answer may send it: an array, a wrapper object around the
    /// array (`{"voucher_status_info": [...]}`) or its one item, one bare item, or a string
    /// (empty: no items).
    fn list(&mut self, f: &Field, depth: usize) -> Option<()> {
        let start = self.here();
        match self.peek()? {
            b'[' => {
                self.i += 1;
                self.items(depth, Some(f))
            }
            b'"' if matches!(self.s.get(self.i + 1), Some(b'"')) => {
                self.i += 2;
                self.edit(start, self.here(), EMPTY_LIST);
                Some(())
            }
            b'{' => self.wrapper(f, depth),
            _ => {
                self.edit(start, start, OPEN);
                self.list_item(f, depth, &mut Vec::new())?;
                self.edit(self.here(), self.here(), CLOSE);
                Some(())
            }
        }
    }

    /// An object where a list is declared: a wrapper whose one key is not a field of the
    /// items holds the list (or its one item); an empty object or an item is itself the one
    /// item. A wrapper with more keys than one is the tree decoder's.
    fn wrapper(&mut self, f: &Field, depth: usize) -> Option<()> {
        let start = self.here();
        let extra = self.extra;
        self.i += 1;
        self.ws();
        let item = matches!(self.peek(), Some(b'}')) || {
            let key = self.key()?;
            f.fields().iter().any(|c| c.name == key)
        };
        if item {
            // Read again as the one item: only its first key was read, once, so this stays
            // linear.
            (self.i, self.extra) = (start.0, extra);
            self.edit(start, start, OPEN);
            self.list_item(f, depth, &mut Vec::new())?;
            self.edit(self.here(), self.here(), CLOSE);
            return Some(());
        }
        self.colon()?;
        let inner = self.here();
        let array = matches!(self.peek(), Some(b'['));
        if array {
            self.edit(start, inner, NOTHING);
            self.i += 1;
            self.items(depth + 1, Some(f))?;
        } else {
            self.edit(start, inner, OPEN);
            self.list_item(f, depth + 1, &mut Vec::new())?;
        }
        let end = self.here();
        self.ws();
        self.expect(b'}')?;
        self.edit(end, self.here(), if array { NOTHING } else { CLOSE });
        Some(())
    }

    /// One item of a declared list: a string list's numbers become strings, an object
    /// list's objects are typed by its fields.
    fn list_item(&mut self, f: &Field, depth: usize, order: &mut Vec<usize>) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.here();
        match (f.kind, self.peek()?) {
            (Kind::StringList, b'-' | b'0'..=b'9') => {
                self.number()?;
                self.quote_since(start);
                Some(())
            }
            (Kind::ObjectList, b'{') => self.object(f.fields(), depth, false, order),
            _ => self.untyped(depth),
        }
    }
}

/// Where the run of plain string bytes from `i` ends (at a `"`, a `\\` or a control byte),
/// and `extra` counted over it: a continuation byte adds no UTF-16 unit, a four-byte lead adds
/// two. The loop every byte of every string passes through, on locals.
fn plain_run(s: &[u8], mut i: usize, mut extra: usize) -> (usize, usize) {
    while let Some(&b) = s.get(i) {
        if b < 0x80 {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
        } else if b & 0xC0 == 0x80 {
            extra = extra.wrapping_add(1);
        } else if b >= 0xF0 {
            extra = extra.wrapping_sub(1);
        }
        i += 1;
    }
    (i, extra)
}

/// An offset as JS receives it. A JS string is at most 2^30 units long (V8), so an answer that
/// came from one always fits.
fn unit(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}
