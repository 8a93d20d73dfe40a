//! The build's reader of `spec/` (`build/spec.rs`, compiled here as a module): a malformed
//! definition or overlay entry is refused with the file or API and the field, never built.
// The build's own reader, of which these tests use only the entry point.
#[allow(dead_code)]
#[path = "../../build/spec.rs"]
mod spec;

use std::path::{Path, PathBuf};

/// A copy of `spec/` with one file's text edited.
fn edited_copy(file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let to = std::env::temp_dir().join(format!(
        "loyalty-spec-{}-{}",
        std::process::id(),
        file.replace('/', "_")
    ));
    for sub in ["alsc-crm", "u8"] {
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(from.join(sub)).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
    for file in ["overlay.json", "labels.json"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    let text = std::fs::read_to_string(to.join(file)).unwrap();
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit must change {file}");
    std::fs::write(to.join(file), changed).unwrap();
    to
}

fn refusal(file: &str, edit: impl Fn(String) -> String) -> String {
    match spec::load(&edited_copy(file, edit)) {
        Ok(_) => panic!("{file}: the edited spec was accepted"),
        Err(e) => e,
    }
}

#[test]
fn a_field_without_a_label_is_refused_naming_it_and_its_api() {
    let e = refusal("labels.json", |t| {
        t.lines()
            .filter(|l| !l.contains(r#""change_point""#))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        e.contains("labels.json") && e.contains("change_point") && e.contains("alibaba.alsc.crm."),
        "{e}"
    );
}

#[test]
fn the_vendored_spec_loads() {
    let spec = spec::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).unwrap();
    assert_eq!(spec.operations.len(), 62);
}

#[test]
fn malformed_entries_are_refused_naming_the_api_and_field() {
    let e = refusal("alsc-crm/alibaba_alsc_crm_point_extra_consume.json", |t| {
        t.replacen(r#""type": "Number""#, r#""type": "Integer""#, 1)
    });
    assert!(
        e.contains("alibaba.alsc.crm.point.extra.consume")
            && e.contains("change_point")
            && e.contains("Integer"),
        "{e}"
    );

    let e = refusal("overlay.json", |t| {
        t.replacen(
            r#"{"positive": "change_point""#,
            r#"{"positive": "change_points""#,
            1,
        )
    });
    assert!(
        e.contains("change_points") && e.contains("not a field"),
        "{e}"
    );

    let e = refusal("overlay.json", |t| {
        t.replacen(
            r#""choices": "BIZ_CHANNEL""#,
            r#""choices": "BIZ_CHANEL""#,
            1,
        )
    });
    assert!(e.contains("BIZ_CHANEL"), "{e}");

    let e = refusal("overlay.json", |t| {
        t.replacen(
            r#""order_id": "out_biz_id""#,
            r#""order_id": "change_point""#,
            1,
        )
    });
    assert!(e.contains("order_id `change_point`"), "{e}");

    let e = refusal("overlay.json", |t| {
        t.replacen(r#""title_en": "Deduct extra points","#, "", 1)
    });
    assert!(
        e.contains("alibaba.alsc.crm.point.extra.consume") && e.contains("title_en"),
        "{e}"
    );

    let e = refusal("overlay.json", |t| {
        t.replacen(r#""why": "变更积分数""#, r#""why": " ""#, 1)
    });
    assert!(e.contains("why"), "{e}");

    let e = refusal("alsc-crm/alibaba_alsc_crm_card_bindcustomer.json", |t| {
        t.replacen(
            r#""description": "接口结果""#,
            r#""description": "另一个结果""#,
            1,
        )
    });
    assert!(
        e.contains("card.bindcustomer") && e.contains("result: listed twice"),
        "{e}"
    );
}

#[test]
fn a_reversal_of_an_undeclared_operation_is_refused() {
    let e = refusal("overlay.json", |t| {
        t.replacen(
            r#""of": ["alibaba.alsc.crm.recharge.dedut.update"]"#,
            r#""of": ["alibaba.alsc.crm.recharge.dedut.updat"]"#,
            1,
        )
    });
    assert!(
        e.contains("recharge.undedut.update") && e.contains("dedut.updat, which is not declared"),
        "{e}"
    );
}
