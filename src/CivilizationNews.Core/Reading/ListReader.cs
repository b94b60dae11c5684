using CivilizationNews.Core.Content;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record SectionPage(SectionRef Section, string? Description, PagedList<ArticleCard> Articles);

public sealed record TagPage(string Name, PagedList<ArticleCard> Articles);

public sealed record ContributorPage(string Name, string Slug, string Role, string? Organisation, PagedList<ArticleCard> Articles);

/// <summary>Paged story lists: by section, by tag and by contributor.</summary>
public sealed class ListReader(NewsDbContext db, TimeProvider clock)
{
    public const int PageSize = 10;
    /// <summary>Page numbers beyond this are refused before any query runs.</summary>
    public const int MaxPage = Paging.MaxPage;

    public async Task<SectionPage?> SectionAsync(string slug, int page, CancellationToken cancellationToken = default)
    {
        var section = await db.Sections.Where(s => s.Slug == slug)
            .Select(s => new { s.Id, s.Slug, s.Name, s.Description })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (section is null)
        {
            return null;
        }
        var list = await PageAsync(a => a.SectionId == section.Id, page, cancellationToken).ConfigureAwait(false);
        return list is null ? null : new SectionPage(new SectionRef(section.Slug, section.Name), section.Description, list);
    }

    public async Task<TagPage?> TagAsync(string name, int page, CancellationToken cancellationToken = default)
    {
        var tag = await db.Tags.Where(t => t.Name == name).Select(t => new { t.Id, t.Name })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (tag is null)
        {
            return null;
        }
        // "Id in the tag's links" rather than a.Tags.Any(...), so that SQLite starts from the tag (see UnitReader).
        var stories = db.ArticleTags.Where(l => l.TagId == tag.Id).Select(l => l.ArticleId);
        var list = await PageAsync(a => stories.Contains(a.Id), page, cancellationToken).ConfigureAwait(false);
        return list is null ? null : new TagPage(tag.Name, list);
    }

    public async Task<ContributorPage?> ContributorAsync(string slug, int page, CancellationToken cancellationToken = default)
    {
        var person = await db.Contributors.Where(c => c.Slug == slug)
            .Select(c => new { c.Id, c.Name, c.Slug, c.UsualRole, c.Organisation })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }
        var written = db.ArticleCredits.Where(c => c.ContributorId == person.Id).Select(c => c.ArticleId);
        var photographed = db.ArticlePhotos.Where(p => p.Media!.CreditContributorId == person.Id).Select(p => p.ArticleId);
        var list = await PageAsync(a => written.Contains(a.Id) || photographed.Contains(a.Id), page, cancellationToken).ConfigureAwait(false);
        return list is null ? null : new ContributorPage(person.Name, person.Slug, person.UsualRole.Label(), person.Organisation, list);
    }

    /// <summary>
    /// 更正 of the stories that are public now, newest first (/corrections). Null for a page past the end;
    /// page 1 always answers, if only to say there is none.
    /// </summary>
    public async Task<PagedList<CorrectionListItem>?> CorrectionsAsync(int page, CancellationToken cancellationToken = default)
    {
        if (page < 1 || page > MaxPage)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var list = await db.ArticleCorrections
            .Where(c => c.Article!.Status == ArticleStatus.Published && c.Article.PublishedAt != null && c.Article.PublishedAt <= now)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new CorrectionListItem(c.ArticleId, c.Article!.Title, c.Article.PublishedAt!.Value, c.CreatedAt, c.Wrong, c.Right))
            .ToPagedListAsync(page, PageSize, cancellationToken).ConfigureAwait(false);
        return page > 1 && page > list.PageCount ? null : list;
    }

    /// <summary>A page of published cards matching <paramref name="filter"/>, or null when the page is out of range.</summary>
    public async Task<PagedList<ArticleCard>?> PageAsync(
        System.Linq.Expressions.Expression<Func<Article, bool>> filter, int page, CancellationToken cancellationToken,
        int pageSize = PageSize)
    {
        if (page < 1 || page > MaxPage)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Articles.PublishedAt(now).Where(filter);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        if (page > pages)
        {
            return null;
        }
        var items = await query.Newest().Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ArticleProjections.Card).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedList<ArticleCard>(items, page, pageSize, total);
    }
}
