//! The fields each kind of instrument needs, kind by kind, as a table:
//! every grant names its items and the bodies it takes them `from`
//! (a revocation takes back from the township, so it has no `from`); a
//! guidance list names its province (Art. 24: the province lists what may
//! be devolved); an evaluation names what it evaluates and no items; a
//! grant names its townships or its county. Each missing field is one
//! finding naming the instrument and the field.

use jiceng_authority::{CheckOptions, FindingKind};

use crate::{findings, instrument};

const T1: &str = "130430100000";

/// The messages of the findings about missing fields and about codes
/// that name no province or body, in file order.
fn check(extra: &str, expected: &[&str]) {
    let got: Vec<String> = findings(extra, &CheckOptions::default())
        .into_iter()
        .filter(|f| {
            f.kind == FindingKind::MissingField
                || (f.kind == FindingKind::UnknownCode
                    && (f.message.contains("not a province") || f.message.contains("划转")))
        })
        .map(|f| f.message)
        .collect();
    assert_eq!(got, expected, "{extra}");
}

fn with(kind: &str, from: &str, rest: &str) -> String {
    instrument("x", kind, from, "2022-02-20", "2022-03-01", rest)
}

#[test]
fn each_kind_needs_its_fields() {
    let towns = format!("townships = [\"{T1}\"]\n");
    let items = "items = [\"XK-1\"]\n";
    let both = format!("{towns}{items}");
    // Complete instruments need nothing.
    check(&with("devolution", "\"c-scjg\"", &both), &[]);
    check(&with("entrustment", "\"c-scjg\"", &both), &[]);
    check(&with("revocation", "", &both), &[]);
    // A grant without items, without `from`, without both.
    check(
        &with("devolution", "\"c-scjg\"", &towns),
        &["下放 \"x\" needs `items`"],
    );
    check(&with("devolution", "", &both), &["下放 \"x\" needs `from`"]);
    check(
        &with("entrustment", "", &towns),
        &["委托 \"x\" needs `items`", "委托 \"x\" needs `from`"],
    );
    // A revocation needs items but no `from`.
    check(
        &with("revocation", "", &towns),
        &["收回 \"x\" needs `items`"],
    );
    // A grant that names no township and no county.
    check(
        &with("devolution", "\"c-scjg\"", items),
        &["下放 \"x\" names no townships (set `townships` or `county`)"],
    );
    check(
        &with("revocation", "", items),
        &["收回 \"x\" names no townships (set `townships` or `county`)"],
    );
    // A grant that names townships or a county, none of them in the
    // ledger, is missing nothing: its codes are unknown (reported as such),
    // not absent.
    check(
        &with(
            "devolution",
            "\"c-scjg\"",
            &format!("townships = [\"130430999000\"]\n{items}"),
        ),
        &[],
    );
    check(
        &with(
            "devolution",
            "\"c-scjg\"",
            &format!("county = \"130431000000\"\n{items}"),
        ),
        &[],
    );
}

#[test]
fn a_concentration_needs_items_and_from_and_known_bodies() {
    let county = "county = \"130430000000\"\nto = \"c-zhzf\"\n";
    check(
        &with(
            "concentration",
            "\"c-sthj\"",
            &format!("{county}items = [\"CF-1\"]"),
        ),
        &[],
    );
    check(
        &with("concentration", "", county),
        &["划转 \"x\" needs `items`", "划转 \"x\" needs `from`"],
    );
    check(
        &with(
            "concentration",
            "\"c-sthj\", \"c-nope\"",
            &format!("{county}items = [\"CF-1\"]"),
        ),
        &["划转 \"x\" names unknown body \"c-nope\""],
    );
}

/// A guidance list names a province of the ledger: none, a county's code
/// and a province the ledger lacks (山西, 140000000000) are each reported.
#[test]
fn a_guidance_list_needs_a_province_of_the_ledger() {
    let list = |province: &str| {
        format!(
            "\n[[instrument]]\nid = \"g\"\nkind = \"guidance_list\"\nissuer = \"p-gov\"\ndocument = \"冀政字〔2022〕1号\"\ntitle = \"目录\"\npublished = \"2022-01-01\"\neffective_from = \"2022-02-01\"\n{province}items = [\"CF-1\"]\n"
        )
    };
    check(&list("province = \"130000000000\"\n"), &[]);
    check(&list(""), &["指导清单 \"g\" needs `province`"]);
    check(
        &list("province = \"130430000000\"\n"),
        &["guidance list \"g\" names 130430000000, which is not a province of the ledger"],
    );
    check(
        &list("province = \"140000000000\"\n"),
        &["guidance list \"g\" names 140000000000, which is not a province of the ledger"],
    );
}

/// An evaluation needs what it evaluates, and no items.
#[test]
fn an_evaluation_needs_what_it_evaluates_and_no_items() {
    let dev = with(
        "devolution",
        "\"c-scjg\"",
        &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]\n"),
    );
    let eval = |rest: &str| {
        format!(
            "{dev}\n[[instrument]]\nid = \"e\"\nkind = \"evaluation\"\nissuer = \"c-gov\"\ntitle = \"评估报告\"\npublished = \"2022-09-01\"\neffective_from = \"2022-09-01\"\n{rest}\n"
        )
    };
    check(&eval("evaluates = [\"x\"]"), &[]);
    check(&eval(""), &["评估 \"e\" needs `evaluates`"]);
}
