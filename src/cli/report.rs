//! How every command reports what was wrong with its input, within a
//! bound: the bad lines of a file read line by line (at most `--max-errors`
//! of them, then one line counting the rest), and the input values that
//! error messages echo (cut, with control characters escaped).
//!
//! A file is hostile until read: 0.9 MB of `1` lines would otherwise make
//! some 45 MB of standard error, and one 1 MB string would be echoed whole,
//! NUL and bell characters included.

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Lang;

/// The bad lines shown when `--max-errors` is not given.
pub(crate) const DEFAULT_MAX_ERRORS: u64 = 1_000;

/// The `--max-errors` of this run (0: no limit). The tool runs one command
/// a process, so the flag is set once, in `cli::run`, before any command
/// starts, rather than threaded through every command's arguments.
static MAX_ERRORS: AtomicU64 = AtomicU64::new(DEFAULT_MAX_ERRORS);

/// Sets the number of bad lines each reader shows (0: all of them).
pub(crate) fn set_max_errors(n: u64) {
    MAX_ERRORS.store(n, Ordering::Relaxed);
}

/// A run of characters without white space longer than this is cut to
/// its first `MAX_RUN` characters and an ellipsis. 120 characters keep a
/// file path, a date, an id or a number of any sensible length whole.
pub(crate) const MAX_RUN: usize = 120;

/// A line of a message longer than this (after the runs are cut) is cut
/// to this many characters and an ellipsis.
pub(crate) const MAX_LINE: usize = 1_000;

/// A message that lists one problem a line shows at most this many lines,
/// then an ellipsis: ten times the bad lines shown by default, so that a
/// listing within that cap is never cut, while a value of many line feeds
/// cannot make a message of as many lines.
pub(crate) const MAX_LINES: usize = 10_000;

/// The bad lines of one input: each is written to standard error until
/// `--max-errors` have been, then only counted; [`BadLines::finish`]
/// writes how many more there were. The exit status is the command's,
/// unchanged.
#[derive(Debug)]
pub(crate) struct BadLines {
    limit: u64,
    count: u64,
    lang: Lang,
}

impl BadLines {
    /// A count of bad lines, with the limit of this run.
    pub fn new(lang: Lang) -> BadLines {
        BadLines {
            limit: MAX_ERRORS.load(Ordering::Relaxed),
            count: 0,
            lang,
        }
    }

    /// Counts one bad line and, within the limit, writes
    /// `jiceng: PLACE: MESSAGE` with the message made safe by [`shown`].
    /// Beyond the limit the message is not even formatted.
    pub fn report(
        &mut self,
        err: &mut dyn Write,
        place: impl Display,
        message: impl Display,
    ) -> io::Result<()> {
        if !self.admit() {
            return Ok(());
        }
        let text = message.to_string();
        writeln!(err, "jiceng: {place}: {}", shown(&text, false))
    }

    /// Counts one bad line and says whether it is within the limit, for a
    /// command that writes its bad lines in its own form (`staffing check`
    /// lists them with its findings).
    pub fn admit(&mut self) -> bool {
        self.count += 1;
        self.limit == 0 || self.count <= self.limit
    }

    /// The bad lines counted, shown or not.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The bad lines counted but not written.
    pub fn hidden(&self) -> u64 {
        if self.limit == 0 {
            0
        } else {
            self.count.saturating_sub(self.limit)
        }
    }

    /// Writes one line saying how many bad lines were not shown, if any.
    pub fn finish(&self, err: &mut dyn Write) -> io::Result<()> {
        let hidden = self.hidden();
        if hidden == 0 {
            return Ok(());
        }
        let limit = self.limit;
        match self.lang {
            Lang::En => writeln!(
                err,
                "jiceng: … {hidden} more bad line{} not shown (--max-errors {limit}; 0 shows all)",
                if hidden == 1 { "" } else { "s" }
            ),
            Lang::Zh => writeln!(
                err,
                "jiceng: …另有 {hidden} 行有误，未显示（--max-errors {limit}；设为 0 显示全部）"
            ),
        }
    }
}

/// Whether `c` must not reach a terminal as it is: a control character
/// (NUL, bell, escape, line breaks …) or an invisible format character
/// that reorders or hides text (bidirectional overrides, zero-width
/// characters, the byte-order mark, interlinear annotations), and the
/// noncharacters U+FFFE and U+FFFF, a byte-order mark read backwards.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// `text` as an error message may echo it: control and invisible
/// characters escaped as Rust writes them (`\0`, `\u{7}`, `\u{feff}`;
/// line feeds kept when `newlines`, for messages that list one problem a
/// line, and then at most [`MAX_LINES`] lines and `…`), every run of more
/// than [`MAX_RUN`] characters without white space cut to its first
/// [`MAX_RUN`] and `…`, and every line cut to [`MAX_LINE`] characters and
/// `…`. Without `newlines` the whole message is one line, its line feeds
/// escaped in it, so a value of many line feeds makes no more of it. Text
/// that needs none of this is borrowed as it is.
pub(crate) fn shown(text: &str, newlines: bool) -> Cow<'_, str> {
    let mut run = 0usize;
    let mut line = 0usize;
    let mut lines = 1usize;
    let clean = text.chars().all(|c| {
        if c == '\n' && newlines {
            run = 0;
            line = 0;
            lines += 1;
            return lines <= MAX_LINES;
        }
        run = if c.is_whitespace() { 0 } else { run + 1 };
        line += 1;
        !unsafe_char(c) && run <= MAX_RUN && line <= MAX_LINE
    });
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4 * MAX_LINE));
    if !newlines {
        // A line feed is a control character: escaped, and part of a run.
        cut_line(&mut out, text);
        return Cow::Owned(out);
    }
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == MAX_LINES {
            out.push('…');
            break;
        }
        cut_line(&mut out, l);
    }
    Cow::Owned(out)
}

/// Appends one line of a message to `out`, made safe as [`shown`] says.
fn cut_line(out: &mut String, line: &str) {
    let mut run = 0usize;
    let mut written = 0usize;
    let mut in_cut = false;
    for c in line.chars() {
        if c.is_whitespace() && !unsafe_char(c) {
            run = 0;
            in_cut = false;
        } else {
            run += 1;
            if run > MAX_RUN {
                if !in_cut {
                    in_cut = true;
                    out.push('…');
                    written += 1;
                }
                continue;
            }
        }
        if written >= MAX_LINE {
            out.push('…');
            return;
        }
        if unsafe_char(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "{}", Escaped(c));
        } else {
            out.push(c);
        }
        written += 1;
    }
}

/// A character as Rust escapes it in a string literal.
struct Escaped(char);

impl Display for Escaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            '\0' => f.write_str("\\0"),
            c => write!(f, "{}", c.escape_default()),
        }
    }
}

/// serde's words in a message, put in Chinese where they follow serde's
/// forms (`invalid type: integer `7`, expected a string`, `unknown variant
/// `x`, expected one of …`, `missing field `x``): the value and the names
/// it quotes stay as they are. Text in no such form is returned as it is.
pub(crate) fn serde_zh(message: &str) -> String {
    let mut out = message.to_owned();
    let mut put = |en: &str, zh: &str| {
        if out.contains(en) {
            out = out.replace(en, zh);
        }
    };
    // What was expected, whole phrases first.
    for (en, zh) in [
        ("a kind (a string)", "类别名（字符串）"),
        ("a string", "字符串"),
        ("a boolean", "布尔值"),
        ("a sequence", "数组"),
        ("a map", "对象"),
        (
            "a Decimal type representing a fixed-point number",
            "十进制金额（字符串，如 \"5000.00\"）",
        ),
        ("a valid date", "有效的日期"),
        ("u8", "0 到 255 的整数"),
        ("u32", "非负整数"),
        ("u64", "非负整数"),
    ] {
        put(&format!(", expected {en}"), &format!("，应为{zh}"));
    }
    for (en, zh) in [
        ("invalid type: ", "类型有误："),
        ("invalid value: ", "取值有误："),
        ("invalid length ", "长度有误："),
        ("unknown variant ", "未知的取值 "),
        ("unknown field ", "未知的字段 "),
        ("missing field ", "缺少字段 "),
        ("duplicate field ", "字段重复："),
        (", expected one of ", "，应为以下之一："),
        (", expected ", "，应为 "),
        ("there are no variants", "没有可选的取值"),
        ("integer `", "整数 `"),
        ("floating point `", "小数 `"),
        ("boolean `", "布尔值 `"),
        ("string \"", "字符串 \""),
    ] {
        put(en, zh);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde's forms put in Chinese, the values and names as they are.
    #[test]
    fn serde_words_in_chinese() {
        for (en, zh) in [
            (
                "invalid type: integer `1`, expected a kind (a string)",
                "类型有误：整数 `1`，应为类别名（字符串）",
            ),
            (
                "invalid type: null, expected a string",
                "类型有误：null，应为字符串",
            ),
            (
                "invalid type: floating point `1.5`, expected a boolean",
                "类型有误：小数 `1.5`，应为布尔值",
            ),
            (
                "invalid type: boolean `true`, expected a sequence",
                "类型有误：布尔值 `true`，应为数组",
            ),
            (
                "invalid type: sequence, expected a map",
                "类型有误：sequence，应为对象",
            ),
            (
                "invalid value: string \"abc\", expected a Decimal type representing a fixed-point number",
                "取值有误：字符串 \"abc\"，应为十进制金额（字符串，如 \"5000.00\"）",
            ),
            (
                "invalid value: integer `300`, expected u8",
                "取值有误：整数 `300`，应为0 到 255 的整数",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "取值有误：整数 `-1`，应为非负整数",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "取值有误：整数 `-1`，应为非负整数",
            ),
            (
                "invalid value: string \"x\", expected a valid date",
                "取值有误：字符串 \"x\"，应为有效的日期",
            ),
            ("invalid length 3, expected 2", "长度有误：3，应为 2"),
            (
                "unknown variant `fax`, expected one of `a`, `b`",
                "未知的取值 `fax`，应为以下之一：`a`, `b`",
            ),
            (
                "unknown variant `x`, there are no variants",
                "未知的取值 `x`, 没有可选的取值",
            ),
            (
                "unknown field `x`, expected `y`",
                "未知的字段 `x`，应为 `y`",
            ),
            ("missing field `id`", "缺少字段 `id`"),
            ("duplicate field `id`", "字段重复：`id`"),
            ("nothing of serde's", "nothing of serde's"),
        ] {
            assert_eq!(serde_zh(en), zh, "{en}");
        }
    }

    fn check(input: &str, newlines: bool, expected: &str) {
        assert_eq!(shown(input, newlines), expected, "input {input:?}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        let text = "missing field `event` at line 1 column 2";
        assert!(matches!(shown(text, false), Cow::Borrowed(_)));
        check(text, false, text);
    }

    #[test]
    fn control_characters_are_escaped() {
        // NUL, bell, tab, escape, carriage return, a byte-order mark and a
        // right-to-left override, each escaped as a Rust literal writes it.
        check(
            "a\0b\u{7}c\td\u{1b}e\rf\u{feff}g\u{202e}h",
            false,
            "a\\0b\\u{7}c\\td\\u{1b}e\\rf\\u{feff}g\\u{202e}h",
        );
        // A byte-order mark read backwards (U+FFFE), as a scenario name
        // carried it.
        check("a\u{fffe}b", false, "a\\u{fffe}b");
        check("one\ntwo", false, "one\\ntwo");
        check("one\ntwo", true, "one\ntwo");
    }

    #[test]
    fn a_long_run_is_cut_at_its_limit() {
        let long = "x".repeat(MAX_RUN);
        check(&long, false, &long);
        // One more character: the first 120 and an ellipsis.
        let longer = format!("name \"{}\" is too long", "x".repeat(200));
        let expected = format!("name \"{}… is too long", "x".repeat(MAX_RUN - 1));
        check(&longer, false, &expected);
        // A number of 301 digits (1e300 written out) keeps 120.
        let big = format!("median_minutes: 1{}", "0".repeat(300));
        check(
            &big,
            false,
            &format!("median_minutes: 1{}…", "0".repeat(119)),
        );
    }

    #[test]
    fn a_long_line_of_short_runs_is_cut() {
        let text = "ab ".repeat(1_000);
        let expected = format!("{}…", &text[..MAX_LINE]);
        check(&text, false, &expected);
        // Each line of a listing is cut on its own.
        let listing = format!("{text}\nshort");
        check(&listing, true, &format!("{expected}\nshort"));
    }

    #[test]
    fn a_value_of_many_line_feeds_makes_no_more_message() {
        // One line: the line feeds escaped and part of one run of 120.
        let feeds = "a\n".repeat(50_000);
        check(&feeds, false, &format!("{}…", "a\\n".repeat(60)));
        // A listing: 10,000 lines, then an ellipsis.
        let listing = "a\n".repeat(MAX_LINES + 5);
        let expected = format!("{}…", "a\n".repeat(MAX_LINES));
        check(&listing, true, &expected);
        // Exactly MAX_LINES lines are kept whole, and borrowed.
        let full = vec!["a"; MAX_LINES].join("\n");
        assert!(matches!(shown(&full, true), Cow::Borrowed(_)));
        let one_more = vec!["a"; MAX_LINES + 1].join("\n");
        check(&one_more, true, &format!("{full}\n…"));
    }

    #[test]
    fn chinese_counts_characters_not_bytes() {
        // 120 characters of 360 bytes stay whole.
        let text = "中".repeat(MAX_RUN);
        check(&text, false, &text);
        check(&"中".repeat(MAX_RUN + 1), false, &format!("{text}…"));
    }

    #[test]
    fn bad_lines_beyond_the_limit_are_counted_not_written() {
        let mut lines = BadLines {
            limit: 2,
            count: 0,
            lang: Lang::En,
        };
        let mut err = Vec::new();
        for n in 1..=5 {
            lines
                .report(&mut err, format_args!("f:{n}"), "bad")
                .unwrap();
        }
        lines.finish(&mut err).unwrap();
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "jiceng: f:1: bad\njiceng: f:2: bad\n\
             jiceng: … 3 more bad lines not shown (--max-errors 2; 0 shows all)\n"
        );
        assert_eq!((lines.count, lines.hidden()), (5, 3));
    }

    #[test]
    fn no_limit_shows_every_line_and_no_count() {
        let mut lines = BadLines {
            limit: 0,
            count: 0,
            lang: Lang::Zh,
        };
        let mut err = Vec::new();
        for n in 1..=3 {
            lines
                .report(&mut err, format_args!("第 {n} 行"), "x")
                .unwrap();
        }
        lines.finish(&mut err).unwrap();
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "jiceng: 第 1 行: x\njiceng: 第 2 行: x\njiceng: 第 3 行: x\n"
        );
        assert_eq!(lines.hidden(), 0);
    }

    #[test]
    fn one_hidden_line_is_said_in_the_singular_and_in_chinese() {
        for (lang, expected) in [
            (
                Lang::En,
                "jiceng: … 1 more bad line not shown (--max-errors 1; 0 shows all)\n",
            ),
            (
                Lang::Zh,
                "jiceng: …另有 1 行有误，未显示（--max-errors 1；设为 0 显示全部）\n",
            ),
        ] {
            let mut lines = BadLines {
                limit: 1,
                count: 2,
                lang,
            };
            let mut err = Vec::new();
            lines.finish(&mut err).unwrap();
            assert_eq!(String::from_utf8(err).unwrap(), expected);
            lines.count = 1;
            let mut err = Vec::new();
            lines.finish(&mut err).unwrap();
            assert!(err.is_empty());
        }
    }
}
