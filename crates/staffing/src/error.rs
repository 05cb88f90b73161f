//! The one error type of this crate.

use chrono::NaiveDate;

use crate::establishment::QuotaKind;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A transfer or cancellation that would take more quotas than a body
    /// holds, or leave it with fewer quotas than people on them. Nothing is
    /// applied.
    #[error(
        "{action} of {count} {kind} quotas {} refused: {from} holds {quota} with headcount {headcount}, which would leave {left}{why}",
        if to == "-" { format!("at {from}") } else { format!("from {from} to {to}") }
    )]
    Refused {
        /// `transfer` or `cancellation`.
        action: &'static str,
        /// The body giving quotas.
        from: String,
        /// The body receiving them (`-` for a cancellation).
        to: String,
        /// The kind of quota.
        kind: QuotaKind,
        /// How many were to move.
        count: u32,
        /// The giving body's quotas of that kind before.
        quota: u32,
        /// The giving body's headcount of that kind.
        headcount: u32,
        /// What would be left (negative when more were asked than held).
        left: i64,
        /// `, below its headcount` or `, a negative number`.
        why: &'static str,
    },
    /// A body code that the ledger does not know.
    #[error("unknown body {code:?}")]
    UnknownBody {
        /// The code as written.
        code: String,
    },
    /// An event's `body` or `to` that names no body of the ledger.
    #[error("field {field}: unknown body {code:?}")]
    UnknownField {
        /// `body` or `to`.
        field: &'static str,
        /// The code as written (cut to 64 characters).
        code: String,
    },
    /// A body declared twice.
    #[error("body {code:?} is declared twice")]
    DuplicateBody {
        /// The code.
        code: String,
    },
    /// An event dated before the one it follows: a ledger is kept in order.
    #[error("event on {date} is dated before the previous event ({previous})")]
    OutOfOrder {
        /// The event's date.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// A sinking (下沉) whose receiving body is not at a lower level than
    /// the giving one.
    #[error(
        "sinking (下沉) from {from} ({from_level}) to {to} ({to_level}): the receiving body must be at a lower level; {}",
        if from_level == to_level { "use adjust (调剂) between peers" } else { "use adjust (调剂) to move quotas up a level" }
    )]
    NotDownward {
        /// The giving body.
        from: String,
        /// Its level.
        from_level: String,
        /// The receiving body.
        to: String,
        /// Its level.
        to_level: String,
    },
    /// A departure of more people than a body has on that kind of quota.
    #[error("{count} {kind} staff cannot leave {body}: its headcount is {headcount}")]
    NegativeHeadcount {
        /// The body.
        body: String,
        /// The kind.
        kind: QuotaKind,
        /// How many were to leave.
        count: u32,
        /// The headcount before.
        headcount: u32,
    },
    /// An event that lacks a field its kind needs, or has one it must not.
    #[error("{kind} event: {problem}")]
    BadEvent {
        /// The event kind.
        kind: &'static str,
        /// What is wrong, naming the field.
        problem: String,
    },
    /// A count that overflows what a body can hold.
    #[error("{field} of {body} would overflow ({value} + {add})")]
    Overflow {
        /// The field.
        field: &'static str,
        /// The body.
        body: String,
        /// The value before.
        value: u32,
        /// What was added.
        add: u32,
    },
    /// Floors or ceilings that no apportionment of the pool can satisfy.
    #[error("infeasible: {problem}")]
    Infeasible {
        /// What is infeasible and by how much.
        problem: String,
    },
    /// A plan asked of no units at all (a units file with a header and no
    /// rows): there is nothing to share the pool among.
    #[error("no units: a plan needs at least one unit to share the pool among")]
    NoUnits,
    /// A parameter out of its range, named with its value.
    #[error("{name} = {value} is out of range: {expected}")]
    Parameter {
        /// The parameter.
        name: &'static str,
        /// Its value as given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// A file that cannot be parsed, with its 1-based line if known.
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Parse {
        /// The line.
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// An error at one event of a ledger file.
    #[error("line {line}: {source}")]
    AtLine {
        /// The 1-based line of the event.
        line: usize,
        /// The error.
        source: Box<Error>,
    },
}

impl Error {
    /// The error in Chinese, for `--lang zh`: every error of the crate,
    /// with the problems of an event, a row or a parameter it words
    /// itself. Codes, values and numbers are kept as they are; a message
    /// of the TOML or CSV parser, which the crate does not write, keeps
    /// its English text.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_staffing::{Error, QuotaKind};
    ///
    /// let e = Error::NegativeHeadcount {
    ///     body: "t1".into(),
    ///     kind: QuotaKind::Administrative,
    ///     count: 3,
    ///     headcount: 2,
    /// };
    /// assert_eq!(e.zh(), "t1 的行政编制实有人数为 2，不能减员 3 名");
    /// let e = Error::AtLine { line: 7, source: Box::new(Error::UnknownBody { code: "x".into() }) };
    /// assert_eq!(e.zh(), "第 7 行：未知的机构 \"x\"");
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Refused {
                action,
                from,
                to,
                kind,
                count,
                quota,
                headcount,
                left,
                why,
            } => {
                let (act, done) = match *action {
                    "transfer" => ("划转", "划转后"),
                    "cancellation" => ("核减", "核减后"),
                    other => (other, "之后"),
                };
                let whom = if to == "-" {
                    format!("在 {from} ")
                } else {
                    format!("从 {from} 向 {to} ")
                };
                let why = match *why {
                    ", a negative number" => "，为负数",
                    ", below its headcount" => "，低于实有人数",
                    other => other,
                };
                format!(
                    "拒绝{whom}“{act}”{} {count} 名：{from} 有编制 {quota}，实有人数 {headcount}，{done}剩余 {left}{why}",
                    kind.zh()
                )
            }
            Error::UnknownBody { code } => format!("未知的机构 {code:?}"),
            Error::UnknownField { field, code } => {
                format!("字段 `{field}`：未知的机构 {code:?}")
            }
            Error::DuplicateBody { code } => format!("机构 {code:?} 重复声明"),
            Error::OutOfOrder { date, previous } => {
                format!("{date} 的事件早于上一事件（{previous}）")
            }
            Error::NotDownward {
                from,
                from_level,
                to,
                to_level,
            } => format!(
                "“下沉”自 {from}（{}）至 {to}（{}）：接收机构须在更低层级；{}",
                level_zh(from_level),
                level_zh(to_level),
                if from_level == to_level {
                    "同级之间请用“调剂”"
                } else {
                    "向上级划转编制请用“调剂”"
                }
            ),
            Error::NegativeHeadcount {
                body,
                kind,
                count,
                headcount,
            } => format!(
                "{body} 的{}实有人数为 {headcount}，不能减员 {count} 名",
                kind.zh()
            ),
            Error::BadEvent { kind, problem } => {
                format!("{}：{}", kind_zh(kind), problems_zh(problem))
            }
            Error::Overflow {
                field,
                body,
                value,
                add,
            } => {
                let field = match *field {
                    "quotas" => "编制数",
                    "headcount" => "实有人数",
                    other => other,
                };
                format!("{body} 的{field}将溢出（{value} + {add}）")
            }
            Error::Infeasible { problem } => format!("无法实现：{}", infeasible_zh(problem)),
            Error::NoUnits => "没有单位：方案至少需要一个单位来分配增量".to_string(),
            Error::Parameter {
                name,
                value,
                expected,
            } => {
                let expected = expected_zh(expected);
                // A space between a Chinese word and a number or a name.
                let gap = if expected.starts_with(|c: char| c.is_ascii()) {
                    " "
                } else {
                    ""
                };
                format!("{name} = {} 超出范围：应为{gap}{expected}", value_zh(value))
            }
            Error::Parse { line, message } => format!(
                "{}{}",
                line.map(|l| format!("第 {l} 行：")).unwrap_or_default(),
                message_zh(message)
            ),
            Error::AtLine { line, source } => format!("第 {line} 行：{}", source.zh()),
        }
    }
}

/// The part of `text` between `prefix` and `suffix`, when it has both.
fn between<'a>(text: &'a str, prefix: &str, suffix: &str) -> Option<&'a str> {
    text.strip_prefix(prefix)?.strip_suffix(suffix)
}

/// A list of names as the crate writes it (`a, b, c` or `a, b or c`) with
/// the Chinese enumeration comma.
fn list_zh(list: &str) -> String {
    list.replace(" or ", "、").replace(", ", "、")
}

/// A level's Chinese name, from its lower-case English one.
fn level_zh(level: &str) -> &str {
    match level {
        "province" => "省级",
        "city" => "地级",
        "county" => "县级",
        "township" => "乡级",
        "village" => "村级",
        other => other,
    }
}

/// What a [`Error::BadEvent`] is about: an event of a kind (“核增”事件),
/// a body declaration, or a row of a CSV ledger.
fn kind_zh(kind: &str) -> String {
    let named = match kind {
        "body" => return "机构声明".to_string(),
        "row" => return "该行".to_string(),
        "create" => "核增",
        "cancel" => "核减",
        "sink" => "下沉",
        "adjust" => "调剂",
        "hire" => "进人",
        "leave" => "减员",
        "posts" => "核定职数",
        "fill" => "配备职务",
        other => return format!("{other} 事件"),
    };
    format!("“{named}”事件")
}

/// Splits `text` at each `"; "` outside a quoted value: the crate joins
/// the problems of a row with it, and a value (quoted as Rust quotes it)
/// may hold one too.
fn split_problems(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if quoted && c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if !quoted && c == ';' && text[i + 1..].starts_with(' ') {
            parts.push(&text[start..i]);
            start = i + 2;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The problems of an event or a row (joined with `; `), each in Chinese.
pub(crate) fn problems_zh(problems: &str) -> String {
    split_problems(problems)
        .into_iter()
        .map(problem_zh)
        .collect::<Vec<_>>()
        .join("；")
}

/// One problem of an event or a row in Chinese; one the crate does not
/// word is kept as it is.
fn problem_zh(p: &str) -> String {
    // `body "x": …`, a body declaration's problem.
    if let Some(rest) = p.strip_prefix("body \"") {
        if let Some(end) = closing_quote(rest) {
            let (code, tail) = rest.split_at(end + 1);
            if let Some(tail) = tail.strip_prefix(": ") {
                return format!("机构 \"{code}：{}", problem_zh(tail));
            }
        }
    }
    if let Some(name) = between(p, "field ", " is missing") {
        return format!("缺少字段 `{name}`");
    }
    if let Some(rest) = p.strip_prefix("field ") {
        if let Some((field, rule)) = rest.split_once(" must be 1 to ") {
            if let Some((max, got)) = rule.split_once(" bytes, got ") {
                if let Some(got) = got.strip_suffix(" bytes") {
                    return format!("字段 `{field}` 须为 1 至 {max} 字节，实为 {got} 字节");
                }
            }
            if let Some(max) = rule.strip_suffix(" bytes") {
                return format!("字段 `{field}` 须为 1 至 {max} 字节");
            }
        }
        if let Some((value, list)) = rest
            .strip_prefix("kind ")
            .and_then(|r| r.split_once(" is not one of "))
        {
            return format!("字段 `kind` 的值 {value} 不是 {} 之一", list_zh(list));
        }
        if let Some((field, value)) = rest.split_once(" (") {
            if let Some(value) = value.strip_suffix(") is not allowed") {
                return format!("此类事件不得有字段 `{field}`（{value}）");
            }
        }
        if let Some((field, what)) = rest.split_once(": ") {
            return format!("字段 `{field}`：{}", value_problem_zh(what));
        }
    }
    if let Some(to) = between(p, "body and to are the same (", ")") {
        return format!("`body` 与 `to` 相同（{to}）");
    }
    p.to_string()
}

/// The index of the quote that closes a value quoted as Rust quotes it,
/// in `text` that follows the opening quote.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// What is wrong with a field's value, in Chinese: the crate's own words
/// and those of serde; a message of another parser is kept as it is.
pub(crate) fn value_problem_zh(what: &str) -> String {
    if what == "0 moves no quota (a transfer moves 1 or more)" {
        return "0 不划转任何编制（划转至少 1 名）".to_string();
    }
    if let Some(value) = what.strip_suffix(" is not a date (YYYY-MM-DD)") {
        return format!("{value} 不是日期（YYYY-MM-DD）");
    }
    if let Some(value) = what.strip_suffix(" is not a plain date") {
        return format!("{value} 不是单纯的日期（YYYY-MM-DD）");
    }
    if let Some((value, max)) = what.split_once(" is not a whole number from 0 to ") {
        return format!("{value} 不是 0 至 {max} 的整数");
    }
    if let Some((value, list)) = what.split_once(" is not one of ") {
        return format!("{value} 不是 {} 之一", list_zh(list));
    }
    serde_zh(what)
}

/// A message of serde's (a missing or unknown field, an unknown variant,
/// a value of the wrong type) in Chinese; any other is kept as it is.
pub(crate) fn serde_zh(m: &str) -> String {
    if let Some(field) = m.strip_prefix("missing field ") {
        return format!("缺少字段 {field}");
    }
    for (prefix, zh) in [
        ("unknown field ", "未知字段"),
        ("unknown variant ", "未知的取值"),
    ] {
        if let Some(rest) = m.strip_prefix(prefix) {
            if let Some((name, list)) = rest.split_once(", expected one of ") {
                return format!("{zh} {name}，应为 {} 之一", list_zh(list));
            }
            if let Some((name, one)) = rest.split_once(", expected ") {
                return format!("{zh} {name}，应为 {one}");
            }
            if let Some(name) = rest.strip_suffix(", there are no fields") {
                return format!("{zh} {name}，此处不应有字段");
            }
        }
    }
    for (prefix, zh) in [
        ("invalid type: ", "类型有误"),
        ("invalid value: ", "值有误"),
    ] {
        if let Some((got, want)) = m
            .strip_prefix(prefix)
            .and_then(|r| r.split_once(", expected "))
        {
            return format!("{zh}：{got}，应为 {want}");
        }
    }
    m.to_string()
}

/// A parse error's message (of a ledger or a units file) in Chinese.
pub(crate) fn message_zh(m: &str) -> String {
    if let Some(name) = between(m, "the header has no ", " column") {
        return format!("表头没有 {name} 列");
    }
    if let Some(n) = between(m, "more than ", " rows") {
        return format!("超过 {n} 行");
    }
    if let Some(n) = between(m, "more than ", " units") {
        return format!("超过 {n} 个单位");
    }
    if let Some((counts, bounds)) = m.split_once(": at most ") {
        if let (Some((bodies, events)), Some((max_bodies, max_events))) = (
            between(counts, "", " events").and_then(|c| c.split_once(" bodies and ")),
            bounds.split_once(" and "),
        ) {
            return format!(
                "{bodies} 个机构、{events} 个事件：至多 {max_bodies} 个机构、{max_events} 个事件"
            );
        }
    }
    if let Some(zh) = csv_zh(m) {
        return zh;
    }
    // The problems of a row of a units file.
    split_problems(m)
        .into_iter()
        .map(unit_problem_zh)
        .collect::<Vec<_>>()
        .join("；")
}

/// The CSV reader's message for a row of the wrong length in Chinese
/// (`CSV error: record 1 (line: 2, byte: 24): found record with 1 fields,
/// but the previous record has 3 fields`).
fn csv_zh(m: &str) -> Option<String> {
    let rest = m.strip_prefix("CSV error: record ")?;
    let (record, rest) = rest.split_once(" (line: ")?;
    let (line, rest) = rest.split_once(", byte: ")?;
    let (byte, rest) = rest.split_once("): found record with ")?;
    let (got, want) = rest
        .strip_suffix(" fields")?
        .split_once(" fields, but the previous record has ")?;
    Some(format!(
        "CSV 错误：第 {record} 条记录（第 {line} 行，第 {byte} 字节）有 {got} 个字段，而上一条记录有 {want} 个字段"
    ))
}

/// One problem of a row of a units file in Chinese.
fn unit_problem_zh(p: &str) -> String {
    if let Some(max) = between(p, "column code must be 1 to ", " bytes") {
        return format!("`code` 列须为 1 至 {max} 字节");
    }
    if let Some((unit, first)) = p
        .strip_prefix("unit ")
        .and_then(|r| r.split_once(" is given twice (first on line "))
    {
        if let Some(first) = first.strip_suffix(')') {
            return format!("单位 {unit} 重复出现（首次在第 {first} 行）");
        }
    }
    if let Some(value) = between(p, "column current: ", " is not a whole number of staff") {
        return format!("`current` 列：{value} 不是整数人数");
    }
    if let Some((column, value)) = p
        .strip_prefix("column ")
        .and_then(|r| r.strip_suffix(" is not a number, zero or more"))
        .and_then(|r| r.split_once(": "))
    {
        return format!("{column} 列：{value} 不是不小于 0 的数");
    }
    p.to_string()
}

/// An infeasible plan's problem in Chinese.
fn infeasible_zh(p: &str) -> String {
    if let Some((need, rest)) = p
        .strip_prefix("the floors need ")
        .and_then(|r| r.split_once(" but the pool is "))
    {
        if let Some((pool, short)) = rest.strip_suffix(" short").and_then(|r| r.split_once(": ")) {
            return format!("各单位下限合计需 {need}，但增量只有 {pool}：缺 {short}");
        }
    }
    if let Some((room, rest)) = p
        .strip_prefix("the ceilings allow ")
        .and_then(|r| r.split_once(" but the pool is "))
    {
        if let Some((pool, over)) = rest
            .strip_suffix(" too many")
            .and_then(|r| r.split_once(": "))
        {
            return format!("各单位上限合计只容 {room}，但增量为 {pool}：多出 {over}");
        }
    }
    p.to_string()
}

/// A parameter's value as the crate writes it, its English words in
/// Chinese.
fn value_zh(v: &str) -> String {
    if let Some((floors, ceilings)) = v
        .strip_suffix(" ceilings")
        .and_then(|r| r.split_once(" floors and "))
    {
        return format!("{floors} 个下限、{ceilings} 个上限");
    }
    if let Some((floor, rest)) = v.split_once(" above ceiling ") {
        if let Some((ceiling, body)) = rest.strip_suffix(')').and_then(|r| r.split_once(" (body "))
        {
            return format!("{floor}，高于上限 {ceiling}（第 {body} 个单位）");
        }
    }
    if let Some((w, body)) = v.strip_suffix(')').and_then(|r| r.split_once(" (body ")) {
        return format!("{w}（第 {body} 个单位）");
    }
    if let Some((lo, hi)) = v.strip_suffix(')').and_then(|r| r.split_once(" (max ")) {
        return format!("{lo}（max {hi}）");
    }
    if let Some(column) = v.strip_suffix(" (given twice)") {
        return format!("{column}（重复给出）");
    }
    if let Some((column, sum)) = v.strip_suffix(')').and_then(|r| r.split_once(" (sums to ")) {
        return format!("{column}（合计为 {sum}）");
    }
    v.to_string()
}

/// What a parameter allows, in Chinese.
fn expected_zh(expected: &str) -> String {
    let fixed = match expected {
        "hamilton, webster, dhondt or huntington-hill" => {
            "hamilton、webster、dhondt 或 huntington-hill"
        }
        "one floor and one ceiling per weight" => "每个权重各有一个下限和一个上限",
        "a finite number, zero or more" | "a finite number, 0 or more" => "不小于 0 的有限数",
        "a floor at most its ceiling" => "下限不高于上限",
        "some positive weight among bodies below their ceiling" => {
            "未达上限的单位中至少有一个权重为正"
        }
        "a finite number above 0" => "大于 0 的有限数",
        "at least 0 and below 1" => "不小于 0 且小于 1",
        "between 0 and 1" => "0 到 1 之间",
        "above 0 and at most 1" => "大于 0 且不超过 1",
        "a patience short enough for the queue to settle within 1000000 places \
         (callers who never hang up: use Erlang C)" => {
            "足够短的耐心时间，使队列在 1000000 个位置内趋于稳定（来电者从不挂断的，请用 Erlang C）"
        }
        "min at most max" => "min 不大于 max",
        "each column at most once" => "每列至多给出一次",
        "a numeric column of the units file" => "单位文件中的数值列",
        "a finite weight, zero or more" => "不小于 0 的有限权重",
        "a column with a positive finite total" => "合计为正有限数的列",
        "at least one unit" => "至少一个单位",
        "an average whose total is at least the pool" => "合计不少于增量的平均数",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    if let Some((lo, hi)) = expected.split_once(" to ") {
        if lo.parse::<u64>().is_ok() && hi.parse::<u64>().is_ok() {
            return format!("{lo} 至 {hi}");
        }
    }
    if let Some(rest) = expected.strip_prefix("at most ") {
        let (n, what) = rest.split_once(' ').unwrap_or((rest, ""));
        let what = match what {
            "" => "",
            "erlangs" => " 爱尔兰",
            "bodies" => " 个机构",
            "people's work" => " 人的工作量",
            _ => return expected.to_string(),
        };
        return format!("不超过 {n}{what}");
    }
    if let Some(n) = between(expected, "a target reachable with at most ", " positions") {
        return format!("不超过 {n} 个岗位可达到的目标");
    }
    if let Some(n) = between(
        expected,
        "an occupancy reachable with at most ",
        " positions",
    ) {
        return format!("不超过 {n} 个岗位可达到的占用率");
    }
    if let Some(n) = between(expected, "a shrinkage that leaves at most ", " staff") {
        return format!("使所需人员不超过 {n} 人的损耗率");
    }
    expected.to_string()
}
