using CivilizationNews.Core.Reading;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CivilizationNews.Web.Models;

/// <summary>A list of story cards (Views/Shared/_ArticleCards): the stories and how this list shows them.</summary>
/// <param name="HeadingIsH2">Cards sit under an h2 block title by default (h3); a page whose cards follow its h1 directly uses h2.</param>
public sealed record CardList(IEnumerable<ArticleCard> Cards, bool ShowPhoto = false, bool HeadingIsH2 = false);

/// <summary>A photo with its caption and credit (Views/Shared/_Photo) at the width its column gives it.</summary>
/// <param name="Eager">Only the first photo of a page (the likely largest paint) loads eagerly.</param>
public sealed record PhotoFigure(PhotoView Photo, string Sizes = PhotoFigure.StorySizes, bool Eager = false)
{
    /// <summary>In the story column.</summary>
    public const string StorySizes = "(min-width: 1000px) 680px, 100vw";

    /// <summary>The lead photo of a feature, on the home page and the feature page.</summary>
    public const string LeadSizes = "(min-width: 1000px) 640px, 100vw";

    /// <summary>In a feature's sidebar column.</summary>
    public const string SidebarSizes = "(min-width: 1000px) 360px, 100vw";

    /// <summary>In the photo column of a unit's page.</summary>
    public const string GallerySizes = "(min-width: 1000px) 300px, 100vw";
}

/// <summary>The section row under the masthead (the SectionNav view component).</summary>
/// <param name="Current">The tab to mark as this page: "home", "units", "epaper", "feature" or a section's slug.</param>
public sealed record SectionNavModel(IReadOnlyList<SectionRef> Sections, string? Current);

/// <summary>What a page tells the shared layout, by name rather than by a string key at each use.</summary>
public static class LayoutData
{
    private const string CurrentSectionKey = "CurrentSection";

    /// <summary>Lights up this page's tab in the section row.</summary>
    public static void SetCurrentSection(this ViewDataDictionary viewData, string? section)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[CurrentSectionKey] = section;
    }

    public static string? CurrentSection(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return viewData[CurrentSectionKey] as string;
    }
}
