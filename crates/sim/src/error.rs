//! The simulator's one error type.

use std::fmt;

/// One problem in a scenario file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or the name given for a string).
    pub origin: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The field's path, e.g. `reform[0].staff[1].add`.
    pub field: String,
    /// What is wrong, naming the offending value.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}: {}", self.origin, l, self.field, self.message),
            None => write!(f, "{}: {}: {}", self.origin, self.field, self.message),
        }
    }
}

/// How an [`Error::Calendar`] message ends, after `; `, when the scenario
/// does not set provisional mode and provisional mode would answer: a
/// caller can recognise the message by it and name its own switch.
pub const PROVISIONAL_HINT: &str = "set `[policy] provisional = true` in the scenario";

/// What can go wrong reading a scenario, running it or merging shards.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The scenario file has problems; all of them are listed, one a line.
    #[error("{} problem(s) in the scenario:\n{}", .0.len(), list(.0))]
    Scenario(Vec<Problem>),
    /// The calendar cannot answer for a simulated day.
    #[error("calendar: {0}")]
    Calendar(String),
    /// A shard specification `K/N` is malformed or out of range.
    #[error("bad shard `{0}`: expected K/N with 0 <= K < N <= 10000")]
    Shard(String),
    /// Shards that cannot be merged: different scenarios or seeds, a
    /// missing or a duplicated replication, or a malformed shard file.
    #[error("cannot merge: {0}")]
    Merge(String),
    /// A run parameter out of range (replications, for instance).
    #[error("{name} = {value}: expected {expected}")]
    Parameter {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// The error in Chinese: every variant, with the same values (files,
    /// lines, fields, codes, counts) as its English text. A scenario's
    /// problems found by this crate's checks are said in Chinese; a
    /// problem the TOML parser or serde words keeps their words, within
    /// Chinese ones, as does a calendar error this crate does not know.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_sim::{Error, Problem};
    ///
    /// let e = Error::Scenario(vec![Problem {
    ///     origin: "s.toml".into(),
    ///     line: Some(12),
    ///     field: "item[1].rate".into(),
    ///     message: "-1 is not between 0 and 10000".into(),
    /// }]);
    /// assert_eq!(
    ///     e.zh(),
    ///     "场景中有 1 处问题：\ns.toml:12: item[1].rate: -1 不在 0 到 10000 之间"
    /// );
    /// ```
    pub fn zh(&self) -> String {
        match self {
            Error::Scenario(problems) => {
                let mut out = format!("场景中有 {} 处问题：", problems.len());
                for p in problems {
                    out.push('\n');
                    out.push_str(&p.zh());
                }
                out
            }
            Error::Calendar(m) => format!("日历：{}", calendar_zh(m)),
            Error::Shard(s) => {
                format!("分片 `{s}` 无效：应为 K/N，且 0 <= K < N <= 10000")
            }
            Error::Merge(m) => format!("无法合并：{}", merge_zh(m)),
            Error::Parameter {
                name,
                value,
                expected,
            } => parameter_zh(name, value, expected),
        }
    }
}

impl Problem {
    /// The problem as its [`fmt::Display`] writes it, with the message in
    /// Chinese (see [`Error::zh`]).
    pub fn zh(&self) -> String {
        let message = problem_zh(&self.message);
        match self.line {
            Some(l) => format!("{}:{}: {}: {message}", self.origin, l, self.field),
            None => format!("{}: {}: {message}", self.origin, self.field),
        }
    }
}

/// The values `{}` stands for where `text` is `template`: the literal
/// pieces must match in order (the first at the start, the last at the
/// end, each other at its first occurrence), `None` otherwise.
fn captures<'a>(text: &'a str, template: &str) -> Option<Vec<&'a str>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest) = pieces.split_first()?;
    let mut at = text.strip_prefix(first)?;
    let mut out = Vec::with_capacity(rest.len());
    for (i, piece) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            out.push(at.strip_suffix(piece)?);
        } else {
            let end = if piece.is_empty() {
                return None;
            } else {
                at.find(piece)?
            };
            out.push(&at[..end]);
            at = &at[end + piece.len()..];
        }
    }
    Some(out)
}

/// A table of templates: the English, with `{}` for each value, and what
/// makes the Chinese of the values.
type Table<'a> = [(&'a str, &'a dyn Fn(&[&str]) -> String)];

/// Translates `text` by the first template of `table` it matches.
fn by_table(text: &str, table: &Table<'_>) -> Option<String> {
    table
        .iter()
        .find_map(|(template, zh)| captures(text, template).map(|c| zh(&c)))
}

/// A desk's name in Chinese.
fn desk_zh(desk: &str) -> &str {
    match desk {
        "service" => "政务服务",
        "enforcement" => "综合执法",
        "grid" => "网格",
        other => other,
    }
}

/// A division level's name in Chinese, as the checks name it.
fn level_zh(level: &str) -> &str {
    match level {
        "county" => "县",
        "township" => "乡镇",
        other => other,
    }
}

/// What `with_days` adds to a problem's message.
const WITH_DAYS: (&str, &str) = (" (with --days ", ")");

/// A problem's message in Chinese.
fn problem_zh(message: &str) -> String {
    // A size problem met with `--days N` says so at its end.
    if let Some((body, days)) = message.rsplit_once(WITH_DAYS.0) {
        if let Some(days) = days.strip_suffix(WITH_DAYS.1) {
            if !days.is_empty() && days.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{}（使用 --days {days} 时）", problem_zh(body));
            }
        }
    }
    let variants = "{} variants (the baseline and {} `reform`)";
    let daily_tail = format!(
        " × {{}} days (`period.days`) × {variants} = {{}} daily points: at most {{}}; \
         set `output.daily = \"province\"`, or give fewer days or reforms"
    );
    let province_daily = format!("1 daily series (`output.daily = \"province\"`){daily_tail}");
    let county_daily = format!(
        "{{}} daily series (`output.daily = \"counties\"`: the province and {{}} counties){daily_tail}"
    );
    let townships_size = format!(
        "{{}} townships × {variants} = {{}} township results: at most {{}}; give fewer townships or reforms"
    );
    let table: &Table<'_> = &[
        (&townships_size, &|c| {
            format!(
                "{} 个乡镇 × {} 个方案（基线和 {} 项 `reform`）= {} 项乡镇结果：最多 {} 项；请减少乡镇或改革",
                c[0], c[1], c[2], c[3], c[4]
            )
        }),
        (&province_daily, &|c| {
            format!(
                "1 条逐日序列（`output.daily = \"province\"`）× {} 天（`period.days`）× {} 个方案\
                 （基线和 {} 项 `reform`）= {} 个逐日数据点：最多 {} 个；\
                 请设 `output.daily = \"province\"`，或减少天数或改革",
                c[0], c[1], c[2], c[3], c[4]
            )
        }),
        (&county_daily, &|c| {
            format!(
                "{} 条逐日序列（`output.daily = \"counties\"`：全省和 {} 个县）× {} 天（`period.days`）\
                 × {} 个方案（基线和 {} 项 `reform`）= {} 个逐日数据点：最多 {} 个；\
                 请设 `output.daily = \"province\"`，或减少天数或改革",
                c[0], c[1], c[2], c[3], c[4], c[5], c[6]
            )
        }),
        ("{} is not between {} and {}", &|c| {
            format!("{} 不在 {} 到 {} 之间", c[0], c[1], c[2])
        }),
        ("`{}` must be 1 to 100 characters, not ending in *", &|c| {
            format!("`{}` 须为 1 到 100 个字符，且不得以 * 结尾", c[0])
        }),
        ("`{}` must be 1 to 100 characters without / \\ or ,", &|c| {
            format!("`{}` 须为 1 到 100 个字符，且不得含 /、\\ 或 ,", c[0])
        }),
        (
            "`{}` must be a file name of 1 to 1000 characters, or `bundled`",
            &|c| format!("`{}` 须为 1 到 1000 个字符的文件名，或 `bundled`", c[0]),
        ),
        ("`{}` must be 1 to {} characters", &|c| {
            format!("`{}` 须为 1 到 {} 个字符", c[0], c[1])
        }),
        (
            "`{}` is not a list of sessions like 08:30-12:00,14:00-17:30",
            &|c| format!("`{}` 不是形如 08:30-12:00,14:00-17:30 的时段列表", c[0]),
        ),
        ("{} is above {}", &|c| format!("{} 超过 {}", c[0], c[1])),
        (
            "`{}` is not a province's division code (two digits, then ten zeros)",
            &|c| format!("`{}` 不是省级区划代码（两位数字后接十个 0）", c[0]),
        ),
        (
            "a ledger routes explicit `county` entries, not a `synthetic` territory",
            &|_| {
                "台账只能为逐一列出的 `county` 条目分派事项，不能用于 `synthetic` 生成的辖区"
                    .to_owned()
            },
        ),
        (
            "give either `synthetic` or `county` entries, not both",
            &|_| "`synthetic` 与 `county` 条目只能二选一，不能同时给出".to_owned(),
        ),
        ("give `synthetic` or at least one `county` entry", &|_| {
            "须给出 `synthetic` 或至少一个 `county` 条目".to_owned()
        }),
        ("[{}, {}] is not a range within 1 to 200", &|c| {
            format!("[{}, {}] 不是 1 到 200 之内的范围", c[0], c[1])
        }),
        ("`{}` is not a 12-digit division code", &|c| {
            format!("`{}` 不是 12 位区划代码", c[0])
        }),
        (
            "`{}` is not a county's division code (six digits, the last two not 00, then six zeros)",
            &|c| {
                format!(
                    "`{}` 不是县级区划代码（六位数字，末两位不为 00，后接六个 0）",
                    c[0]
                )
            },
        ),
        (
            "`{}` is not a township's division code (nine digits, the last three not 000, then 000)",
            &|c| {
                format!(
                    "`{}` 不是乡级区划代码（九位数字，末三位不为 000，后接 000）",
                    c[0]
                )
            },
        ),
        ("`{}` is not a division code ({})", &|c| {
            format!("`{}` 不是区划代码（{}）", c[0], c[1])
        }),
        (
            "`{}` is not in province `{}` (a county's first two digits are its province's)",
            &|c| {
                format!(
                    "`{}` 不属于省 `{}`（县级代码的前两位即所属省的代码）",
                    c[0], c[1]
                )
            },
        ),
        (
            "`{}` is not in county `{}` (a township's first six digits are its county's)",
            &|c| {
                format!(
                    "`{}` 不属于县 `{}`（乡级代码的前六位即所属县的代码）",
                    c[0], c[1]
                )
            },
        ),
        ("`{}` appears twice (or is `baseline`)", &|c| {
            format!("`{}` 重复出现（或与 `baseline` 同名）", c[0])
        }),
        ("`{}` appears twice", &|c| format!("`{}` 重复出现", c[0])),
        ("give a name (only a ledger can supply it)", &|_| {
            "须给出名称（只有台账能代为提供）".to_owned()
        }),
        ("a county needs at least one township", &|_| {
            "每个县至少要有一个乡镇".to_owned()
        }),
        ("{} townships: at most {}", &|c| {
            format!("{} 个乡镇：最多 {} 个", c[0], c[1])
        }),
        ("{} items: expected 1 to 500", &|c| {
            format!("{} 个事项：应为 1 到 500 个", c[0])
        }),
        (
            "`{}` names a ledger item but `territory.ledger` is not given",
            &|c| format!("`{}` 指向台账中的事项，但未给出 `territory.ledger`", c[0]),
        ),
        (
            "only approvals take a statutory limit in working days (penalty cases: Art. 60's 90 days)",
            &|_| {
                "只有行政许可事项才设以工作日计的法定期限（行政处罚案件适用第六十条的 90 日）"
                    .to_owned()
            },
        ),
        ("penalty cases take no promised limit", &|_| {
            "行政处罚案件不设承诺期限".to_owned()
        }),
        ("about {} arrivals a replication: at most {}", &|c| {
            format!("每次重复约有 {} 件受理：最多 {} 件", c[0], c[1])
        }),
        ("{} reforms: at most 20", &|c| {
            format!("{} 项改革：最多 20 项", c[0])
        }),
        (
            "give the province's code: a synthetic territory's county codes are made from it",
            &|_| "须给出省级代码：生成辖区的县级代码由它派生".to_owned(),
        ),
        (
            "not given, and the counties lie in {} provinces ({}): give it",
            &|c| format!("未给出，而各县分属 {} 个省（{}）：须给出", c[0], c[1]),
        ),
        (
            "not given, and `{}` is not a province GB/T 2260 names: give it",
            &|c| format!("未给出，而 GB/T 2260 中没有 `{}` 这个省：须给出", c[0]),
        ),
        ("name at least one item", &|_| {
            "须至少列出一个事项".to_owned()
        }),
        ("`{}` matches no item", &|c| {
            format!("`{}` 不匹配任何事项", c[0])
        }),
        ("`{}` is not a {} of the territory", &|c| {
            format!("`{}` 不是本辖区的{}", c[0], level_zh(c[1]))
        }),
        ("{} is beyond ±100000", &|c| {
            format!("{} 超出 ±100000", c[0])
        }),
        ("`{}` is not an item of the ledger `{}`", &|c| {
            format!("`{}` 不是台账 `{}` 中的事项", c[0], c[1])
        }),
        ("`{}` is not a {} of the ledger `{}`", &|c| {
            format!("`{}` 不是台账 `{}` 中的{}", c[0], c[2], level_zh(c[1]))
        }),
        (
            "{} leaves {} bodies with fewer than 0 staff at the {} desk, {} with {} the first",
            &|c| {
                format!(
                    "{} 使 {} 个主体的{}岗位人数少于 0，第一个是 {}（{} 人）",
                    c[0],
                    c[1],
                    desk_zh(c[2]),
                    c[3],
                    c[4]
                )
            },
        ),
        ("{} leaves {} with {} staff at the {} desk", &|c| {
            format!(
                "{} 使 {} 的{}岗位人数为 {}",
                c[0],
                c[1],
                desk_zh(c[3]),
                c[2]
            )
        }),
        (
            "{} has {} staff at the {} desk (its own, or by the staff rules): at most {} ({} desks over in all)",
            &|c| {
                format!(
                    "{} 的{}岗位有 {} 人（自身配备或按人员规则核定）：最多 {} 人（共 {} 个岗位超出）",
                    c[0],
                    desk_zh(c[2]),
                    c[1],
                    c[3],
                    c[4]
                )
            },
        ),
        (
            "{} has {} staff at the {} desk (its own, or by the staff rules): at most {}",
            &|c| {
                format!(
                    "{} 的{}岗位有 {} 人（自身配备或按人员规则核定）：最多 {} 人",
                    c[0],
                    desk_zh(c[2]),
                    c[1],
                    c[3]
                )
            },
        ),
        (
            "{} has {} staff at the {} desk: at most {} ({} desks over in all)",
            &|c| {
                format!(
                    "{} 的{}岗位有 {} 人：最多 {} 人（共 {} 个岗位超出）",
                    c[0],
                    desk_zh(c[2]),
                    c[1],
                    c[3],
                    c[4]
                )
            },
        ),
        ("{} has {} staff at the {} desk: at most {}", &|c| {
            format!(
                "{} 的{}岗位有 {} 人：最多 {} 人",
                c[0],
                desk_zh(c[2]),
                c[1],
                c[3]
            )
        }),
        (
            "`{}` is a ledger file: read it and call Model::with_ledger",
            &|c| format!("`{}` 是台账文件：须先读取，再调用 Model::with_ledger", c[0]),
        ),
    ];
    by_table(message, table).unwrap_or_else(|| parser_zh(message))
}

/// A message serde or the TOML parser wrote (a scenario's syntax, a
/// missing, unknown or repeated field, a wrong type): the common ones in
/// Chinese words, any other in the parser's words within Chinese ones. A
/// message may start with the value it is about (`"x": invalid type …`).
fn parser_zh(message: &str) -> String {
    let table: &Table<'_> = &[
        ("missing field `{}`", &|c| format!("缺少字段 `{}`", c[0])),
        ("unknown field `{}`, expected one of {}", &|c| {
            format!("未知字段 `{}`，应为以下之一：{}", c[0], c[1])
        }),
        ("unknown field `{}`, expected {}", &|c| {
            format!("未知字段 `{}`，应为 {}", c[0], c[1])
        }),
        ("unknown field `{}`, there are no fields", &|c| {
            format!("未知字段 `{}`：此处不接受任何字段", c[0])
        }),
        ("unknown variant `{}`, expected one of {}", &|c| {
            format!("未知的取值 `{}`，应为以下之一：{}", c[0], c[1])
        }),
        ("unknown variant `{}`, expected {}", &|c| {
            format!("未知的取值 `{}`，应为 {}", c[0], c[1])
        }),
        ("duplicate field `{}`", &|c| format!("字段 `{}` 重复", c[0])),
        ("duplicate key `{}`", &|c| format!("键 `{}` 重复", c[0])),
    ];
    if let Some(zh) = by_table(message, table) {
        return zh;
    }
    // The value the message is about, then serde's words.
    if let Some((value, rest)) = message.split_once(": ") {
        if let Some(zh) = by_table(rest, table) {
            return format!("{value}：{zh}");
        }
    }
    // The words may follow the value they are about (`"x": invalid type …`).
    let words = message.split_once(": ").map_or(message, |(_, w)| w);
    if message.starts_with("invalid type: ") || words.starts_with("invalid type: ") {
        return format!("类型不符（解析器的说明：{message}）");
    }
    if ["invalid value: ", "invalid length "]
        .iter()
        .any(|p| message.starts_with(p) || words.starts_with(p))
    {
        return format!("取值无效（解析器的说明：{message}）");
    }
    format!("无法解析（TOML 解析器的说明：{message}）")
}

/// A calendar error's message in Chinese: the place in the scenario, whose
/// day it is, and the calendar's words, with the hint to set provisional
/// mode.
fn calendar_zh(message: &str) -> String {
    let (body, hint) = match message
        .strip_suffix(PROVISIONAL_HINT)
        .and_then(|m| m.strip_suffix("; "))
    {
        Some(body) => (body, "；请在场景中设置 `[policy] provisional = true`"),
        None => (message, ""),
    };
    format!("{}{hint}", calendar_body_zh(body))
}

/// A place in the scenario as the calendar errors name it, in Chinese.
fn place_zh(place: &str) -> String {
    match captures(place, "{}: period.days (with --days {})") {
        Some(c) => format!("{}: period.days（使用 --days {} 时）", c[0], c[1]),
        None => place.to_owned(),
    }
}

/// The body of an [`Error::Calendar`] message: `PLACE: [WHOSE: ]ERROR`.
fn calendar_body_zh(body: &str) -> String {
    use chrono::NaiveDate;
    let date = |s: &str| s.parse::<NaiveDate>().ok();
    if let Some(c) = captures(body, "{}: day {} after {} is out of range") {
        return format!(
            "{}：{} 之后第 {} 天超出可表示的日期范围",
            place_zh(c[0]),
            c[2],
            c[1]
        );
    }
    // The calendar's own message, rebuilt so that it reads as the
    // calendar's Chinese does; `lead` is what comes before its date.
    let rebuilt: Option<(&str, jiceng_calendar::Error)> = (|| {
        if let Some(c) = captures(
            body,
            "{} is outside the calendar's coverage {}..={}: no holiday notice covers it yet \
             (provisional mode answers with the statutory holidays and the weekly rule, flagged as provisional)",
        ) {
            let (lead, d) = c[0].rsplit_once(": ")?;
            let e = jiceng_calendar::Error::OutOfCoverage {
                date: date(d)?,
                first: date(c[1])?,
                last: date(c[2])?,
            };
            return Some((lead, e));
        }
        if let Some(c) = captures(
            body,
            "{} is before the calendar's first notice (its coverage starts {}): days before it are refused \
             (provisional mode estimates days from {} on, none before)",
        ) {
            let (lead, d) = c[0].rsplit_once(": ")?;
            let e = jiceng_calendar::Error::BeforeCoverage {
                date: date(d)?,
                first: date(c[1])?,
                earliest: date(c[2])?,
            };
            return Some((lead, e));
        }
        if let Some(c) = captures(
            body,
            "{} is past the calendar's horizon {}: no answer, period or suspension may reach \
             more than 200 years past the last year its notices cover",
        ) {
            let (lead, d) = c[0].rsplit_once(": ")?;
            let e = jiceng_calendar::Error::BeyondHorizon {
                date: date(d)?,
                horizon: date(c[1])?,
            };
            return Some((lead, e));
        }
        if let Some(c) = captures(
            body,
            "{}: the answer lies outside the representable dates (query from {})",
        ) {
            let e = jiceng_calendar::Error::DateOverflow { date: date(c[1])? };
            return Some((c[0], e));
        }
        None
    })();
    let Some((lead, e)) = rebuilt else {
        return body.to_owned();
    };
    match captures(lead, "{}: the decision due for a case filed on {}") {
        Some(c) => format!(
            "{}：{} 立案的案件的处罚决定期限：{}",
            place_zh(c[0]),
            c[1],
            e.zh()
        ),
        None => format!("{}：{}", place_zh(lead), e.zh()),
    }
}

/// A merge's disagreement in Chinese.
fn merge_zh(message: &str) -> String {
    let table: &Table<'_> = &[
        ("no shard given", &|_| "未给出分片".to_owned()),
        ("replication {} is missing or {} is duplicated", &|c| {
            format!("缺少重复运行 {}，或重复运行 {} 出现了两次", c[0], c[1])
        }),
        ("replication {}'s tallies do not fit the scenario", &|c| {
            format!("重复运行 {} 的计数与场景不符", c[0])
        }),
        (
            "replication {}'s {} add up to more than {}, more than a run can count",
            &|c| {
                format!(
                    "重复运行 {} 的 {} 合计超过 {}，超出一次运行所能计数的范围",
                    c[0], c[1], c[2]
                )
            },
        ),
        (
            "the replications' event counts add up to more than 2^64",
            &|_| "各次重复运行的事件数合计超过 2^64".to_owned(),
        ),
        (
            "shard {}/{} says the run has {} replications: expected 1 to {}",
            &|c| {
                format!(
                    "分片 {}/{} 称本次运行有 {} 次重复：应为 1 到 {} 次",
                    c[0], c[1], c[2], c[3]
                )
            },
        ),
        ("shard {}/{}: expected K/N with 0 <= K < N <= {}", &|c| {
            format!(
                "分片 {}/{}：应为 K/N，且 0 <= K < N <= {}",
                c[0], c[1], c[2]
            )
        }),
        (
            "shard {}/{} holds {} tallies, more than the run's {} replications",
            &|c| {
                format!(
                    "分片 {}/{} 含 {} 份计数，多于本次运行的 {} 次重复",
                    c[0], c[1], c[2], c[3]
                )
            },
        ),
        ("shard format {} (expected {})", &|c| {
            format!("分片格式为 {}（应为 {}）", c[0], c[1])
        }),
        (
            "shard {}/{} is of another run (fingerprint {}, seed {}, {} replications; expected {}, {}, {})",
            &|c| {
                format!(
                    "分片 {}/{} 属于另一次运行（指纹 {}，种子 {}，{} 次重复；应为 {}、{}、{}）",
                    c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
                )
            },
        ),
        ("replication {} is beyond the run's {}", &|c| {
            format!("重复运行 {} 超出本次运行的 {} 次重复", c[0], c[1])
        }),
        ("replication {} appears twice", &|c| {
            format!("重复运行 {} 出现了两次", c[0])
        }),
        ("replication {} is missing", &|c| {
            format!("缺少重复运行 {}", c[0])
        }),
    ];
    by_table(message, table).unwrap_or_else(|| message.to_owned())
}

/// A run parameter out of range, in Chinese.
fn parameter_zh(name: &str, value: &str, expected: &str) -> String {
    let value = match captures(
        value,
        "{} (× {} cells a replication = {} cells; at most {}, so at most {} replications of this scenario)",
    ) {
        Some(c) => format!(
            "{}（× 每次重复 {} 个单元 = {} 个单元；最多 {} 个，因此本场景最多重复 {} 次）",
            c[0], c[1], c[2], c[3], c[4]
        ),
        None => value.to_owned(),
    };
    let expected = match expected {
        "province, qiu or baitaling" => "province、qiu 或 baitaling".to_owned(),
        "fewer replications, or fewer townships, days, daily series or reforms" => {
            "减少重复次数，或减少乡镇、天数、逐日序列或改革".to_owned()
        }
        other => match captures(other, "{} to {}") {
            Some(c) => format!("{} 到 {}", c[0], c[1]),
            None => other.to_owned(),
        },
    };
    format!("{name} = {value}：应为 {expected}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(line: Option<usize>, field: &str, message: &str) -> Error {
        Error::Scenario(vec![Problem {
            origin: "s.toml".into(),
            line,
            field: field.into(),
            message: message.into(),
        }])
    }

    fn zh_of(message: &str) -> String {
        problem_zh(message)
    }

    #[test]
    fn a_scenario_lists_its_problems_in_chinese() {
        let e = Error::Scenario(vec![
            Problem {
                origin: "s.toml".into(),
                line: Some(12),
                field: "item[1].rate".into(),
                message: "-1 is not between 0 and 10000".into(),
            },
            Problem {
                origin: "s.toml".into(),
                line: None,
                field: "replications".into(),
                message: "0 is not between 1 and 100000".into(),
            },
        ]);
        assert_eq!(
            e.zh(),
            "场景中有 2 处问题：\n\
             s.toml:12: item[1].rate: -1 不在 0 到 10000 之间\n\
             s.toml: replications: 0 不在 1 到 100000 之间"
        );
        assert_eq!(
            scenario(Some(3), "(file)", "missing field `seed`").zh(),
            "场景中有 1 处问题：\ns.toml:3: (file): 缺少字段 `seed`"
        );
    }

    #[test]
    fn the_checks_own_words_are_chinese() {
        let cases = [
            ("`` must be 1 to 200 characters", "`` 须为 1 到 200 个字符"),
            (
                "`a*` must be 1 to 100 characters, not ending in *",
                "`a*` 须为 1 到 100 个字符，且不得以 * 结尾",
            ),
            (
                "`9` is not a list of sessions like 08:30-12:00,14:00-17:30",
                "`9` 不是形如 08:30-12:00,14:00-17:30 的时段列表",
            ),
            ("200000 is above 100000", "200000 超过 100000"),
            (
                "give either `synthetic` or `county` entries, not both",
                "`synthetic` 与 `county` 条目只能二选一，不能同时给出",
            ),
            (
                "[3, 2] is not a range within 1 to 200",
                "[3, 2] 不是 1 到 200 之内的范围",
            ),
            (
                "`12` is not a 12-digit division code",
                "`12` 不是 12 位区划代码",
            ),
            (
                "`140430102000` is not in county `130430000000` (a township's first six digits are its county's)",
                "`140430102000` 不属于县 `130430000000`（乡级代码的前六位即所属县的代码）",
            ),
            (
                "`x` appears twice (or is `baseline`)",
                "`x` 重复出现（或与 `baseline` 同名）",
            ),
            ("`x` appears twice", "`x` 重复出现"),
            (
                "penalty cases take no promised limit",
                "行政处罚案件不设承诺期限",
            ),
            ("`a.*` matches no item", "`a.*` 不匹配任何事项"),
            (
                "`1` is not a township of the territory",
                "`1` 不是本辖区的乡镇",
            ),
            (
                "`1` is not a county of the ledger `hebei-sample`",
                "`1` 不是台账 `hebei-sample` 中的县",
            ),
            (
                "-5 leaves 130430100000 with -2 staff at the grid desk",
                "-5 使 130430100000 的网格岗位人数为 -2",
            ),
            (
                "1 has 20000 staff at the service desk: at most 10000",
                "1 的政务服务岗位有 20000 人：最多 10000 人",
            ),
            (
                "20 townships × 3 variants (the baseline and 2 `reform`) = 60 township results: at most 50; give fewer townships or reforms (with --days 9)",
                "20 个乡镇 × 3 个方案（基线和 2 项 `reform`）= 60 项乡镇结果：最多 50 项；请减少乡镇或改革（使用 --days 9 时）",
            ),
            (
                "\"x\": invalid type: string \"x\", expected u32",
                "类型不符（解析器的说明：\"x\": invalid type: string \"x\", expected u32）",
            ),
            (
                "unexpected key or value",
                "无法解析（TOML 解析器的说明：unexpected key or value）",
            ),
        ];
        for (en, zh) in cases {
            assert_eq!(zh_of(en), zh, "{en}");
        }
    }

    #[test]
    fn calendar_shard_merge_and_parameter_speak_chinese() {
        let e = Error::Calendar(format!(
            "s.toml:27: period.from: 2040-01-01 is outside the calendar's coverage 2010-01-01..=2026-12-31: \
             no holiday notice covers it yet (provisional mode answers with the statutory holidays and the \
             weekly rule, flagged as provisional); {PROVISIONAL_HINT}"
        ));
        assert_eq!(
            e.zh(),
            "日历：s.toml:27: period.from：2040-01-01 超出日历覆盖范围 2010-01-01..=2026-12-31：\
             尚无放假安排通知覆盖该日（暂定模式按法定节假日和周休规则作答，并标明暂定）；\
             请在场景中设置 `[policy] provisional = true`"
        );
        assert_eq!(
            Error::Calendar("2040-01-01 is not covered".into()).zh(),
            "日历：2040-01-01 is not covered"
        );
        assert_eq!(
            Error::Shard("8/8".into()).zh(),
            "分片 `8/8` 无效：应为 K/N，且 0 <= K < N <= 10000"
        );
        assert_eq!(
            Error::Merge("replication 1 is missing".into()).zh(),
            "无法合并：缺少重复运行 1"
        );
        assert_eq!(
            Error::Merge("replication 3 appears twice".into()).zh(),
            "无法合并：重复运行 3 出现了两次"
        );
        assert_eq!(
            Error::Merge("no shard given".into()).zh(),
            "无法合并：未给出分片"
        );
        assert_eq!(
            Error::Parameter {
                name: "days",
                value: "0".into(),
                expected: "1 to 3660",
            }
            .zh(),
            "days = 0：应为 1 到 3660"
        );
        assert_eq!(
            Error::Parameter {
                name: "scenario",
                value: "x".into(),
                expected: "province, qiu or baitaling",
            }
            .zh(),
            "scenario = x：应为 province、qiu 或 baitaling"
        );
    }

    #[test]
    fn a_real_scenario_and_merge_say_every_problem_in_chinese() {
        let e = crate::Scenario::bundled("qiu")
            .and_then(|s| s.with_days(0))
            .unwrap_err();
        assert_eq!(e.zh(), "days = 0：应为 1 到 3660");
        let e = crate::merge_shards(vec![]).unwrap_err();
        assert_eq!(e.zh(), "无法合并：未给出分片");
        let e = crate::parse_shard("8/8").unwrap_err();
        assert_eq!(e.zh(), "分片 `8/8` 无效：应为 K/N，且 0 <= K < N <= 10000");
    }
}
