//! The one vocabulary: every error code and rule name is declared once, named once, labelled
//! in both languages, and the configuration errors name the option and the rule they break.

use loyalty_sdk::json;
use loyalty_sdk::top::TopConfig;
use loyalty_sdk::u8::U8Config;
use loyalty_sdk::{ErrorCode, RuleName};
use std::collections::BTreeSet;

#[test]
fn codes_and_rules_have_one_name_each_and_labels_in_both_languages() {
    let codes: BTreeSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes.len(), ErrorCode::ALL.len());
    for c in ErrorCode::ALL {
        assert!(c
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
        let (zh, en) = c.label();
        assert!(
            zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{zh}"
        );
        assert!(!en.is_empty() && en.is_ascii(), "{en}");
        assert!((400..600).contains(&c.http_status()));
    }
    let rules: BTreeSet<_> = RuleName::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(rules.len(), RuleName::ALL.len());
    for r in RuleName::ALL {
        assert!(r
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'));
        let (zh, en) = r.label();
        assert!(!zh.is_empty() && !en.is_empty());
    }
    // The codes the JS layer raises are part of it too.
    for js in ["NETWORK_ERROR", "TIMEOUT", "ABORTED", "RATE_LIMITED"] {
        assert!(codes.contains(js), "{js}");
    }
}

#[test]
fn configuration_errors_name_the_option_and_the_rule() {
    let cases = [
        (r#"{"appKey":"k"}"#, "appSecret", RuleName::Required),
        (
            r#"{"appKey":"k","appSecret":"s","format":"yaml"}"#,
            "format",
            RuleName::OneOf,
        ),
        (
            r#"{"appKey":"k","appSecret":"s","signMethod":"sha1"}"#,
            "signMethod",
            RuleName::OneOf,
        ),
        (
            r#"{"appKey":"k","appSecret":"s","gateway":"ftp://x"}"#,
            "gateway",
            RuleName::Url,
        ),
        (r#"{"appKey":5,"appSecret":"s"}"#, "appKey", RuleName::Type),
        (
            r#"{"appKey":"k","appSecret":"s","simplify":"yes"}"#,
            "simplify",
            RuleName::Type,
        ),
    ];
    for (options, field, rule) in cases {
        let e = TopConfig::from_value(&json::parse(options).unwrap()).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref(), e.rule),
            (ErrorCode::InvalidConfig, Some(field), Some(rule)),
            "{options}"
        );
    }
    let e = U8Config::from_value(
        &json::parse(
            r#"{"fromAccount":"f","toAccount":"t","appKey":"k","appSecret":"s","baseUrl":"x"}"#,
        )
        .unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.rule),
        (Some("baseUrl"), Some(RuleName::Url))
    );
}
