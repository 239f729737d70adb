//! The flags of `export --format claimreview`: who publishes the reviews, where.

use crate::error::Error;
use crate::output::claimreview::{Organization, Publisher, ReviewUrlBase, check_http_url};
use clap::Args;

#[derive(Debug, Clone, Default, Args)]
pub struct ClaimReviewArgs {
    /// ClaimReview: the reviewing organisation, the reviews' author [default: $CLAIMTRACK_ORG].
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// ClaimReview: the organisation's web address.
    #[arg(long, value_name = "URL")]
    pub org_url: Option<String>,
    /// ClaimReview (required): each review's `url` is URL plus the claim id
    /// (`https://example.org/checks/` → `https://example.org/checks/12`).
    #[arg(long, value_name = "URL")]
    pub review_url_base: Option<String>,
}

impl ClaimReviewArgs {
    /// Refuses these flags with another format rather than silently ignoring them.
    pub fn refuse_unless_used(&self, format_name: &str) -> Result<(), Error> {
        let given: Vec<&str> = [
            ("--org", self.org.is_some()),
            ("--org-url", self.org_url.is_some()),
            ("--review-url-base", self.review_url_base.is_some()),
        ]
        .into_iter()
        .filter_map(|(flag, set)| set.then_some(flag))
        .collect();
        if given.is_empty() {
            Ok(())
        } else {
            Err(Error::Usage(format!(
                "{} only apply to --format claimreview, not {format_name}",
                given.join(", ")
            )))
        }
    }

    /// The publisher the flags (and `CLAIMTRACK_ORG`) describe. Without a review
    /// URL base no review can have the `url` Google requires, so that is refused.
    pub fn publisher(&self) -> Result<Publisher, Error> {
        let base = self.review_url_base.as_deref().ok_or_else(|| {
            Error::Usage(
                "--format claimreview needs --review-url-base URL: every review's url (required by \
                 ClaimReview consumers) is that URL plus the claim id"
                    .into(),
            )
        })?;
        let review_url_base = ReviewUrlBase::parse(base).map_err(Error::Usage)?;
        let name = self
            .org
            .clone()
            .or_else(|| std::env::var("CLAIMTRACK_ORG").ok())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if let Some(url) = &self.org_url {
            check_http_url(url).map_err(|why| Error::Usage(format!("--org-url '{url}' {why}")))?;
            if name.is_none() {
                return Err(Error::Usage(
                    "--org-url needs the organisation's name: --org NAME or CLAIMTRACK_ORG".into(),
                ));
            }
        }
        Ok(Publisher {
            org: name.map(|name| Organization {
                name,
                url: self.org_url.as_ref().map(|u| u.trim().to_string()),
            }),
            review_url_base,
        })
    }
}
