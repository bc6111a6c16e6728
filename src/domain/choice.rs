//! [`choice_enum!`](choice_enum): the one way to declare a closed set of choices (a
//! contract's session mode, a session's status, …): each variant has the value stored
//! and used in forms, and the words shown to people, with `ALL`, `as_str`, `parse` and
//! `label`.

macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $value:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The value used in forms and storage.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $value,)+ } }
            pub fn parse(text: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.as_str() == text.trim()) }
            /// The words shown to people.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label,)+ } }
        }
    };
}
pub(crate) use choice_enum;
