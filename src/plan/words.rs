//! Closed lists stored as words: reading a word back into its member, and `worded!` to declare one.

/// The member of `all` whose word is `word`, ignoring case and surrounding space.
pub(crate) fn by_word<T: Copy, const N: usize>(
    all: [T; N],
    word: &str,
    word_of: fn(T) -> &'static str,
) -> Option<T> {
    let word = word.trim();
    all.into_iter()
        .find(|&item| word_of(item).eq_ignore_ascii_case(word))
}

/// Declares an enum whose members are stored and shown as words, with `ALL` (in declaration
/// order), `word()` and `from_word()` (which ignores case and surrounding space), so each list of
/// the plan says its words once.
macro_rules! worded {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $word:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($word),+].len()] = [$($name::$variant),+];

            /// The word stored in the workbook and shown on screen.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            /// Reads a word, ignoring case and surrounding space; `None` for anything else.
            pub fn from_word(word: &str) -> Option<$name> {
                $crate::plan::words::by_word(Self::ALL, word, Self::word)
            }
        }
    };
}

pub(crate) use worded;

#[cfg(test)]
mod tests {
    worded! {
        /// A list for the test.
        enum Weather {
            Sunny => "sunny",
            /// With a doc line on a member.
            LightRain => "light rain",
        }
    }

    #[test]
    fn a_worded_list_reads_its_words_back_whatever_the_case() {
        assert_eq!(Weather::ALL, [Weather::Sunny, Weather::LightRain]);
        for w in Weather::ALL {
            assert_eq!(Weather::from_word(w.word()), Some(w));
        }
        assert_eq!(
            Weather::from_word("  Light RAIN "),
            Some(Weather::LightRain)
        );
        assert_eq!(Weather::from_word("light"), None);
        assert_eq!(Weather::from_word(""), None);
    }
}
