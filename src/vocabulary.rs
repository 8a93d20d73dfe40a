//! The SDK's one vocabulary: every error code and every rule name, declared here once. The
//! core names its errors and broken rules with these enums; the build (`build/main.rs`
//! includes this file) writes them, with their labels, into `operations.js` and the
//! TypeScript types, where the JS layer, the proxy and the console read them. The core never
//! reads a label, so the wasm keeps only the names.

/// What a failed write did, as far as the caller can know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was sent.
    NotSent,
    /// The platform answered and applied nothing.
    Refused,
    /// The call may have been applied: retry with the same idempotency key, or look it up.
    Unknown,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NotSent => "not_sent",
            Outcome::Refused => "refused",
            Outcome::Unknown => "unknown",
        }
    }
}

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $status:literal, $outcome:ident, $zh:literal, $en:literal;)*) => {
        /// Stable codes: the JS layer, the edge proxy and the console switch on these names.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $name,)*
                }
            }

            /// The HTTP status a service that relays this error answers with.
            pub fn http_status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)*
                }
            }

            /// What a write that failed this way did.
            pub fn outcome(self) -> Outcome {
                match self {
                    $(ErrorCode::$variant => Outcome::$outcome,)*
                }
            }

            /// A short name for the code, `(Chinese, English)`, for tables and audit rows.
            pub fn label(self) -> (&'static str, &'static str) {
                match self {
                    $(ErrorCode::$variant => ($zh, $en),)*
                }
            }
        }
    };
}

error_codes! {
    /// A field broke a rule; nothing was sent.
    InvalidParam = "INVALID_PARAM", 400, NotSent, "参数有误", "invalid parameters";
    /// The client's options are unusable (empty app key, unknown sign method, ...).
    InvalidConfig = "INVALID_CONFIG", 500, NotSent, "客户端配置有误", "client configuration error";
    /// The TOP gateway answered `error_response`.
    TopError = "TOP_ERROR", 502, Refused, "开放平台网关拒绝", "refused by the gateway";
    /// An ALSC call went through but the business layer said no (`biz_success=false`).
    BizError = "BIZ_ERROR", 409, Refused, "业务拒绝", "refused by the business layer";
    /// Yonyou U8 answered a non-zero `errcode`.
    U8Error = "U8_ERROR", 502, Refused, "U8 拒绝", "refused by U8";
    /// The platform banned the app for a while (TOP code 7): `retry_after_ms` says how long.
    RateLimited = "RATE_LIMITED", 429, Refused, "调用频率超限", "rate limited";
    /// An HTTP status that is not a platform answer (5xx, 404, ...).
    HttpError = "HTTP_ERROR", 502, Unknown, "平台暂时不可用", "platform unavailable";
    /// The body could not be read as the expected document.
    DecodeError = "DECODE_ERROR", 502, Unknown, "应答无法读取", "unreadable answer";
    /// The connection failed (the JS layer: refused, reset, no such host).
    NetworkError = "NETWORK_ERROR", 502, Unknown, "网络中断", "network failure";
    /// No answer in time (the JS layer: the attempt's timeout or the call's deadline).
    Timeout = "TIMEOUT", 504, Unknown, "平台响应超时", "no answer in time";
    /// The caller cancelled the call (the JS layer: its `AbortSignal`).
    Aborted = "ABORTED", 499, Unknown, "调用已取消", "cancelled by the caller";
    /// A bug in the SDK; reported instead of crashing.
    Internal = "INTERNAL", 500, Unknown, "SDK 内部错误", "SDK internal error";
}

macro_rules! rule_names {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $zh:literal, $en:literal;)*) => {
        /// The rule a field (or an option) broke: stable names, as `FieldError::rule`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum RuleName {
            $($(#[$doc])* $variant,)*
        }

        impl RuleName {
            pub const ALL: &'static [RuleName] = &[$(RuleName::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleName::$variant => $name,)*
                }
            }

            /// A short name for the rule, `(Chinese, English)`.
            pub fn label(self) -> (&'static str, &'static str) {
                match self {
                    $(RuleName::$variant => ($zh, $en),)*
                }
            }
        }
    };
}

rule_names! {
    /// A required field is missing or empty.
    Required = "required", "必填", "required";
    /// Required because of another field's value (`required_when` in the overlay).
    RequiredWhen = "required_when", "条件必填", "required in this case";
    /// At least one of several fields must be given.
    AnyOf = "any_of", "至少填写一项", "one of several required";
    /// The value has the wrong JSON type.
    Type = "type", "类型不对", "wrong type";
    /// An integer beyond ±2^53, or a time outside what the platforms accept.
    Range = "range", "超出范围", "out of range";
    /// A number that is not a whole number.
    Integer = "integer", "须为整数", "not a whole number";
    /// Not a decimal with at most two places, as text.
    Decimal = "decimal", "须为两位小数以内的数", "not a decimal with two places at most";
    /// Not `yyyy-MM-dd HH:mm:ss`.
    Date = "date", "时间格式不对", "not a date-time";
    /// Not above zero.
    Positive = "positive", "须大于 0", "not above zero";
    /// Below zero.
    NonNegative = "non_negative", "不能为负", "negative";
    /// Not one of the documented values.
    OneOf = "one_of", "不是允许的取值", "not an allowed value";
    /// A list that must hold at least one item is empty.
    NonEmpty = "non_empty", "不能为空", "empty";
    /// More records than one call carries.
    MaxRecords = "max_records", "记录过多", "too many records";
    MaxLength = "max_length", "过长", "too long";
    /// A field, an option or a method that is not declared.
    Unknown = "unknown", "未声明", "not declared";
    /// A business parameter named like a system parameter.
    Reserved = "reserved", "系统参数名", "a system parameter's name";
    /// Text not in the form it must have (a U8 api not `resource/action`).
    Format = "format", "格式不对", "not in the required form";
    /// Not an http(s) URL.
    Url = "url", "须为 http(s) 地址", "not an http(s) URL";
}
