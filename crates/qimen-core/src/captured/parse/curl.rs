//! Reader of a curl command line as browsers ("Copy as cURL", bash and cmd) and Postman copy it.
//!
//! The request is rebuilt as curl would send it: `-X` sets the method; `-H` adds headers; the
//! `-d` family is joined with `&` (`--data-urlencode` encodes its value part) and makes a POST,
//! typed `application/x-www-form-urlencoded` unless a header says otherwise; `-G` moves the data
//! into the query. Options that only change how curl behaves are skipped, with their value when
//! they take one. Anything else is refused by name rather than guessed.

use super::curl_options::{long_option, short_option, takes_value, url_encode_file, Data, Opt};
use super::shell::{split, Word};
use super::url::{has_scheme, read_address};
use super::wire::{date_header, header, is_form_type, read_pairs, starts_like_document};
use super::{CaptureProblem, Origin, Paste, ProblemKind};
use crate::captured::{CaptureSource, CapturedRequest, ParamPlace};

/// An option's value: a word, from a byte on (`-XPOST` holds its value after `-X`).
#[derive(Clone, Copy)]
struct Value<'w> {
    word: &'w Word,
    from: usize,
}

impl<'w> Value<'w> {
    fn text(&self) -> &'w str {
        self.word.text.get(self.from..).unwrap_or("")
    }
    fn origin(&self) -> Origin<'w> {
        self.word.origin(self.from)
    }
    fn at(&self) -> usize {
        self.origin().offset(0)
    }
}

/// What the options said, in order.
#[derive(Default)]
struct Command<'w> {
    method: Option<String>,
    headers: Vec<(String, String)>,
    data: Vec<(Data, Value<'w>)>,
    url: Option<Value<'w>>,
    get: bool,
    head: bool,
}

/// Reads a paste that starts with `curl`.
pub(super) fn read(paste: &Paste, start: usize) -> Result<CapturedRequest, CaptureProblem> {
    let words = split(paste, start)?;
    let mut cmd = Command::default();
    let mut i = 1;
    let mut options_done = false;
    while let Some(word) = words.get(i) {
        i += 1;
        let text = word.text.as_str();
        if options_done || !text.starts_with('-') || text.len() == 1 {
            cmd.apply(paste, Opt::Url, Value { word, from: 0 })?;
        } else if text == "--" {
            options_done = true;
        } else if let Some(name) = text.strip_prefix("--") {
            let opt = long_option(name).ok_or_else(|| unknown(paste, word.start, text))?;
            if takes_value(opt) {
                let value = words
                    .get(i)
                    .ok_or_else(|| missing(paste, word.start, text))?;
                i += 1;
                cmd.apply(
                    paste,
                    opt,
                    Value {
                        word: value,
                        from: 0,
                    },
                )?;
            } else {
                cmd.flag(opt);
            }
        } else {
            for (k, c) in text.char_indices().skip(1) {
                let name = format!("-{c}");
                let at = if k == 1 {
                    word.start
                } else {
                    word.origin(k).offset(0)
                };
                let opt = short_option(c).ok_or_else(|| unknown(paste, at, &name))?;
                if !takes_value(opt) {
                    cmd.flag(opt);
                    continue;
                }
                let from = k + c.len_utf8();
                let value = if from < text.len() {
                    Value { word, from }
                } else {
                    let value = words.get(i).ok_or_else(|| missing(paste, at, &name))?;
                    i += 1;
                    Value {
                        word: value,
                        from: 0,
                    }
                };
                cmd.apply(paste, opt, value)?;
                break;
            }
        }
    }
    cmd.finish(paste)
}

fn unknown(paste: &Paste, at: usize, name: &str) -> CaptureProblem {
    paste
        .problem(ProblemKind::UnknownCurlOption, at)
        .about(name)
}

fn missing(paste: &Paste, at: usize, name: &str) -> CaptureProblem {
    paste.problem(ProblemKind::CurlMissingValue, at).about(name)
}

/// Text rebuilt from words, with a paste offset for each byte.
#[derive(Default)]
struct Built {
    text: String,
    offsets: Vec<usize>,
}

impl Built {
    fn push(&mut self, text: &str, at: usize) {
        self.text.push_str(text);
        self.offsets.extend(std::iter::repeat_n(at, text.len()));
    }

    fn push_value(&mut self, value: &Value) {
        let origin = value.origin();
        self.text.push_str(value.text());
        self.offsets
            .extend((0..value.text().len()).map(|i| origin.offset(i)));
    }

    /// `--data-urlencode`'s encoding of a value: everything but `A-Z a-z 0-9 - . _ ~` as `%XX`.
    fn push_encoded(&mut self, value: &Value, from: usize) {
        let text = value.text();
        for (i, c) in text[from..].char_indices() {
            let at = value.origin().offset(from + i);
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
                self.push(c.encode_utf8(&mut [0; 4]), at);
            } else {
                for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                    self.push(&format!("%{byte:02X}"), at);
                }
            }
        }
    }
}

impl<'w> Command<'w> {
    fn flag(&mut self, opt: Opt) {
        match opt {
            Opt::Get => self.get = true,
            Opt::Head => self.head = true,
            _ => {}
        }
    }

    fn apply(&mut self, paste: &Paste, opt: Opt, value: Value<'w>) -> Result<(), CaptureProblem> {
        let text = value.text();
        match opt {
            Opt::Method => self.method = Some(text.trim().to_ascii_uppercase()),
            Opt::Header => {
                let (name, v) = match text.split_once(':') {
                    Some((name, v)) => (name, v),
                    None if text.trim_end().ends_with(';') => {
                        (text.trim_end().trim_end_matches(';'), "")
                    }
                    None => {
                        return Err(paste
                            .problem(ProblemKind::BadHeader, value.at())
                            .about(text))
                    }
                };
                self.headers
                    .push((name.trim().to_string(), v.trim().to_string()));
            }
            Opt::Data(kind) => {
                let from_file = match kind {
                    Data::Plain | Data::Json => text.strip_prefix('@'),
                    Data::UrlEncode => url_encode_file(text),
                    Data::Raw => None,
                };
                if let Some(file) = from_file {
                    return Err(paste
                        .problem(ProblemKind::CurlDataFromFile, value.at())
                        .about(file));
                }
                self.data.push((kind, value));
            }
            Opt::Url if self.url.is_some() => {
                return Err(paste
                    .problem(ProblemKind::SeveralUrls, value.at())
                    .about(text));
            }
            Opt::Url => self.url = Some(value),
            Opt::Flag | Opt::Skip | Opt::Get | Opt::Head => {}
        }
        Ok(())
    }

    fn finish(self, paste: &Paste) -> Result<CapturedRequest, CaptureProblem> {
        let Some(url_value) = self.url else {
            return Err(paste.problem(ProblemKind::CurlWithoutUrl, paste.end));
        };
        let mut data = Built::default();
        for (n, (kind, value)) in self.data.iter().enumerate() {
            if n > 0 {
                data.push("&", value.at());
            }
            match kind {
                Data::UrlEncode => {
                    // `name=content` keeps `name=`; `=content` and `content` send the content only.
                    let text = value.text();
                    let split = text.find('=').map_or(0, |eq| eq + 1);
                    if split > 1 {
                        data.text.push_str(&text[..split]);
                        data.offsets
                            .extend((0..split).map(|i| value.origin().offset(i)));
                    }
                    data.push_encoded(value, split);
                }
                _ => data.push_value(value),
            }
        }
        let mut url = Built::default();
        if !has_scheme(url_value.text()) {
            // curl itself assumes http:// for an address without a scheme.
            url.push("http://", url_value.at());
        }
        url.push_value(&url_value);
        let mut body = (!self.data.is_empty()).then_some(data);
        if self.get {
            if let Some(data) = body.take() {
                let glue = if url.text.contains('?') { "&" } else { "?" };
                url.push(glue, url_value.at());
                url.text.push_str(&data.text);
                url.offsets.extend(data.offsets);
            }
        }
        let address = read_address(paste, &url.text, Origin::Table(&url.offsets))?;
        let json = self.data.iter().any(|(kind, _)| *kind == Data::Json);
        let content_type = header(&self.headers, "content-type")
            .map(str::to_string)
            .or_else(|| body.as_ref().map(|_| default_type(json).to_string()));
        let mut params = address.params;
        if let (Some(b), Some(ct)) = (&body, &content_type) {
            if is_form_type(ct) && !starts_like_document(&b.text) {
                read_pairs(
                    paste,
                    &b.text,
                    Origin::Table(&b.offsets),
                    ParamPlace::Form,
                    &mut params,
                )?;
            }
        }
        let method = self.method.unwrap_or_else(|| {
            match (self.head, body.is_some()) {
                (true, _) => "HEAD",
                (false, true) => "POST",
                (false, false) => "GET",
            }
            .to_string()
        });
        Ok(CapturedRequest {
            source: CaptureSource::Curl,
            http_method: method,
            url: Some(address.url),
            raw_query: address.raw_query,
            params,
            sent_at: date_header(&self.headers),
            headers: self.headers,
            body: body.map(|b| b.text),
            content_type,
        })
    }
}

fn default_type(json: bool) -> &'static str {
    if json {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    }
}
