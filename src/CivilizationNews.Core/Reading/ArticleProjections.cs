using System.Linq.Expressions;
using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Reading;

/// <summary>Shared query pieces so that every list page selects the same, small card shape.</summary>
public static class ArticleProjections
{
    public static IQueryable<Article> PublishedAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= utcNow);

    public static IQueryable<Article> Newest(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id);

    public static readonly Expression<Func<Article, ArticleCard>> Card = a => new ArticleCard(
        a.Id, a.Kicker, a.Title, a.Subtitle, a.Summary, a.PublishedAt!.Value,
        new SectionRef(a.Section!.Slug, a.Section.Name),
        a.Units.Where(u => u.IsPrimary).Select(u => new UnitRef(u.Unit!.Slug, u.Unit.Name, u.Unit.ShortName)).FirstOrDefault(),
        a.Photos.OrderBy(p => p.SortOrder).Select(p => new PhotoView(
            p.MediaId, p.Media!.AltText, p.Media.Caption,
            p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText,
            p.Media.CreditKind, p.Media.Width, p.Media.Height)).FirstOrDefault());
}
