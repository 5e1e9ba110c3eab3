//! The curl options the curl reader knows: those that shape the request, and those that only
//! change how curl behaves (skipped, with their value when they take one).

/// What an option does to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opt {
    /// Changes nothing in the request.
    Flag,
    /// Takes a value that changes nothing this reader keeps.
    Skip,
    Method,
    Header,
    Data(Data),
    Url,
    Get,
    Head,
}

/// The kinds of data option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Data {
    /// `-d`, `--data`, `--data-ascii`, `--data-binary`: `@file` reads a file.
    Plain,
    /// `--data-raw`: taken as written.
    Raw,
    UrlEncode,
    /// `--json`: like `--data-binary`, typed JSON.
    Json,
}

/// A `--name` option.
pub(super) fn long_option(name: &str) -> Option<Opt> {
    Some(match name {
        "request" => Opt::Method,
        "header" => Opt::Header,
        "data" | "data-ascii" | "data-binary" => Opt::Data(Data::Plain),
        "data-raw" => Opt::Data(Data::Raw),
        "data-urlencode" => Opt::Data(Data::UrlEncode),
        "json" => Opt::Data(Data::Json),
        "url" => Opt::Url,
        "get" => Opt::Get,
        "head" => Opt::Head,
        "location"
        | "location-trusted"
        | "compressed"
        | "insecure"
        | "silent"
        | "show-error"
        | "verbose"
        | "include"
        | "http1.0"
        | "http1.1"
        | "http2"
        | "http2-prior-knowledge"
        | "http3"
        | "fail"
        | "fail-with-body"
        | "globoff"
        | "no-buffer"
        | "no-progress-meter"
        | "progress-bar"
        | "ssl-no-revoke"
        | "path-as-is"
        | "raw"
        | "tr-encoding"
        | "no-keepalive"
        | "tcp-nodelay"
        | "ipv4"
        | "ipv6"
        | "tlsv1"
        | "tlsv1.0"
        | "tlsv1.1"
        | "tlsv1.2"
        | "tlsv1.3"
        | "no-alpn"
        | "no-sessionid"
        | "remote-name"
        | "remote-name-all"
        | "create-dirs"
        | "basic"
        | "digest"
        | "ntlm"
        | "negotiate"
        | "anyauth"
        | "proxytunnel"
        | "junk-session-cookies"
        | "styled-output"
        | "no-styled-output"
        | "no-clobber"
        | "retry-all-errors"
        | "retry-connrefused"
        | "disable"
        | "ssl"
        | "ssl-reqd" => Opt::Flag,
        "user" | "user-agent" | "referer" | "cookie" | "cookie-jar" | "connect-timeout"
        | "max-time" | "output" | "proxy" | "proxy-user" | "retry" | "retry-delay"
        | "retry-max-time" | "cacert" | "capath" | "cert" | "cert-type" | "key" | "key-type"
        | "pass" | "resolve" | "connect-to" | "max-redirs" | "write-out" | "interface"
        | "limit-rate" | "max-filesize" | "dns-servers" | "noproxy" | "proxy-header"
        | "expect100-timeout" | "keepalive-time" | "local-port" | "trace" | "trace-ascii"
        | "stderr" | "ciphers" | "tls-max" | "unix-socket" | "output-dir" => Opt::Skip,
        _ => return None,
    })
}

/// A `-c` option.
pub(super) fn short_option(c: char) -> Option<Opt> {
    Some(match c {
        'X' => Opt::Method,
        'H' => Opt::Header,
        'd' => Opt::Data(Data::Plain),
        'G' => Opt::Get,
        'I' => Opt::Head,
        'L' | 's' | 'S' | 'v' | 'i' | 'k' | 'f' | 'g' | 'N' | '#' | '0' | '4' | '6' | 'q' | 'O'
        | 'R' | 'J' | 'n' | 'p' => Opt::Flag,
        'u' | 'A' | 'e' | 'b' | 'm' | 'o' | 'x' | 'c' | 'w' | 'E' | 'U' | 'r' | 'C' | 'y' | 'Y' => {
            Opt::Skip
        }
        _ => return None,
    })
}

/// Whether the option reads the next word (or the rest of its own) as its value.
pub(super) fn takes_value(opt: Opt) -> bool {
    !matches!(opt, Opt::Flag | Opt::Get | Opt::Head)
}

/// The file named by a `--data-urlencode` value of the form `@file` or `name@file`.
pub(super) fn url_encode_file(text: &str) -> Option<&str> {
    let at = text.find('@')?;
    match text.find('=') {
        Some(eq) if eq < at => None,
        _ => Some(&text[at + 1..]),
    }
}
