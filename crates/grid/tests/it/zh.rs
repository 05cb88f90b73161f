//! Every error of the engine in Chinese, as `grid replay --lang zh` writes
//! it for clerks: the expected texts are the translations themselves,
//! written out here, so that a reason the engine words differently, and
//! that so falls back to English, fails a test.

use jiceng_grid::{Action, Channel, Entry, Error, State};
use serde_json::json;

use crate::{World, entry, report, to_closure};

const E1: &str = "01975779-f5a0-7000-8000-000000000001";

/// The error of `action` after the first `prefix` entries of event 1's
/// happy path.
fn error_after(prefix: usize, action: Entry) -> Error {
    let w = World::new();
    let mut e = w.engine();
    for x in to_closure(1).iter().take(prefix) {
        e.apply(x).unwrap();
    }
    e.apply(&action).unwrap_err()
}

fn check(prefix: usize, action: Entry, zh: &str) {
    let err = error_after(prefix, action);
    assert_eq!(err.zh(), zh, "{err}");
}

#[test]
fn every_refusal_reads_in_chinese() {
    let refused = |who: &str, what: &str, why: &str| {
        format!("拒绝：{who} 不能对事件 {E1} 执行“{what}”：{why}")
    };
    let mut r = report(1, "09:35");
    r.actor = "W02".into();
    check(
        0,
        r,
        &refused("W02", "上报", "网格 GCY-01 不是分配给其负责的网格"),
    );
    let mut r = report(1, "09:35");
    r.actor = "X99".into();
    check(0, r, &refused("X99", "上报", "不是本网格的网格员"));
    let mut r = report(1, "09:35");
    if let Action::Report { channel, .. } = &mut r.action {
        *channel = Channel::Hotline;
    }
    check(
        0,
        r,
        &refused(
            "W01",
            "上报",
            "来自 App、12345 热线或巡查的上报须由网格中心工作人员录入",
        ),
    );
    let accept = |who: &str| entry(1, "09:40", who, json!({"action": "accept"}));
    check(1, accept("X99"), &refused("X99", "受理", "未知的操作人"));
    check(
        1,
        accept("W01"),
        &refused("W01", "受理", "只有网格中心工作人员可以执行此操作"),
    );
    check(
        3,
        entry(1, "10:00", "130430-zhzf", json!({"action": "start"})),
        &refused(
            "130430-zhzf",
            "开始处置",
            "只有被派遣的处置主体（130430104-zfd）可以执行此操作",
        ),
    );
    check(
        5,
        entry(1, "11:05", "130430104-zfd", json!({"action": "verify"})),
        &refused("130430104-zfd", "核查", "核查人不得是处置人"),
    );
    check(
        5,
        entry(1, "11:05", "W02", json!({"action": "verify"})),
        &refused(
            "W02",
            "核查",
            "只有网格中心工作人员或本网格的网格员可以核查",
        ),
    );
    check(
        2,
        entry(
            1,
            "09:45",
            "C01",
            json!({"action": "dispatch", "body": "130430-nope"}),
        ),
        &refused("C01", "派遣", "未知的处置主体 130430-nope"),
    );
    check(
        4,
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-13", "approved_by": "W01"}),
        ),
        &refused("130430104-zfd", "缓办", "批准人 W01 不是网格中心工作人员"),
    );
    check(
        7,
        entry(1, "11:30", "W02", json!({"action": "rate", "score": 1})),
        &refused("W02", "评价", "只有上报人或网格中心可以评价"),
    );
    check(
        3,
        entry(
            1,
            "10:00",
            "W01",
            json!({"action": "escalate", "reason": "overdue"}),
        ),
        &refused(
            "W01",
            "上报上级",
            "只有网格中心工作人员或正在处置的主体可以上报上级",
        ),
    );
}

#[test]
fn every_other_engine_error_reads_in_chinese() {
    check(
        1,
        entry(1, "09:40", "C01", json!({"action": "close"})),
        &format!("事件 {E1} 处于“已上报”状态，不能“结案”"),
    );
    check(
        0,
        entry(1, "09:40", "C01", json!({"action": "accept"})),
        &format!("“受理”所指的事件 {E1} 从未上报"),
    );
    check(1, report(1, "09:36"), &format!("事件 {E1} 重复上报"));
    check(
        1,
        entry(1, "09:00", "C01", json!({"action": "accept"})),
        &format!(
            "事件 {E1} 的“受理”时间 2025-06-10T09:00:00+08:00 早于上一操作的时间（2025-06-10T09:35:00+08:00）"
        ),
    );
    check(
        7,
        entry(1, "11:30", "W01", json!({"action": "rate", "score": 9})),
        "评价无效：评分 9 不在 1 到 5 之间",
    );
    check(
        4,
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-09", "approved_by": "C01"}),
        ),
        "缓办无效：缓办期限 2025-06-09 早于申请之日",
    );
    let mut r = report(1, "09:35");
    r.event = "9b2c3d4e-0000-4000-8000-000000000001".parse().unwrap();
    check(
        0,
        r,
        "事件编号 9b2c3d4e-0000-4000-8000-000000000001 不是第 7 版 UUID（是第 4 版）",
    );
    let mut r = report(1, "09:35");
    if let Action::Report { cell, .. } = &mut r.action {
        *cell = "GCY-99".into();
    }
    check(0, r, "未知的网格 GCY-99");
    let mut r = report(1, "09:35");
    if let Action::Report { category, .. } = &mut r.action {
        *category = "9999".into();
    }
    check(0, r, "未知的事件类别 9999");
    let w = World::new();
    let mut e = w.engine().with_max_open(1);
    e.apply(&report(2, "09:00")).unwrap();
    assert_eq!(
        e.apply(&report(1, "09:35")).unwrap_err().zh(),
        format!("事件 {E1} 无法接收：同时未结的事件已达上限 1 件，须提高上限才能接收更多")
    );
}

#[test]
fn every_state_has_its_chinese_name() {
    let names: Vec<&str> = [
        State::Reported,
        State::Accepted,
        State::Rejected,
        State::Dispatched,
        State::InProgress,
        State::Escalated,
        State::Resolved,
        State::Verified,
        State::Closed,
    ]
    .into_iter()
    .map(State::zh)
    .collect();
    assert_eq!(
        names,
        [
            "已上报",
            "已受理",
            "不予受理",
            "已派遣",
            "处置中",
            "已上报上级",
            "已处置",
            "已核查",
            "已结案"
        ]
    );
}

#[test]
fn what_the_engine_did_not_write_keeps_its_english() {
    // A reason from elsewhere, an action name the engine does not use and
    // the errors of files are not guessed at.
    let e = Error::Refused {
        actor: "A".to_owned(),
        action: "archive",
        event: E1.parse().unwrap(),
        reason: "policy".to_owned(),
    };
    assert_eq!(
        e.zh(),
        format!("拒绝：A 不能对事件 {E1} 执行“archive”：policy")
    );
    let e = Error::Invalid {
        what: "grid",
        reason: "duplicate cell GCY-01".to_owned(),
    };
    assert_eq!(e.zh(), "无效的 grid：duplicate cell GCY-01");
    let e = Error::Parse {
        origin: "grid.toml".to_owned(),
        line: Some(3),
        reason: "unknown field x".to_owned(),
    };
    assert_eq!(e.zh(), e.to_string());
}
