//! The shapes typed values must have: e-mail and web addresses, dates, whole days.

use jiff::civil::Date;

/// How dates are stored in the workbook, whatever format the user types and reads.
pub const ISO_DATE: &str = "%Y-%m-%d";

/// `name@example.com`: one `@`, something before it, a domain with a dot after it, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// Why a web address was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebsiteProblem {
    Spaces,
    Scheme,
    Shape,
}

impl WebsiteProblem {
    pub fn message(self) -> &'static str {
        match self {
            WebsiteProblem::Spaces => "A web address has no spaces; remove them.",
            WebsiteProblem::Scheme => {
                "Only http and https addresses are accepted; enter one like https://example.com."
            }
            WebsiteProblem::Shape => "Enter a web address like example.com or https://example.com.",
        }
    }
}

/// Splits off `http://` or `https://` (any case); the rest is host, port and path.
fn without_scheme(text: &str) -> &str {
    for scheme in ["https://", "http://"] {
        if text.len() >= scheme.len()
            && text.is_char_boundary(scheme.len())
            && text[..scheme.len()].eq_ignore_ascii_case(scheme)
        {
            return &text[scheme.len()..];
        }
    }
    text
}

/// Accepts `example.com`, `www.example.com:8080/partners` and `https://example.com/x`; refuses
/// spaces, other schemes (`ftp://`, `javascript:`, `mailto:`) and hosts without a dot.
pub fn check_website(text: &str) -> Result<(), WebsiteProblem> {
    if text.chars().any(char::is_whitespace) {
        return Err(WebsiteProblem::Spaces);
    }
    let rest = without_scheme(text);
    let host_and_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (host, port) = match host_and_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_and_port, None),
    };
    // "ftp://x" or "javascript:alert(1)": a scheme we do not open, rather than a port.
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if rest.contains("://") || !port_ok {
        let looks_like_scheme =
            !host.contains('.') && host.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        return Err(if looks_like_scheme {
            WebsiteProblem::Scheme
        } else {
            WebsiteProblem::Shape
        });
    }
    let host_ok = host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if host_ok {
        Ok(())
    } else {
        Err(WebsiteProblem::Shape)
    }
}

/// A web address reduced for comparison: lower case, without scheme, `www.` or trailing slashes,
/// so `https://www.Acme.com/` and `acme.com` are the same site.
pub fn website_key(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let rest = without_scheme(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// A stored date (`YYYY-MM-DD`, exactly), or `None`.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let date = Date::strptime(ISO_DATE, text).ok()?;
    let canonical = jiff::fmt::strtime::format(ISO_DATE, date).ok()?;
    (canonical == text).then_some(date)
}

/// 23 November 2026 in `format`, for messages that show the user what to type.
pub fn date_example(format: &str) -> String {
    jiff::fmt::strtime::format(format, jiff::civil::date(2026, 11, 23))
        .unwrap_or_else(|_| "2026-11-23".into())
}

/// A date as typed in the user's `format` (or as `YYYY-MM-DD`), to the stored ISO form.
/// Empty text is no date. The error is a sentence for the form.
pub fn parse_typed_date(text: &str, format: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date = Date::strptime(format, text)
        .ok()
        .or_else(|| parse_iso_date(text))
        .ok_or_else(|| format!("Enter a date like {}.", date_example(format)))?;
    jiff::fmt::strtime::format(ISO_DATE, date)
        .map(Some)
        .map_err(|_| format!("Enter a date like {}.", date_example(format)))
}

/// A stored date shown in the user's `format`; text that is not an ISO date is shown as it is.
pub fn show_date(stored: &str, format: &str) -> String {
    parse_iso_date(stored)
        .and_then(|date| jiff::fmt::strtime::format(format, date).ok())
        .unwrap_or_else(|| stored.to_string())
}

/// The most days a check-in cadence may span (ten years).
pub const CADENCE_MAX_DAYS: i64 = 3650;

/// A cadence as typed: empty is "use the default"; otherwise whole days from 1 to 3650.
pub fn parse_cadence(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(days)
            if text.chars().all(|c| c.is_ascii_digit())
                && (1..=CADENCE_MAX_DAYS).contains(&days) =>
        {
            Ok(Some(days))
        }
        _ => Err(format!(
            "Enter whole days from 1 to {CADENCE_MAX_DAYS}, or leave it empty to use the default."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_one_at_a_local_part_and_a_dotted_domain() {
        for good in [
            "dana@example.com",
            "d.w+partners@mail.example.co.uk",
            "ü@bücher.de",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "dana",
            "@example.com",
            "dana@",
            "dana@example",
            "dana@@example.com",
            "dana@ex@ample.com",
            "dana @example.com",
            "dana@example .com",
            "dana@example.",
            "dana@.example.com",
            "dana@example..com",
        ] {
            assert!(!is_email(bad), "{bad:?} should be refused");
        }
    }

    #[test]
    fn websites_accept_bare_domains_and_http_urls() {
        for good in [
            "example.com",
            "www.example.com",
            "https://example.com/x",
            "HTTP://Example.com",
            "example.com:8080/partners?x=1#top",
            "bücher.de",
            "sub-domain.example.co.uk/",
        ] {
            assert_eq!(check_website(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn websites_refuse_spaces_other_schemes_and_odd_hosts() {
        assert_eq!(check_website("example .com"), Err(WebsiteProblem::Spaces));
        assert_eq!(check_website("example.com\t"), Err(WebsiteProblem::Spaces));
        for scheme in [
            "ftp://example.com",
            "javascript:alert(1)",
            "mailto:dana@example.com",
            "file:///etc/passwd",
            "data:text/html,hi",
        ] {
            assert_eq!(
                check_website(scheme),
                Err(WebsiteProblem::Scheme),
                "{scheme}"
            );
        }
        for odd in [
            "localhost",
            "example",
            "https://",
            "example..com",
            ".example.com",
            "exa_mple.com",
            "example.com:",
            "-example.com",
            "https://https://example.com",
        ] {
            assert!(check_website(odd).is_err(), "{odd:?} should be refused");
        }
        assert!(WebsiteProblem::Shape.message().contains("example.com"));
    }

    #[test]
    fn website_keys_ignore_scheme_www_case_and_trailing_slash() {
        assert_eq!(website_key("https://www.Acme.com/"), "acme.com");
        assert_eq!(website_key("acme.com"), "acme.com");
        assert_eq!(website_key("HTTP://acme.com//"), "acme.com");
        assert_eq!(website_key("acme.com/partners"), "acme.com/partners");
        assert_ne!(website_key("acme.com"), website_key("acme.co"));
        assert_eq!(website_key("  "), "");
    }

    #[test]
    fn iso_dates_must_be_exact_and_real() {
        assert_eq!(
            parse_iso_date("2026-02-28"),
            Some(jiff::civil::date(2026, 2, 28))
        );
        for bad in [
            "2026-02-30",
            "2026-2-3",
            "26-02-03",
            "2026-02-03x",
            "soon",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn typed_dates_follow_the_configured_format_and_also_take_iso() {
        assert_eq!(
            parse_typed_date("23.11.2026", "%d.%m.%Y"),
            Ok(Some("2026-11-23".into()))
        );
        assert_eq!(
            parse_typed_date(" 2026-11-23 ", "%d.%m.%Y"),
            Ok(Some("2026-11-23".into()))
        );
        assert_eq!(parse_typed_date("  ", "%d.%m.%Y"), Ok(None));
        assert_eq!(
            parse_typed_date("31.02.2026", "%d.%m.%Y"),
            Err("Enter a date like 23.11.2026.".into())
        );
        assert_eq!(show_date("2026-11-23", "%d.%m.%Y"), "23.11.2026");
        assert_eq!(show_date("next spring", "%d.%m.%Y"), "next spring");
        assert_eq!(date_example(ISO_DATE), "2026-11-23");
    }

    #[test]
    fn cadence_is_whole_days_from_one_to_ten_years() {
        assert_eq!(parse_cadence(""), Ok(None));
        assert_eq!(parse_cadence(" 14 "), Ok(Some(14)));
        assert_eq!(parse_cadence("1"), Ok(Some(1)));
        assert_eq!(parse_cadence("3650"), Ok(Some(3650)));
        for bad in [
            "0",
            "3651",
            "-5",
            "+5",
            "1.5",
            "two",
            "1e3",
            "99999999999999999999",
        ] {
            let err = parse_cadence(bad).unwrap_err();
            assert!(err.contains("1 to 3650"), "{bad}: {err}");
        }
    }
}
