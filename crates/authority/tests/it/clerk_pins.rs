//! What a clerk asks, worked by hand: the history of an item in a town
//! across a county change that does not touch the town (one stretch, not
//! two), the same item's history in the county, a village's list (its
//! township's), and the errors for places the questions do not fit.

use jiceng_authority::Error;

use crate::{CONCENTRATE, d, instrument, ledger};

const T1: &str = "130430100000";
const T2: &str = "130430101000";
const VILLAGE: &str = "130430100200";

/// (from, until, holder, exercised by, instrument) of each period.
type Row = (
    Option<chrono::NaiveDate>,
    Option<chrono::NaiveDate>,
    String,
    Option<String>,
    Option<String>,
);

fn rows(l: &jiceng_authority::Ledger, item: &str, place: &str) -> Vec<Row> {
    l.timeline(item, place)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.from,
                p.until,
                p.holder.code,
                p.exercised_by.map(|b| b.code),
                p.instrument.map(|i| i.id),
            )
        })
        .collect()
}

/// CF-1 is the 生态环境 department's by statute; the county concentrates
/// it in the bureau from 2021-06-01 (Art. 18); the bureau devolves it to
/// 新马头镇 from 2021-08-01 (after Art. 24 took effect on 2021-07-15)
/// until 2022-08-01, and the county ends the concentration from
/// 2022-01-01 by a second concentration back into the department. The
/// town's history: the department until 2021-06-01, the bureau until
/// 2021-08-01, then the town's government (its team exercising) for one
/// unbroken stretch until 2022-08-01, although the county's holder
/// changed on 2022-01-01 in between, and from 2022-08-01 the county's
/// holder again: the department, by the second concentration.
#[test]
fn a_towns_history_is_one_stretch_while_its_grant_lasts() {
    let extra = format!(
        "{CONCENTRATE}{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2021-07-20",
            "2021-08-01",
            &format!(
                "effective_until = \"2022-08-01\"\ntownships = [\"{T1}\"]\nitems = [\"CF-1\"]"
            ),
        ),
        "\n[[instrument]]\nid = \"back\"\nkind = \"concentration\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2021〕8号\"\ntitle = \"关于调整集中行使的决定\"\npublished = \"2021-12-20\"\neffective_from = \"2022-01-01\"\ncounty = \"130430000000\"\nfrom = [\"c-zhzf\"]\nto = \"c-sthj\"\nitems = [\"CF-1\"]\n",
    );
    let l = ledger(&extra);
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        rows(&l, "CF-1", T1),
        vec![
            (None, Some(d("2021-06-01")), "c-sthj".into(), None, None),
            (
                Some(d("2021-06-01")),
                Some(d("2021-08-01")),
                "c-zhzf".into(),
                None,
                s("conc")
            ),
            (
                Some(d("2021-08-01")),
                Some(d("2022-08-01")),
                "t1-gov".into(),
                s("t1-zfd"),
                s("dev")
            ),
            (
                Some(d("2022-08-01")),
                None,
                "c-sthj".into(),
                None,
                s("back")
            ),
        ]
    );
    // The county's own history has no town stretch, and the bureau's
    // stretch ends when the second concentration takes effect.
    assert_eq!(
        rows(&l, "CF-1", "130430000000"),
        vec![
            (None, Some(d("2021-06-01")), "c-sthj".into(), None, None),
            (
                Some(d("2021-06-01")),
                Some(d("2022-01-01")),
                "c-zhzf".into(),
                None,
                s("conc")
            ),
            (
                Some(d("2022-01-01")),
                None,
                "c-sthj".into(),
                None,
                s("back")
            ),
        ]
    );
    // 邱城镇, given nothing, follows the county.
    assert_eq!(rows(&l, "CF-1", T2), rows(&l, "CF-1", "130430000000"));
}

/// A village's list of powers is its township's; a county has none, and
/// a code the ledger lacks is unknown.
#[test]
fn a_villages_powers_are_its_townships() {
    let extra = instrument(
        "lic",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    let l = ledger(&extra);
    let codes = |place: &str, date: &str| -> Vec<(String, String, Option<String>)> {
        l.powers(place.parse().unwrap(), d(date))
            .unwrap()
            .into_iter()
            .map(|p| (p.item, p.holder.code, p.exercised_by.map(|b| b.code)))
            .collect()
    };
    let town = vec![(
        "XK-1".to_owned(),
        "t1-gov".to_owned(),
        Some("t1-fwzx".to_owned()),
    )];
    assert_eq!(codes(T1, "2022-03-01"), town);
    assert_eq!(codes(VILLAGE, "2022-03-01"), town);
    assert_eq!(codes(VILLAGE, "2022-02-28"), []);
    assert!(matches!(
        l.powers("130430000000".parse().unwrap(), d("2022-03-01")),
        Err(Error::NotTownship(c)) if c == "130430000000"
    ));
    assert!(matches!(
        l.powers("130430999000".parse().unwrap(), d("2022-03-01")),
        Err(Error::UnknownDivision(c)) if c == "130430999000"
    ));
}

/// The history is asked of a county, a township or a village: a city is
/// above the county, and an unknown item or place is named in the error.
#[test]
fn a_history_is_refused_above_the_county_and_for_unknown_codes() {
    let l = ledger("");
    assert!(matches!(
        l.timeline("CF-1", "130400000000"),
        Err(Error::AboveCounty(c)) if c == "130400000000"
    ));
    assert!(matches!(
        l.timeline("CF-9", T1),
        Err(Error::UnknownItem(c)) if c == "CF-9"
    ));
    assert!(matches!(
        l.timeline("CF-1", "130430999000"),
        Err(Error::UnknownDivision(c)) if c == "130430999000"
    ));
    assert!(matches!(
        l.timeline("CF-1", "13043"),
        Err(Error::UnknownDivision(c)) if c == "13043"
    ));
    // A village's history is its township's: CF-1 by statute only.
    assert_eq!(
        rows(&l, "CF-1", VILLAGE),
        vec![(None, None, "c-sthj".to_owned(), None, None)]
    );
}

/// A kilobyte code came back whole in the message of an unknown division,
/// item or body (`grid route --division` printed 1,200 bytes of it); the
/// message quotes its first 60 characters, the error keeps it all.
#[test]
fn a_kilobyte_unknown_code_is_quoted_cut_to_sixty_characters() {
    use jiceng_authority::Error;
    let long = "甲".repeat(400);
    let cut = format!("{}…", "甲".repeat(60));
    assert_eq!(
        Error::UnknownDivision(long.clone()).to_string(),
        format!("unknown division {cut}")
    );
    assert_eq!(
        Error::UnknownItem(long.clone()).to_string(),
        format!("unknown power item \"{cut}\"")
    );
    assert_eq!(
        Error::UnknownBody(long).to_string(),
        format!("unknown body \"{cut}\"")
    );
    // Sixty characters are quoted whole.
    let sixty = "乙".repeat(60);
    assert_eq!(
        Error::UnknownDivision(sixty.clone()).to_string(),
        format!("unknown division {sixty}")
    );
}
