//! Every error of the crate in Chinese (`Error::zh`), and the Chinese of
//! every finding of a ledger file. The expected texts are written by hand:
//! the crate's terms (编制, 实有人数, 下沉, 调剂, 行政编制 …), full-width
//! punctuation, codes and numbers as they are.

use chrono::NaiveDate;
use jiceng_org::Level;
use jiceng_staffing::{
    Body, Error, Event, EventKind, Ledger, LedgerFile, Method, PlanRequest, QuotaKind, Units,
    Workload, apportion, erlang_c, plan,
};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap()
}

fn body(code: &str, level: Level) -> Body {
    Body {
        code: code.into(),
        name: String::new(),
        level,
    }
}

/// A county with 5 administrative quotas and 5 staff, and a township.
fn ledger() -> Ledger {
    let mut l = Ledger::new(vec![
        body("cty", Level::County),
        body("tw", Level::Township),
    ])
    .unwrap();
    l.apply(Event::quota(
        d(1, 1),
        "a",
        EventKind::Create,
        "cty",
        QuotaKind::Administrative,
        5,
    ))
    .unwrap();
    l.apply(Event::quota(
        d(1, 2),
        "b",
        EventKind::Hire,
        "cty",
        QuotaKind::Administrative,
        5,
    ))
    .unwrap();
    l
}

#[test]
fn refused_transfer_and_cancellation() {
    let mut l = ledger();
    let sink = Event::transfer(
        d(2, 1),
        "下沉",
        EventKind::Sink,
        "cty",
        "tw",
        QuotaKind::Administrative,
        2,
    );
    let e = l.apply(sink).unwrap_err();
    assert_eq!(
        e.zh(),
        "拒绝从 cty 向 tw “划转”行政编制 2 名：cty 有编制 5，实有人数 5，划转后剩余 3，低于实有人数"
    );
    let cancel = Event::quota(
        d(2, 1),
        "c",
        EventKind::Cancel,
        "cty",
        QuotaKind::Administrative,
        9,
    );
    let e = l.apply(cancel).unwrap_err();
    assert_eq!(
        e.zh(),
        "拒绝在 cty “核减”行政编制 9 名：cty 有编制 5，实有人数 5，核减后剩余 -4，为负数"
    );
}

#[test]
fn unknown_body_and_field() {
    let l = ledger();
    assert_eq!(l.current("nope").unwrap_err().zh(), "未知的机构 \"nope\"");
    let mut l = ledger();
    let e = l
        .apply(Event::quota(
            d(2, 1),
            "a",
            EventKind::Create,
            "zz",
            QuotaKind::Other,
            1,
        ))
        .unwrap_err();
    assert_eq!(e.zh(), "字段 `body`：未知的机构 \"zz\"");
    let e = l
        .apply(Event::transfer(
            d(2, 1),
            "a",
            EventKind::Adjust,
            "cty",
            "zz",
            QuotaKind::Other,
            1,
        ))
        .unwrap_err();
    assert_eq!(e.zh(), "字段 `to`：未知的机构 \"zz\"");
}

#[test]
fn duplicate_body() {
    let b = body("x", Level::Township);
    let e = Ledger::new(vec![b.clone(), b]).unwrap_err();
    assert_eq!(e.zh(), "机构 \"x\" 重复声明");
}

#[test]
fn out_of_order() {
    let mut l = ledger();
    let e = l
        .apply(Event::quota(
            d(1, 1),
            "a",
            EventKind::Create,
            "tw",
            QuotaKind::Other,
            1,
        ))
        .unwrap_err();
    assert_eq!(e.zh(), "2024-01-01 的事件早于上一事件（2024-01-02）");
}

#[test]
fn not_downward() {
    let mut l = Ledger::new(vec![
        body("cty", Level::County),
        body("tw", Level::Township),
        body("tw2", Level::Township),
    ])
    .unwrap();
    l.apply(Event::quota(
        d(1, 1),
        "a",
        EventKind::Create,
        "tw",
        QuotaKind::Other,
        5,
    ))
    .unwrap();
    let up = Event::transfer(
        d(2, 1),
        "a",
        EventKind::Sink,
        "tw",
        "cty",
        QuotaKind::Other,
        1,
    );
    assert_eq!(
        l.apply(up).unwrap_err().zh(),
        "“下沉”自 tw（乡级）至 cty（县级）：接收机构须在更低层级；向上级划转编制请用“调剂”"
    );
    let peer = Event::transfer(
        d(2, 1),
        "a",
        EventKind::Sink,
        "tw",
        "tw2",
        QuotaKind::Other,
        1,
    );
    assert_eq!(
        l.apply(peer).unwrap_err().zh(),
        "“下沉”自 tw（乡级）至 tw2（乡级）：接收机构须在更低层级；同级之间请用“调剂”"
    );
}

#[test]
fn negative_headcount() {
    let mut l = ledger();
    let e = l
        .apply(Event::quota(
            d(2, 1),
            "a",
            EventKind::Leave,
            "tw",
            QuotaKind::PublicInstitution,
            3,
        ))
        .unwrap_err();
    assert_eq!(e.zh(), "tw 的事业编制实有人数为 0，不能减员 3 名");
}

#[test]
fn bad_event() {
    let mut l = ledger();
    let mut e = Event::quota(d(2, 1), "a", EventKind::Hire, "tw", QuotaKind::Other, 1);
    e.to = Some("cty".into());
    assert_eq!(
        l.apply(e).unwrap_err().zh(),
        "“进人”事件：此类事件不得有字段 `to`（\"cty\"）"
    );
    let zero = Event::transfer(
        d(2, 1),
        "a",
        EventKind::Adjust,
        "cty",
        "tw",
        QuotaKind::Other,
        0,
    );
    assert_eq!(
        l.apply(zero).unwrap_err().zh(),
        "“调剂”事件：字段 `count`：0 不划转任何编制（划转至少 1 名）"
    );
    let same = Event::transfer(
        d(2, 1),
        "a",
        EventKind::Adjust,
        "cty",
        "cty",
        QuotaKind::Other,
        1,
    );
    assert_eq!(
        l.apply(same).unwrap_err().zh(),
        "“调剂”事件：`body` 与 `to` 相同（\"cty\"）"
    );
    let mut posts = Event::quota(d(2, 1), "a", EventKind::Posts, "tw", QuotaKind::Other, 1);
    posts.quota = None;
    assert_eq!(
        l.apply(posts).unwrap_err().zh(),
        "“核定职数”事件：缺少字段 `rank`"
    );
    let e = Ledger::new(vec![body("", Level::Township)]).unwrap_err();
    assert_eq!(
        e.zh(),
        "机构声明：字段 `code` 须为 1 至 256 字节，实为 0 字节"
    );
}

#[test]
fn overflow() {
    let mut l = ledger();
    let big = |n| Event::quota(d(2, 1), "a", EventKind::Hire, "tw", QuotaKind::Other, n);
    l.apply(big(u32::MAX)).unwrap();
    assert_eq!(
        l.apply(big(1)).unwrap_err().zh(),
        "tw 的实有人数将溢出（4294967295 + 1）"
    );
}

#[test]
fn infeasible() {
    let e = apportion(5, &[1.0, 1.0], &[4, 4], &[u64::MAX; 2], Method::Hamilton).unwrap_err();
    assert_eq!(e.zh(), "无法实现：各单位下限合计需 8，但增量只有 5：缺 3");
    let e = apportion(5, &[1.0, 1.0], &[0, 0], &[1, 1], Method::Hamilton).unwrap_err();
    assert_eq!(e.zh(), "无法实现：各单位上限合计只容 2，但增量为 5：多出 3");
}

#[test]
fn no_units() {
    let units = Units {
        columns: vec!["population".into()],
        units: Vec::new(),
    };
    let req = PlanRequest {
        pool: 1,
        weights: vec![("population".into(), 1.0)],
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    assert_eq!(
        plan(&units, &req).unwrap_err().zh(),
        "没有单位：方案至少需要一个单位来分配增量"
    );
}

#[test]
fn parameter() {
    let e = "borda".parse::<Method>().unwrap_err();
    assert_eq!(
        e.zh(),
        "method = borda 超出范围：应为 hamilton、webster、dhondt 或 huntington-hill"
    );
    let w = Workload {
        transactions: 100.0,
        interval_minutes: 30.0,
        aht_minutes: 3.0,
        within_minutes: 0.3,
        shrinkage: 1.0,
    };
    assert_eq!(
        erlang_c(&w, 0.8, 0.85).unwrap_err().zh(),
        "shrinkage = 1 超出范围：应为不小于 0 且小于 1"
    );
    let units = Units::parse_csv("code,current,population\na,1,10\n").unwrap();
    let req = |weights: Vec<(String, f64)>| PlanRequest {
        pool: 1,
        weights,
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    assert_eq!(
        plan(&units, &req(vec![("area".into(), 1.0)]))
            .unwrap_err()
            .zh(),
        "weights = area 超出范围：应为单位文件中的数值列"
    );
    let twice = vec![("population".into(), 1.0), ("population".into(), 1.0)];
    assert_eq!(
        plan(&units, &req(twice)).unwrap_err().zh(),
        "weights = population（重复给出） 超出范围：应为每列至多给出一次"
    );
    let e = jiceng_staffing::synth::province(1, 0, 10).unwrap_err();
    assert_eq!(e.zh(), "units = 0 超出范围：应为 1 至 1000000");
    let e = apportion(1, &[1.0], &[2], &[1], Method::Hamilton).unwrap_err();
    assert_eq!(
        e.zh(),
        "floor = 2，高于上限 1（第 1 个单位） 超出范围：应为下限不高于上限"
    );
}

#[test]
fn parse_and_at_line() {
    let e = Units::parse_csv("code,population\na,1\n").unwrap_err();
    assert_eq!(e.zh(), "第 1 行：表头没有 current 列");
    let e = LedgerFile::parse_csv("kind\nbody\n").unwrap_err();
    assert_eq!(e.zh(), "第 1 行：表头没有 body 列");
    let e = Error::Parse {
        line: None,
        message: "more than 5000000 rows".into(),
    };
    assert_eq!(e.zh(), "超过 5000000 行");
    let e = Error::AtLine {
        line: 9,
        source: Box::new(Error::DuplicateBody { code: "t".into() }),
    };
    assert_eq!(e.zh(), "第 9 行：机构 \"t\" 重复声明");
    // A row of a units file, every problem of it.
    let mut bad = Vec::new();
    Units::parse_csv_with("code,current,area\na,x,-1\na,1,1\na,2,2\n", &mut |e| {
        bad.push(e.zh())
    })
    .unwrap();
    assert_eq!(
        bad,
        [
            "第 2 行：`current` 列：\"x\" 不是整数人数；area 列：\"-1\" 不是不小于 0 的数",
            "第 4 行：单位 \"a\" 重复出现（首次在第 3 行）",
        ]
    );
}

/// Every finding of a bad CSV and a bad TOML ledger has its Chinese, and
/// none of it is left in the crate's English.
#[test]
fn every_finding_speaks_chinese() {
    let csv = LedgerFile::parse_csv(
        "kind,body,level,date,instrument,to,quota,count\n\
         body,t,township,,,,,\n\
         body,t,township,,,,,\n\
         body,x,planet,,,,,\n\
         zap,t,,,,,,\n\
         hire,t,,2024-13-01,,,bogus,x\n\
         hire,t\n\
         hire,t,,2024-01-01,a,,other,2\n",
    )
    .unwrap();
    let (_, findings) = csv.compile();
    let zh: Vec<_> = findings
        .iter()
        .map(|f| f.message_zh.clone().unwrap())
        .collect();
    assert_eq!(
        zh,
        [
            "机构 \"t\" 重复声明",
            "机构声明：机构 \"x\"：字段 `level`：\"planet\" 不是 province、city、county、township、village 之一",
            "该行：字段 `kind` 的值 \"zap\" 不是 body、create、cancel、sink、adjust、hire、leave、posts、fill 之一",
            "“进人”事件：缺少字段 `instrument`；字段 `date`：\"2024-13-01\" 不是日期（YYYY-MM-DD）；\
             字段 `count`：\"x\" 不是 0 至 4294967295 的整数；\
             字段 `quota`：\"bogus\" 不是 administrative、public_institution、other 之一",
            "该行有 2 个字段，而表头有 8 个",
            "t 超编 2 名（其他编制）：实有 2，编制 0；自 2024-01-01 至台账末尾",
        ]
    );
    let toml = LedgerFile::parse_toml(
        "[[body]]\nlevel = \"township\"\n\n\
         [[event]]\ndate = 2024-01-01\nkind = \"hire\"\nbody = \"t\"\nquota = \"other\"\ncount = 1\n\n\
         [[event]]\ndate = \"2024-02-30\"\ninstrument = \"a\"\nkind = \"sink\"\nbody = \"t\"\ncount = 1\n",
    )
    .unwrap();
    let (_, findings) = toml.compile();
    let zh: Vec<_> = findings
        .iter()
        .map(|f| (f.line, f.message_zh.clone().unwrap()))
        .collect();
    assert_eq!(
        zh,
        [
            (Some(1), "机构：缺少字段 `code`".to_string()),
            (Some(4), "“进人”事件：缺少字段 `instrument`".to_string()),
            (
                Some(12),
                "“下沉”事件：字段 `date`：\"2024-02-30\" 不是日期（YYYY-MM-DD）".to_string()
            ),
        ]
    );
}

/// A quoted value holding `; ` is one problem, not two.
#[test]
fn a_value_with_a_semicolon_stays_whole() {
    let f = LedgerFile::parse_csv(
        "kind,body,date,instrument,quota,count\nhire,t,\"a; field x\",i,other,1\n",
    )
    .unwrap();
    assert_eq!(
        f.problems[0].message_zh.as_deref(),
        Some("“进人”事件：字段 `date`：\"a; field x\" 不是日期（YYYY-MM-DD）")
    );
}
