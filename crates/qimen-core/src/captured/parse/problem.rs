//! Why a paste could not be read as a request: what was expected, where reading stopped, and how
//! to fix it, in plain words for a support engineer.

use crate::text::Text;
use serde::Serialize;

/// A place in the pasted text, both 1-based; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
pub struct TextPosition {
    pub line: usize,
    pub column: usize,
}

/// What kind of text was found where a request was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Nothing but white space was pasted.
    Empty,
    /// More than [`super::MAX_PASTE_BYTES`].
    TooLarge,
    /// A control character: binary data, not text.
    ControlCharacter,
    /// None of the five kinds of input.
    NotARequest,
    /// An address without `http://` or `https://` (a bare host).
    MissingScheme,
    /// An address whose host cannot be read.
    BadUrl,
    /// An address that stops before its query: copied only in part.
    TruncatedUrl,
    /// A request with no parameter anywhere (no query, no form, no body).
    NoParameters,
    /// The text ends inside a percent escape (`%E4%B8`): copied only in part.
    TruncatedEscape,
    /// A `%` not followed by two hexadecimal digits.
    BadEscape,
    /// Percent escapes that are not UTF-8 (often GBK).
    NotUtf8,
    /// A shell variable or substitution in a curl command.
    ShellVariable,
    /// A curl option this reader does not know.
    UnknownCurlOption,
    /// A curl option at the end of the command, without its value.
    CurlMissingValue,
    /// `-d @file`: the data is in a file that is not here.
    CurlDataFromFile,
    /// A curl command without an address.
    CurlWithoutUrl,
    /// A curl command with more than one address.
    SeveralUrls,
    /// A quote opened and never closed.
    UnclosedQuote,
    /// The first line of a raw HTTP request is not `METHOD target HTTP/x.y`.
    BadRequestLine,
    /// A header line without a colon.
    BadHeader,
    /// A raw HTTP request with a relative target and no `Host` header.
    MissingHost,
}

/// A paste that is not a readable request. `subject` holds what the message names (a parameter,
/// an option, a variable, a line), shortened for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{}", english(*.kind, .subject.as_deref().unwrap_or(""), *.position))]
pub struct CaptureProblem {
    pub kind: ProblemKind,
    /// Where reading stopped; `None` when the paste as a whole is the problem (empty, too large).
    pub position: Option<TextPosition>,
    /// What the message names: a parameter, an option, a variable, a line.
    pub subject: Option<String>,
}

/// The longest subject kept, in characters.
const SUBJECT_CHARS: usize = 80;

impl CaptureProblem {
    pub(super) fn new(kind: ProblemKind, position: Option<TextPosition>) -> Self {
        CaptureProblem {
            kind,
            position,
            subject: None,
        }
    }

    /// The same problem naming `subject` (shortened to a readable length).
    pub(super) fn about(mut self, subject: &str) -> Self {
        let mut clipped: String = subject.chars().take(SUBJECT_CHARS).collect();
        if subject.chars().nth(SUBJECT_CHARS).is_some() {
            clipped.push('…');
        }
        self.subject = Some(clipped);
        self
    }

    /// What went wrong, where, and how to fix it, in Chinese and English.
    pub fn message(&self) -> Text {
        let s = self.subject.as_deref().unwrap_or("");
        let zh = match self.position {
            Some(p) => format!(
                "{}（第 {} 行第 {} 列）",
                chinese(self.kind, s),
                p.line,
                p.column
            ),
            None => chinese(self.kind, s),
        };
        Text::new(zh, english(self.kind, s, self.position))
    }
}

fn english(kind: ProblemKind, s: &str, position: Option<TextPosition>) -> String {
    use ProblemKind::*;
    let text = match kind {
        Empty => "Nothing was pasted. Paste the customer's request: its address, a curl command, the raw HTTP text, a query string or a line of the SDK log.".to_string(),
        TooLarge => "The pasted text is larger than 4 MiB, too large for one request. Paste only the request you want checked.".to_string(),
        ControlCharacter => format!("The text holds an invisible control character ({s}): it looks like binary data or garbled text, not a request. Copy the request as text from the log or the capture tool."),
        NotARequest => "This does not look like a request. Expected one of: a full address starting with http:// or https://, a curl command, a raw HTTP request (POST /router/rest HTTP/1.1 …), a query string such as method=…&app_key=…, or an SDK log line starting with its date and time.".to_string(),
        MissingScheme => format!("The address \"{s}\" does not start with http:// or https://. Copy the whole address, or add http:// (or https://) in front."),
        BadUrl => format!("The address \"{s}\" cannot be read: after http:// or https:// comes the server's name, such as gw.api.taobao.com."),
        TruncatedUrl => format!("The address \"{s}\" ends before its parameters: a request to the platform always has ?method=…&app_key=… after the address. It was probably copied only in part; copy the whole address."),
        NoParameters => "A request was found but it carries no parameter at all (nothing after ? in the address, no form, no body). Copy the whole request.".to_string(),
        TruncatedEscape => format!("The value of parameter \"{s}\" ends in the middle of a percent code (such as %E4%B8%AD): the text was probably copied only in part. Copy the whole request."),
        BadEscape => format!("In parameter \"{s}\" a % is not followed by two hexadecimal digits (the right form is like %2C). The server cannot read such a value: the sender must URL-encode values (a % itself is written %25)."),
        NotUtf8 => format!("The value of parameter \"{s}\" is not UTF-8 text once decoded: perhaps it was encoded as GBK (or it was cut short). The platform reads parameters as UTF-8; the sender must encode them as UTF-8."),
        ShellVariable => format!("The curl command uses the variable or substitution \"{s}\", whose value is not known here. Replace it with its value and paste again."),
        UnknownCurlOption => format!("The curl option \"{s}\" is not supported here. Remove it, or write the request with the usual options (-X, -H, -d, --data-urlencode)."),
        CurlMissingValue => format!("The curl option \"{s}\" has no value after it. Copy the whole command."),
        CurlDataFromFile => format!("The curl command reads its data from the file \"{s}\" (-d @file), which cannot be read here. Put the file's content after -d instead, in single quotes."),
        CurlWithoutUrl => "The curl command has no address. Copy the whole command.".to_string(),
        SeveralUrls => format!("The curl command has more than one address (the second is \"{s}\"). Keep only the request to check."),
        UnclosedQuote => format!("A quote ({s}) opens here and never closes: the command was probably copied only in part. Copy the whole command."),
        BadRequestLine => format!("The first line of an HTTP request must be \"METHOD path HTTP/version\", such as POST /router/rest HTTP/1.1; here it is \"{s}\"."),
        BadHeader => format!("The header line \"{s}\" has no colon. Each header is written \"Name: value\", and an empty line separates the headers from the body."),
        MissingHost => "The HTTP request has no Host header, so the server it went to is unknown. Add a Host line (such as Host: gw.api.taobao.com) or put the full address in the first line.".to_string(),
    };
    match position {
        Some(p) => format!("{text} (line {}, column {})", p.line, p.column),
        None => text,
    }
}

fn chinese(kind: ProblemKind, s: &str) -> String {
    use ProblemKind::*;
    match kind {
        Empty => "没有粘贴任何内容。请粘贴客户的请求：请求地址、curl 命令、HTTP 请求原文、参数串，或 SDK 日志中的一行。".to_string(),
        TooLarge => "粘贴的内容超过 4 MiB，一次请求不会这么大。请只粘贴要检查的那一次请求。".to_string(),
        ControlCharacter => format!("内容中有不可见的控制字符（{s}），像是二进制数据或乱码，不是文本形式的请求。请从日志或抓包工具中以文本方式复制请求。"),
        NotARequest => "看不出这是一次请求。应为以下之一：以 http:// 或 https:// 开头的完整地址、curl 命令、HTTP 请求原文（如 POST /router/rest HTTP/1.1 …）、method=…&app_key=… 这样的参数串，或以日期时间开头的 SDK 日志行。".to_string(),
        MissingScheme => format!("地址“{s}”没有以 http:// 或 https:// 开头。请复制完整地址，或在前面补上 http://（或 https://）。"),
        BadUrl => format!("无法识别地址“{s}”：http:// 或 https:// 后面应是服务器名称，例如 gw.api.taobao.com。"),
        TruncatedUrl => format!("地址“{s}”在参数之前就结束了：发往开放平台的请求，地址后面总有 ?method=…&app_key=… 等参数。地址可能只复制了一半，请复制完整地址。"),
        NoParameters => "找到了请求，但其中没有任何参数（地址后面没有 ?…，也没有表单或请求体）。请复制完整的请求。".to_string(),
        TruncatedEscape => format!("参数“{s}”的值在一个百分号编码（如 %E4%B8%AD）中间就结束了，内容可能只复制了一半。请复制完整的请求。"),
        BadEscape => format!("参数“{s}”中的“%”后面不是两位十六进制数字（正确写法如 %2C）。服务器读不懂这样的值：发送方应对参数值做 URL 编码（“%”本身写作 %25）。"),
        NotUtf8 => format!("参数“{s}”的值解码后不是 UTF-8 文本，可能是用 GBK 编码的（也可能被截断了）。开放平台按 UTF-8 读取参数，发送方需要改用 UTF-8 编码。"),
        ShellVariable => format!("curl 命令中用到了变量或命令替换“{s}”，这里无法得知它的值。请把它替换成实际的值后再粘贴。"),
        UnknownCurlOption => format!("这里不支持 curl 选项“{s}”。请删除它，或改用常用选项（-X、-H、-d、--data-urlencode）写出请求。"),
        CurlMissingValue => format!("curl 选项“{s}”后面缺少它的值。请复制完整的命令。"),
        CurlDataFromFile => format!("curl 命令从文件“{s}”读取请求数据（-d @文件），这里读不到这个文件。请把文件内容直接写在 -d 后面，并用单引号括起来。"),
        CurlWithoutUrl => "curl 命令中没有请求地址。请复制完整的命令。".to_string(),
        SeveralUrls => format!("curl 命令中有不止一个地址（第二个是“{s}”）。请只保留要检查的那一次请求。"),
        UnclosedQuote => format!("这里的引号（{s}）开始后一直没有结束，命令可能只复制了一半。请复制完整的命令。"),
        BadRequestLine => format!("HTTP 请求的第一行应为“方法 路径 HTTP/版本”，例如 POST /router/rest HTTP/1.1；这里是“{s}”。"),
        BadHeader => format!("请求头“{s}”中没有冒号。每个请求头写作“名称: 值”，请求头和请求体之间要空一行。"),
        MissingHost => "HTTP 请求中没有 Host 请求头，无法知道发往哪台服务器。请补上 Host 行（如 Host: gw.api.taobao.com），或在第一行写完整地址。".to_string(),
    }
}
