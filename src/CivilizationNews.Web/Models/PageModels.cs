using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;

namespace CivilizationNews.Web.Models;

public sealed record ArticlePageModel(ArticleDetail Article, SafeHtml BodyHtml);

public sealed record FeatureStoryModel(FeatureStory Story, SafeHtml BodyHtml);

public sealed record FeaturePageModel(FeatureView Feature, FeatureStoryModel Lead, IReadOnlyList<FeatureStoryModel> Sidebars);

public sealed record UnitPageModel(UnitProfile Unit, SafeHtml DescriptionHtml);

/// <summary>A list of cards with its heading and the route that pages it.</summary>
/// <param name="CurrentSection">A section's slug when the list is that section's, to light up its tab.</param>
public sealed record CardListModel(string Heading, string? Intro, PagedList<ArticleCard> Articles, string PageBaseUrl, string? CurrentSection = null);

public sealed record EpaperArchiveModel(IReadOnlyList<ArchiveMonth> Months, int? Year);

/// <summary>The /corrections page: every correction to a public story, newest first.</summary>
public sealed record CorrectionsPageModel(PagedList<CorrectionListItem> Corrections);

public sealed record ErrorPageModel(int StatusCode, string Title, string Message);
