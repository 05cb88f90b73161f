//! The names JSON uses and the labels text shows: every status, flag and
//! acceptance rule has its serde name, a Chinese label, and (for flags) the
//! article behind it.

use std::collections::BTreeSet;

use jiceng_approvals::{AcceptanceRule, ApproverRole, Flag, Status};

const STATUSES: [Status; 15] = [
    Status::NotYetReceived,
    Status::AwaitingAcceptance,
    Status::AwaitingSupplement,
    Status::PreliminaryReview,
    Status::OnTrack,
    Status::DueSoon,
    Status::Suspended,
    Status::LateAgainstPromise,
    Status::LateAgainstStatute,
    Status::ClosedEarly,
    Status::ClosedOnTime,
    Status::ClosedLateAgainstPromise,
    Status::ClosedLateAgainstStatute,
    Status::Rejected,
    Status::Withdrawn,
];

fn serde_name<T: serde::Serialize>(x: T) -> String {
    serde_json::to_value(x)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn status_names_are_the_json_names_and_labels_are_distinct() {
    let mut zh = BTreeSet::new();
    for s in STATUSES {
        assert_eq!(s.name(), serde_name(s));
        assert!(
            !s.zh().is_empty() && s.zh().chars().all(|c| !c.is_ascii()),
            "{s:?}"
        );
        assert!(zh.insert(s.zh()), "{s:?}: label {} twice", s.zh());
    }
    assert_eq!(Status::LateAgainstStatute.zh(), "超法定期限");
    assert_eq!(Status::Rejected.zh(), "不予受理");
    assert_eq!(Status::ClosedOnTime.zh(), "按期办结");
    // Closed means decided, rejected or withdrawn.
    let closed: Vec<Status> = STATUSES.into_iter().filter(|s| s.is_closed()).collect();
    assert_eq!(closed, STATUSES[9..].to_vec());
}

#[test]
fn flag_names_articles_and_texts() {
    let mut seen = BTreeSet::new();
    for f in Flag::ALL {
        assert_eq!(f.name(), serde_name(f));
        assert!(f.article().starts_with("行政许可法第"), "{f:?}");
        assert!(!f.en().is_empty() && f.en().is_ascii(), "{f:?}");
        assert!(!f.zh().is_empty() && !f.zh().is_ascii(), "{f:?}");
        assert!(seen.insert(f.en()) && seen.insert(f.zh()), "{f:?}");
    }
    let art = |f: Flag| f.article();
    assert_eq!(art(Flag::IncompleteNoticeLate), "行政许可法第三十二条");
    assert_eq!(art(Flag::SecondIncompleteNotice), "行政许可法第三十二条");
    assert_eq!(art(Flag::AcceptanceOverdue), "行政许可法第三十二条");
    assert_eq!(art(Flag::ExtensionTooLong), "行政许可法第四十二条");
    assert_eq!(art(Flag::ExtensionWrongApprover), "行政许可法第四十二条");
    assert_eq!(art(Flag::SecondExtension), "行政许可法第四十二条");
    assert_eq!(art(Flag::ExtensionLate), "行政许可法第四十二条");
    assert_eq!(art(Flag::DeliveryLate), "行政许可法第四十四条");
    assert_eq!(art(Flag::PreliminaryReviewLate), "行政许可法第四十三条");
    assert_eq!(art(Flag::HearingRequestLate), "行政许可法第四十七条");
    assert_eq!(art(Flag::HearingHeldLate), "行政许可法第四十七条");
    assert_eq!(art(Flag::HearingNoticeShort), "行政许可法第四十八条");
    assert_eq!(art(Flag::RenewalAppliedLate), "行政许可法第五十条");
    assert_eq!(art(Flag::RenewalDeemedGranted), "行政许可法第五十条");
    assert!(Flag::SecondIncompleteNotice.zh().contains("一次告知"));
    assert!(Flag::RenewalDeemedGranted.zh().contains("视为准予延续"));
}

#[test]
fn acceptance_rule_names_and_approver_roles() {
    for r in [
        AcceptanceRule::NotReceived,
        AcceptanceRule::Pending,
        AcceptanceRule::AwaitingSupplement,
        AcceptanceRule::AwaitingAcceptance,
        AcceptanceRule::Accepted,
        AcceptanceRule::DeemedAtReceipt,
        AcceptanceRule::FromSupplement,
    ] {
        assert_eq!(r.name(), serde_name(r));
    }
    assert_eq!(ApproverRole::AgencyHead.zh(), "本行政机关负责人");
    assert_eq!(ApproverRole::GovernmentHead.zh(), "本级人民政府负责人");
    assert_eq!(ApproverRole::Other.zh(), "其他人员");
    assert_eq!(ApproverRole::TownshipHead.zh(), "乡镇人民政府负责人");
    for (title, role) in [
        ("县住建局局长", Some(ApproverRole::AgencyHead)),
        ("行政审批局副局长", Some(ApproverRole::AgencyHead)),
        ("服务中心主任", Some(ApproverRole::AgencyHead)),
        ("agency head", Some(ApproverRole::AgencyHead)),
        ("县长", Some(ApproverRole::GovernmentHead)),
        ("镇长", Some(ApproverRole::TownshipHead)),
        ("市长", Some(ApproverRole::GovernmentHead)),
        ("head of the government", Some(ApproverRole::GovernmentHead)),
        ("审批科科长", Some(ApproverRole::Other)),
        ("窗口工作人员", Some(ApproverRole::Other)),
        ("李四", None),
    ] {
        assert_eq!(ApproverRole::of(title), role, "{title}");
    }
}

/// The JSON Schema of an evaluation lists the flags as an array of their
/// names, as the JSON writes them.
#[test]
fn the_evaluation_schema_lists_the_flags() {
    let schema = schemars::schema_for!(jiceng_approvals::Evaluation);
    let v = schema.as_value();
    let flags = &v["properties"]["flags"];
    let target = flags["$ref"].as_str().map_or(flags, |r| {
        let name = r.rsplit('/').next().unwrap();
        &v["$defs"][name]
    });
    assert_eq!(target["type"], "array", "{flags}");
    let items = &target["items"];
    let def = items["$ref"].as_str().map_or(items, |r| {
        let name = r.rsplit('/').next().unwrap();
        &v["$defs"][name]
    });
    let text = def.to_string();
    for f in Flag::ALL {
        assert!(text.contains(&format!("\"{}\"", f.name())), "{f:?}: {text}");
    }
}

/// `Status::ALL` lists every status once, in declaration order, and
/// `from_name` reads each name back; the `match` fails to compile when a
/// status is added without a place here (the CLI's Chinese summary walks
/// `ALL`, and once printed "?" for `preliminary_review`).
#[test]
fn status_all_lists_every_status_and_names_read_back() {
    fn position(s: Status) -> usize {
        match s {
            Status::NotYetReceived => 0,
            Status::AwaitingAcceptance => 1,
            Status::AwaitingSupplement => 2,
            Status::PreliminaryReview => 3,
            Status::OnTrack => 4,
            Status::DueSoon => 5,
            Status::Suspended => 6,
            Status::LateAgainstPromise => 7,
            Status::LateAgainstStatute => 8,
            Status::ClosedEarly => 9,
            Status::ClosedOnTime => 10,
            Status::ClosedLateAgainstPromise => 11,
            Status::ClosedLateAgainstStatute => 12,
            Status::Rejected => 13,
            Status::Withdrawn => 14,
        }
    }
    assert_eq!(Status::ALL, STATUSES);
    for (i, s) in Status::ALL.into_iter().enumerate() {
        assert_eq!(position(s), i);
        assert_eq!(Status::from_name(s.name()), Some(s));
    }
    assert_eq!(
        Status::from_name("preliminary_review").map(Status::zh),
        Some("下级机关初步审查")
    );
    assert_eq!(Status::from_name("Preliminary_review"), None);
    assert_eq!(Status::from_name(""), None);
}
