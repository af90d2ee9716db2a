//! Strict JSON for the messages our processes and views exchange: anything the type would not
//! write itself is refused, even the extra fields serde lets through on unit variants of
//! internally tagged enums.

use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("not a message: {0}")]
    Syntax(#[from] serde_json::Error),
    #[error("the message carries fields it should not")]
    ExtraFields,
}

/// Parses `text` as `T`, and accepts it only if `T` serialises back to exactly the same JSON.
pub fn from_str_exact<T: Serialize + DeserializeOwned>(text: &str) -> Result<T, WireError> {
    let raw: serde_json::Value = serde_json::from_str(text)?;
    let message: T = serde_json::from_value(raw.clone())?;
    if serde_json::to_value(&message)? != raw {
        return Err(WireError::ExtraFields);
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(tag = "cmd", rename_all = "kebab-case", deny_unknown_fields)]
    enum Sample {
        Stop,
        Go { to: String },
    }

    #[test]
    fn extra_fields_are_refused_even_on_unit_variants() {
        assert_eq!(from_str_exact::<Sample>(r#"{"cmd":"stop"}"#).unwrap(), Sample::Stop);
        assert!(from_str_exact::<Sample>(r#"{"cmd":"stop","now":true}"#).is_err());
        assert!(from_str_exact::<Sample>(r#"{"cmd":"go","to":"x","y":1}"#).is_err());
        assert_eq!(from_str_exact::<Sample>(r#"{"to":"x","cmd":"go"}"#).unwrap(), Sample::Go { to: "x".into() });
    }
}
