//! [`choice_enum!`](choice_enum): the one way to declare a closed set of choices (a
//! contract's session mode, a session's status, …): each variant has the value stored
//! and used in forms, and the words shown to people, with `ALL`, `as_str`, `parse` and
//! `label`.
//!
//! ```text
//! choice_enum!(
//!     /// Who may see a goal.
//!     #[derive(Default)]
//!     Visibility {
//!         /// Only the client.
//!         ClientPrivate => "client_private", "Private to the client";
//!         #[default]
//!         Shared => "shared", "Shared with the practitioner";
//!     }
//! );
//! ```
//!
//! The enum derives `Debug, Clone, Copy, PartialEq, Eq, Hash` and serde's `Serialize` and
//! `Deserialize` with `rename_all = "snake_case"`; more derives (`PartialOrd, Ord`,
//! `Default`) go in an attribute before the name, and a variant may carry its own
//! attributes (a doc comment, `#[default]`, a `#[serde(rename = "…")]` where stored data
//! has another name). `ALL` lists the variants in the order written, the order forms
//! offer them. The words are English and translated where they are shown (`t(label)`);
//! the catalogue test finds them on each variant's line, after its value.

macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $value:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$variant_meta])* $variant,)+ }

        impl $name {
            /// Every choice, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The value used in forms and storage.
            pub const fn as_str(self) -> &'static str { match self { $($name::$variant => $value,)+ } }
            /// The choice whose value is `text` (surrounding spaces do not count).
            pub fn parse(text: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.as_str() == text.trim()) }
            /// The words shown to people (English; translated where shown).
            pub const fn label(self) -> &'static str { match self { $($name::$variant => $label,)+ } }
        }
    };
}
pub(crate) use choice_enum;

/// For a choice's tests: `expected` names every choice in `all` with its value, each value
/// reads back as its choice, and the value is what serde stores (so records written by
/// earlier versions still read).
#[cfg(test)]
pub(crate) fn assert_values<T>(all: &[T], expected: &[(T, &str)], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
where
    T: Copy + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
{
    assert_eq!(all, expected.iter().map(|(choice, _)| *choice).collect::<Vec<_>>(), "every choice, in order");
    for &(choice, value) in expected {
        assert_eq!(as_str(choice), value);
        assert_eq!(parse(value), Some(choice), "{value}");
        assert_eq!(serde_json::to_value(choice).unwrap(), serde_json::Value::from(value), "stored as {value}");
        assert_eq!(serde_json::from_value::<T>(value.into()).unwrap(), choice, "{value} reads");
    }
}

#[cfg(test)]
mod tests {
    choice_enum!(
        /// A choice for the test, with extra derives, a default and a stored name of its own.
        #[derive(PartialOrd, Ord, Default)]
        Sample {
            /// The first.
            First => "first", "The first";
            #[default]
            SecondOne => "second_one", "The second";
            #[serde(rename = "Third")]
            Third => "third", "The third";
        }
    );

    #[test]
    fn every_value_reads_back_as_its_choice() {
        for choice in Sample::ALL {
            assert_eq!(Sample::parse(choice.as_str()), Some(*choice));
            assert_eq!(Sample::parse(&format!(" {} ", choice.as_str())), Some(*choice));
        }
        assert_eq!(Sample::parse("fourth"), None);
        assert_eq!(Sample::parse(""), None);
    }

    #[test]
    fn extra_derives_and_variant_attributes_apply() {
        assert_eq!(Sample::default(), Sample::SecondOne);
        assert!(Sample::First < Sample::Third);
        assert_eq!(Sample::ALL, &[Sample::First, Sample::SecondOne, Sample::Third]);
        assert_eq!(Sample::Third.label(), "The third");
        assert_eq!(serde_json::to_value(Sample::SecondOne).unwrap(), "second_one");
        assert_eq!(serde_json::to_value(Sample::Third).unwrap(), "Third");
        assert_eq!(serde_json::from_value::<Sample>("Third".into()).unwrap(), Sample::Third);
    }
}
