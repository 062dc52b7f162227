//! A small strict JSON reader for draft files: RFC 8259 text in, a tree or a positioned error out.
//!
//! Why not serde_json: on the page it was ~30 KB of the gzipped main wasm (a fifth of the size budget) for one
//! job, reading drafts. This reader accepts and refuses what serde_json does for the drafts' purposes (tested
//! against it on every mutation of real drafts): no trailing commas, comments, single quotes, leading zeros,
//! control characters in strings, lone surrogates, numbers out of range, or 128 levels of nesting; a text
//! cut off anywhere is reported as such ([`JsonError::Eof`]), so a truncated draft gets its own message.

/// A parsed JSON value. Objects keep their members in text order; a repeated key is looked up as its last
/// occurrence (as serde_json's map keeps the last).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number, kept as its text (drafts only need non-negative integers; see [`Json::as_u64`]).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// The text ends where more was needed (a cut-off file).
    Eof,
    /// Something else is wrong at this 1-based line and column (column counted in characters).
    Syntax { line: usize, column: usize },
}

/// Nesting this deep is refused (serde_json's default limit), so no input can exhaust the stack.
const MAX_DEPTH: usize = 128;

impl Json {
    /// The value of `key` in an object (its last occurrence), or `None`.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A non-negative integer written without fraction or exponent that fits `u64`; `None` otherwise.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses a whole text as one JSON value (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser { text, b: text.as_bytes(), i: 0 };
    let v = p.value(0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.syntax());
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn syntax(&self) -> JsonError {
        self.syntax_at(self.i)
    }

    fn syntax_at(&self, at: usize) -> JsonError {
        let at = at.min(self.b.len());
        let before = &self.b[..at];
        let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
        let line_start = before.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
        // Characters, not bytes: count UTF-8 lead bytes.
        let column = 1 + before[line_start..].iter().filter(|&&c| (c & 0xC0) != 0x80).count();
        JsonError::Syntax { line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// The next byte after whitespace, or `Eof`.
    fn next_token(&mut self) -> Result<u8, JsonError> {
        self.ws();
        self.peek().ok_or(JsonError::Eof)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.next_token()? {
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.syntax()),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        for &w in word.as_bytes() {
            match self.peek() {
                None => return Err(JsonError::Eof),
                Some(c) if c == w => self.i += 1,
                Some(_) => return Err(self.syntax()),
            }
        }
        Ok(v)
    }

    fn digits(&mut self) -> Result<usize, JsonError> {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        match self.i - start {
            0 if self.peek().is_none() => Err(JsonError::Eof),
            0 => Err(self.syntax()),
            n => Ok(n),
        }
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = self.digits()?;
        if n > 1 && self.b[int_start] == b'0' {
            return Err(self.syntax_at(int_start + 1));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digits()?;
            integer = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.digits()?;
            integer = false;
        }
        let raw = &self.text[start..self.i];
        // An integer too large for 64 bits is read as a float by serde_json; any float must be finite.
        let fits = integer && (raw.parse::<u64>().is_ok() || raw.parse::<i64>().is_ok());
        if !fits && !finite_as_f64(raw) {
            return Err(self.syntax_at(start));
        }
        Ok(Json::Number(raw.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        // Four characters must be there before they are judged (a cut-off escape is a cut-off text).
        if self.b.len() < self.i + 4 {
            return Err(JsonError::Eof);
        }
        let mut v = 0u32;
        for _ in 0..4 {
            let c = self.peek().ok_or(JsonError::Eof)?;
            let d = (c as char).to_digit(16).ok_or_else(|| self.syntax())?;
            v = v * 16 + d;
            self.i += 1;
        }
        Ok(v)
    }

    /// A string; the opening quote is at `self.i`.
    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            // Plain run: everything up to a quote, a backslash or a control character (one tight scan).
            let rest = &self.b[start..];
            self.i += rest.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(rest.len());
            // `start..i` ends before an ASCII byte or at the end: on char boundaries of valid UTF-8.
            out.push_str(&self.text[start..self.i]);
            match self.peek() {
                None => return Err(JsonError::Eof),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.peek().ok_or(JsonError::Eof)?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let ch = match hi {
                                0xD800..=0xDBFF => {
                                    // A high surrogate must be followed by an escaped low one.
                                    match (self.peek(), self.b.get(self.i + 1)) {
                                        (None, _) | (Some(b'\\'), None) => return Err(JsonError::Eof),
                                        (Some(b'\\'), Some(b'u')) => self.i += 2,
                                        _ => return Err(self.syntax()),
                                    }
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err(self.syntax());
                                    }
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                }
                                0xDC00..=0xDFFF => None,
                                _ => char::from_u32(hi),
                            };
                            out.push(ch.ok_or_else(|| self.syntax())?);
                        }
                        _ => return Err(self.syntax_at(self.i - 1)),
                    }
                }
                Some(_) => return Err(self.syntax()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth >= MAX_DEPTH {
            return Err(self.syntax());
        }
        self.i += 1;
        let mut items = Vec::new();
        if self.next_token()? == b']' {
            self.i += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            match self.next_token()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.syntax()),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth >= MAX_DEPTH {
            return Err(self.syntax());
        }
        self.i += 1;
        let mut members = Vec::new();
        if self.next_token()? == b'}' {
            self.i += 1;
            return Ok(Json::Object(members));
        }
        loop {
            if self.next_token()? != b'"' {
                return Err(self.syntax());
            }
            let key = self.string()?;
            if self.next_token()? != b':' {
                return Err(self.syntax());
            }
            self.i += 1;
            let v = self.value(depth)?;
            members.push((key, v));
            match self.next_token()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.syntax()),
            }
        }
    }
}

/// 2^1024 − 2^970, the least magnitude that rounds to infinity as an f64 (ties to even), in decimal: its digits
/// from the first (its decimal exponent is 308).
const F64_OVERFLOW: &[u8; 309] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a JSON number (its grammar already checked) is finite as an f64, as `str::parse::<f64>` finds it: below
/// [`F64_OVERFLOW`] in magnitude. Compared in decimal: Rust's float parser (its power-of-five tables) would be ~15 KB
/// of the page's download for this one check.
fn finite_as_f64(raw: &str) -> bool {
    let body = raw.strip_prefix('-').unwrap_or(raw);
    let (mantissa, exponent) = body.split_once(['e', 'E']).unwrap_or((body, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || int.bytes().chain(frac.bytes());
    let lead = digits().take_while(|&b| b == b'0').count();
    if lead == int.len() + frac.len() {
        return true; // zero
    }
    let (negative, magnitude) = match exponent.as_bytes().first() {
        Some(b'-') => (true, &exponent[1..]),
        Some(b'+') => (false, &exponent[1..]),
        _ => (false, exponent),
    };
    let e = magnitude.bytes().fold(0i64, |e, b| e.saturating_mul(10).saturating_add(i64::from(b - b'0')));
    // The decimal exponent of the first significant digit.
    let first = (int.len() as i64 - lead as i64 - 1).saturating_add(if negative { -e } else { e });
    match first.cmp(&308) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => {
            let mut significant = digits().skip(lead);
            for &limit in F64_OVERFLOW {
                match significant.next() {
                    Some(d) if d == limit => continue,
                    Some(d) => return d < limit,
                    // A prefix of the limit, whose remaining digits are not all zero: below it.
                    None => return true,
                }
            }
            false // the limit itself or more
        }
    }
}
