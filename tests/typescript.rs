//! `src/js/operations.d.ts` is generated from the operation table; this fails when it is
//! stale. Regenerate with `UPDATE_TYPES=1 cargo test --test typescript`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[test]
fn generated_typescript_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/operations.d.ts");
    let generated = loyalty_sdk::meta::typescript().unwrap();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "src/js/operations.d.ts is stale: run `UPDATE_TYPES=1 cargo test --test typescript`"
    );
    assert!(generated.contains("'alibaba.alsc.crm.point.extra.consume': {"));
    assert!(generated.contains("biz_channel: 'CS' | 'KRY';"));
    assert!(generated.contains("operate_type?: 1 | 2 | 3 | 4;"));
}
