//! Every failing field of one form at once, for any form the store validates (a profile, the
//! app-creation details): the form marks them all, the message lists them all.

use qimen_core::text::Lang;
use serde::Serialize;
use std::fmt;

/// One field that fails its check: which field, and what is wrong with how to fix it.
pub trait FieldProblem {
    fn field(&self) -> &'static str;
    fn message(&self, lang: Lang) -> String;
}

/// The failing fields of one form, in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldErrors<E>(pub Vec<E>);

impl<E: FieldProblem> FieldErrors<E> {
    /// Every problem, one per line in Chinese, `; `-separated in English.
    pub fn message(&self, lang: Lang) -> String {
        let sep = lang.pick("\n", "; ");
        self.0
            .iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// The first failing field, where the form puts the cursor.
    pub fn first_field(&self) -> Option<&'static str> {
        self.0.first().map(FieldProblem::field)
    }
}

impl<E: FieldProblem> fmt::Display for FieldErrors<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl<E: FieldProblem + fmt::Debug> std::error::Error for FieldErrors<E> {}
