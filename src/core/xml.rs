//! A small XML pull parser, enough for the parts of an Office Open XML package (.xlsx, .docx): linear in its
//! input, no recursion, UTF-8 only.

/// Malformed XML: what was being read when the document ended or broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("XML 格式错误（{0}）")]
pub struct XmlError(pub String);

fn bad(what: &str) -> XmlError {
    XmlError(what.to_string())
}

/// Appends `text` with line ends normalised (`\r\n` and `\r` become `\n`), as an XML parser reports text.
pub fn push_normalised(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
}

/// Appends the character data `raw` with its entity and character references resolved (an unknown or malformed
/// reference is kept as it is) and line ends normalised.
pub fn unescape_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_normalised(&rest[..amp], out);
        let after = &rest[amp + 1..];
        // A reference's name has at most 10 bytes before its `;`: look for the `;` only there (not through the rest
        // of the text, which made a run of bare `&` quadratic).
        let window = &after.as_bytes()[..after.len().min(11)];
        let resolved =
            window.iter().position(|&b| b == b';').and_then(|end| reference_char(&after[..end]).map(|c| (c, end)));
        match resolved {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    push_normalised(rest, out);
}

/// [`unescape_into`] into a new string.
pub fn unescape(raw: &str) -> String {
    let mut out = String::new();
    unescape_into(raw, &mut out);
    out
}

/// The character an XML reference names (`amp`, `lt`, `gt`, `quot`, `apos`, `#65`, `#x41`), if it is one.
fn reference_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse::<u32>().ok()?
            };
            char::from_u32(code)
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Event<'a> {
    /// A start tag (its local name, without a namespace prefix) and its raw attributes.
    Start {
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Raw character data (references not yet resolved).
    Text(&'a str),
    CData(&'a str),
}

pub struct Parser<'a> {
    xml: &'a str,
    pos: usize,
    /// The end of a self-closing element just reported (reported next, as quick-xml does with
    /// `expand_empty_elements`, which calamine sets: `<c/>` is a start and an end).
    pending_end: Option<&'a str>,
}

impl<'a> Parser<'a> {
    pub fn new(xml: &'a str) -> Parser<'a> {
        Parser { xml, pos: 0, pending_end: None }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Event<'a>, XmlError>> {
        if let Some(name) = self.pending_end.take() {
            return Some(Ok(Event::End { name }));
        }
        let event = self.read();
        if let Some(Err(_)) = event {
            // An error ends the document: nothing after it is read (no caller reads on, and none can loop).
            self.pos = self.xml.len();
        }
        event
    }

    /// The next event from `pos` on. Each byte is looked at a bounded number of times: every search starts where the
    /// last one ended, and comments and declarations are skipped in a loop (a long run of them would overflow the
    /// stack if skipped by recursion).
    fn read(&mut self) -> Option<Result<Event<'a>, XmlError>> {
        loop {
            let rest = &self.xml[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Ok(Event::Text(&rest[..end])));
            }
            if rest.starts_with("<![CDATA[") {
                return Some(self.skip("]]>", 9).map(Event::CData).ok_or_else(|| bad("CDATA")));
            }
            if rest.starts_with("<!--") {
                match self.skip("-->", 4) {
                    Some(_) => continue,
                    None => return Some(Err(bad("comment"))),
                }
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                match self.skip(">", 2) {
                    Some(_) => continue,
                    None => return Some(Err(bad("declaration"))),
                }
            }
            // A tag: find its end outside quoted attribute values.
            let bytes = rest.as_bytes();
            let mut quote = None;
            let mut end = None;
            for (i, &b) in bytes.iter().enumerate().skip(1) {
                match (quote, b) {
                    (Some(q), _) if b == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { return Some(Err(bad("tag"))) };
            self.pos += end + 1;
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Ok(Event::End { name: local(name.trim_end()) }));
            }
            let (inner, self_closing) = match inner.strip_suffix('/') {
                Some(inner) => (inner, true),
                None => (inner, false),
            };
            let name_end = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
            let name = local(&inner[..name_end]);
            if self_closing {
                self.pending_end = Some(name);
            }
            return Some(Ok(Event::Start { name, attrs: &inner[name_end..], self_closing }));
        }
    }

    /// Skips a construct opened by `open_len` bytes at `pos` up to and including `close`; returns its body.
    fn skip(&mut self, close: &str, open_len: usize) -> Option<&'a str> {
        let body_start = self.pos + open_len;
        let end = self.xml[body_start..].find(close)?;
        self.pos = body_start + end + close.len();
        Some(&self.xml[body_start..body_start + end])
    }

    /// Skips everything up to and including the end tag of `name` (its start tag was just read).
    pub fn skip_to_end(&mut self, name: &str) -> Result<(), XmlError> {
        let mut depth = 0usize;
        while let Some(event) = self.next() {
            match event? {
                Event::Start { name: n, .. } if n == name => depth += 1,
                Event::End { name: n } if n == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        Err(bad(name))
    }
}

/// `x:c` → `c`.
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The attributes of a start tag: (name as written, raw value). Values are resolved ([`unescape`]) only when asked
/// for, so a tag's other attributes cost one pass however long they are.
pub fn attrs_iter(attrs: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let close = after[1..].find(quote)?;
        let value = &after[1..1 + close];
        rest = &after[close + 2..];
        Some((name, value))
    })
}

/// The value of the attribute written exactly `name` (e.g. `r`, `xml:space`), references resolved.
pub fn attr(attrs: &str, name: &str) -> Option<String> {
    attrs_iter(attrs).find(|(k, _)| *k == name).map(|(_, v)| unescape(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_events() {
        let xml = r#"<?xml version="1.0"?><x:a b="1 &amp; 2" c='>'><!-- no --><t>a&lt;b</t><![CDATA[<z>]]><e/></x:a>"#;
        let mut p = Parser::new(xml);
        let mut events = Vec::new();
        while let Some(e) = p.next() {
            events.push(e.unwrap());
        }
        assert_eq!(
            events,
            vec![
                Event::Start { name: "a", attrs: r#" b="1 &amp; 2" c='>'"#, self_closing: false },
                Event::Start { name: "t", attrs: "", self_closing: false },
                Event::Text("a&lt;b"),
                Event::End { name: "t" },
                Event::CData("<z>"),
                Event::Start { name: "e", attrs: "", self_closing: true },
                Event::End { name: "e" },
                Event::End { name: "a" },
            ]
        );
        assert_eq!(attr(r#" b="1 &amp; 2" c='>'"#, "b").as_deref(), Some("1 & 2"));
        assert_eq!(attr(r#" b="1 &amp; 2" c='>'"#, "c").as_deref(), Some(">"));
    }

    #[test]
    fn references() {
        let mut out = String::new();
        unescape_into("a&#x4E2D;&#25991;&bogus;&amp\r\nb\rc", &mut out);
        assert_eq!(out, "a中文&bogus;&amp\nb\nc");
    }

    /// The reader's reference resolution before it was made linear (it looked for the `;` through the whole rest
    /// of the text): the results must stay the same.
    fn unescape_reference(raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            push_normalised(&rest[..amp], &mut out);
            let after = &rest[amp + 1..];
            let resolved = after
                .find(';')
                .filter(|&end| end <= 10)
                .and_then(|end| reference_char(&after[..end]).map(|c| (c, end)));
            match resolved {
                Some((c, end)) => {
                    out.push(c);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            }
        }
        push_normalised(rest, &mut out);
        out
    }

    #[test]
    fn references_resolve_as_before() {
        for raw in [
            "&&&&;",
            "&amp&amp;",
            "&#x10FFFF;&#x110000;&#1114111;",
            "&abcdefghij;&abcdefghijk;",
            "&#0000000065;",
            "&#00000000065;",
            "&lt&lt;;",
            "&\r\n&\r",
            "中&文;&#x4E2D",
            "&;",
            "&",
            "",
        ] {
            assert_eq!(unescape(raw), unescape_reference(raw), "{raw:?}");
        }
    }

    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn references_resolve_as_before_on_any_text(raw in "[&;#xX0-9a-fltgmpquosA\\r\\n中 ]{0,40}") {
            proptest::prop_assert_eq!(unescape(&raw), unescape_reference(&raw));
        }
    }

    #[test]
    fn only_the_attribute_asked_for_is_resolved() {
        let attrs = format!(r#" q="{}" r="A&amp;1" t='s'"#, "&".repeat(10));
        assert_eq!(attr(&attrs, "r").as_deref(), Some("A&1"));
        assert_eq!(attrs_iter(&attrs).map(|(k, _)| k).collect::<Vec<_>>(), ["q", "r", "t"]);
        assert_eq!(attr(&attrs, "q").as_deref(), Some("&&&&&&&&&&"));
    }
}
