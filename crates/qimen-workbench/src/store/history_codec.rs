//! How a call's request and response are kept on disk. A body shorter than [`COMPRESS_FROM`] is
//! a TEXT value as it is; a longer one is a BLOB holding its UTF-8 compressed with raw deflate
//! (RFC 1951), when that is smaller. The storage class tells them apart, so rows written before
//! compression existed (always TEXT) read as they did. Readers get the text back either way.

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rusqlite::types::{FromSqlError, Value, ValueRef};
use std::io::{Read, Write};

/// Bodies from this size (bytes) on are stored compressed.
pub(super) const COMPRESS_FROM: usize = 1024;

/// Above this size the faster compression level is used, so recording a 10 MB answer stays quick.
const FAST_FROM: usize = 256 * 1024;

/// The most a stored body can inflate to: the response cap with room to spare. A damaged value
/// cannot make a reader allocate more.
const INFLATE_LIMIT: u64 = 64 * 1024 * 1024;

/// The value to store for `text`.
pub(super) fn pack(text: &str) -> Value {
    if text.len() < COMPRESS_FROM {
        return Value::Text(text.to_string());
    }
    let level = if text.len() >= FAST_FROM {
        Compression::fast()
    } else {
        Compression::default()
    };
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(text.len() / 4), level);
    let packed = encoder
        .write_all(text.as_bytes())
        .and_then(|()| encoder.finish());
    match packed {
        Ok(bytes) if bytes.len() < text.len() => Value::Blob(bytes),
        _ => Value::Text(text.to_string()),
    }
}

/// The text of a stored value: TEXT as it is, a BLOB inflated.
pub(super) fn unpack(value: ValueRef<'_>) -> Result<String, FromSqlError> {
    match value {
        ValueRef::Text(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => {
            let mut text = String::new();
            DeflateDecoder::new(bytes)
                .take(INFLATE_LIMIT)
                .read_to_string(&mut text)
                .map_err(|e| FromSqlError::Other(Box::new(e)))?;
            Ok(text)
        }
        ValueRef::Null => Ok(String::new()),
        _ => Err(FromSqlError::InvalidType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let value = pack(text);
        let back = match &value {
            Value::Text(t) => unpack(ValueRef::Text(t.as_bytes())),
            Value::Blob(b) => unpack(ValueRef::Blob(b)),
            _ => Err(FromSqlError::InvalidType),
        };
        back.unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn short_bodies_stay_text_and_long_ones_shrink() {
        assert!(matches!(pack("{\"ok\":true}"), Value::Text(_)));
        let long = "{\"goods_name\":\"陶瓷餐具套装\",\"num\":1},".repeat(400);
        match pack(&long) {
            Value::Blob(bytes) => assert!(bytes.len() * 10 < long.len(), "{}", bytes.len()),
            other => panic!("not compressed: {other:?}"),
        }
        assert_eq!(round_trip(&long), long);
        assert_eq!(round_trip("仓"), "仓");
    }

    #[test]
    fn text_that_does_not_shrink_is_kept_as_text() {
        // Digits of a pseudo-random sequence: deflate gains little, but it still gains; a
        // compressed value must always be smaller than the text.
        let mut x: u64 = 7;
        let noisy: String = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                char::from(b'!' + (x >> 58) as u8)
            })
            .collect();
        match pack(&noisy) {
            Value::Blob(bytes) => assert!(bytes.len() < noisy.len()),
            Value::Text(t) => assert_eq!(t, noisy),
            other => panic!("{other:?}"),
        }
        assert_eq!(round_trip(&noisy), noisy);
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        assert!(unpack(ValueRef::Blob(&[0xff, 0x00, 0x13])).is_err());
    }
}
