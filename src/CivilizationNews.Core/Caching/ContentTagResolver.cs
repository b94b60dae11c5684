using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Caching;

/// <summary>
/// Turns a committed <see cref="ContentChange"/> into the tags of every public page that shows
/// what changed. Runs after the commit, on its own context, so it sees the new state; what a
/// change removed (an old section, a previous slug) was captured before the save.
/// </summary>
public sealed class ContentTagResolver(NewsDbContext db)
{
    public async Task<IReadOnlySet<string>> ResolveAsync(ContentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var tags = new HashSet<string>(change.Tags, StringComparer.Ordinal);
        if (tags.Contains(ContentTags.Site))
        {
            // Everything goes anyway.
            return tags;
        }

        // A unit edited itself (a rename): every story card naming it as the primary unit shows the new name, on
        // the lists of its stories' sections, tags and contributors too, not only on the unit's own pages.
        if (change.UnitIds.Count > 0)
        {
            var edited = change.UnitIds.ToList();
            var stories = db.ArticleUnits.Where(l => edited.Contains(l.UnitId) && l.IsPrimary).Select(l => l.ArticleId);
            change.SectionIds.UnionWith(await db.Articles.Where(a => stories.Contains(a.Id)).Select(a => a.SectionId).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false));
            change.TagIds.UnionWith(await db.ArticleTags.Where(l => stories.Contains(l.ArticleId)).Select(l => l.TagId).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false));
            change.ContributorIds.UnionWith(await db.ArticleCredits.Where(l => stories.Contains(l.ArticleId)).Select(l => l.ContributorId).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        var articleIds = new HashSet<int>(change.ArticleIds);
        if (change.LinkedArticleIds.Count > 0)
        {
            var linked = change.LinkedArticleIds.ToList();
            var published = await db.Articles.Where(a => linked.Contains(a.Id) && a.Status == ArticleStatus.Published)
                .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (published.Count > 0)
            {
                articleIds.UnionWith(published);
                change.UnitIds.UnionWith(change.LinkedUnitIds);
                change.TagIds.UnionWith(change.LinkedTagIds);
                change.ContributorIds.UnionWith(change.LinkedContributorIds);
            }
        }
        if (change.LinkedFeatureIds.Count > 0)
        {
            var linked = change.LinkedFeatureIds.ToList();
            change.FeatureIds.UnionWith(await db.Features.Where(f => linked.Contains(f.Id) && f.IsPublished)
                .Select(f => f.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
        }
        if (change.MediaIds.Count > 0)
        {
            var media = change.MediaIds.ToList();
            tags.UnionWith(media.Select(ContentTags.Media));
            articleIds.UnionWith(await db.ArticlePhotos.Where(p => media.Contains(p.MediaId) && p.Article!.Status == ArticleStatus.Published)
                .Select(p => p.ArticleId).ToListAsync(cancellationToken).ConfigureAwait(false));
            change.FeatureIds.UnionWith(await db.FeaturePhotos.Where(p => media.Contains(p.MediaId))
                .Select(p => p.FeatureId).ToListAsync(cancellationToken).ConfigureAwait(false));
            change.UnitIds.UnionWith(await db.Units.Where(u => u.LogoMediaId != null && media.Contains(u.LogoMediaId.Value))
                .Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        if (articleIds.Count > 0)
        {
            await AddArticleTagsAsync(articleIds.ToList(), tags, change, cancellationToken).ConfigureAwait(false);
        }
        await AddEntityTagsAsync(change, tags, cancellationToken).ConfigureAwait(false);
        return tags;
    }

    private async Task AddArticleTagsAsync(List<int> ids, HashSet<string> tags, ContentChange change, CancellationToken cancellationToken)
    {
        // A published, unpublished or edited story shows on the home page, in the feeds and sitemaps,
        // in the unit directory's story counts, and on every page listing it.
        tags.UnionWith([ContentTags.Home, ContentTags.Feeds, ContentTags.Sitemaps, ContentTags.Units]);
        tags.UnionWith(ids.Select(ContentTags.Article));
        // Their photos' public addresses open or close with them.
        tags.UnionWith((await db.ArticlePhotos.Where(p => ids.Contains(p.ArticleId)).Select(p => p.MediaId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(ContentTags.Media));

        // /corrections shows corrected stories' titles and links, and only while they are public.
        if (await db.ArticleCorrections.AnyAsync(c => ids.Contains(c.ArticleId), cancellationToken).ConfigureAwait(false))
        {
            tags.Add(ContentTags.Corrections);
        }

        var rows = await db.Articles.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.SectionId, EditionId = (int?)a.EditionPage!.EditionId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        change.SectionIds.UnionWith(rows.Select(r => r.SectionId));
        if (rows.Any(r => r.EditionId is not null))
        {
            tags.Add(ContentTags.Epaper);
            change.EditionIds.UnionWith(rows.Where(r => r.EditionId is not null).Select(r => r.EditionId!.Value));
        }
        change.UnitIds.UnionWith(await db.ArticleUnits.Where(l => ids.Contains(l.ArticleId))
            .Select(l => l.UnitId).ToListAsync(cancellationToken).ConfigureAwait(false));
        change.TagIds.UnionWith(await db.ArticleTags.Where(l => ids.Contains(l.ArticleId))
            .Select(l => l.TagId).ToListAsync(cancellationToken).ConfigureAwait(false));
        change.ContributorIds.UnionWith(await db.ArticleCredits.Where(l => ids.Contains(l.ArticleId))
            .Select(l => l.ContributorId).ToListAsync(cancellationToken).ConfigureAwait(false));
        change.FeatureIds.UnionWith(await db.Features.Where(f => ids.Contains(f.LeadArticleId) || f.Sidebars.Any(s => ids.Contains(s.ArticleId)))
            .Select(f => f.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task AddEntityTagsAsync(ContentChange change, HashSet<string> tags, CancellationToken cancellationToken)
    {
        if (change.UnitIds.Count + change.TagIds.Count + change.ContributorIds.Count + change.EditionIds.Count + change.EditionPageIds.Count > 0)
        {
            // Their names and addresses are in feed titles and sitemaps.
            tags.UnionWith([ContentTags.Feeds, ContentTags.Sitemaps]);
        }
        if (change.SectionIds.Count > 0)
        {
            var ids = change.SectionIds.ToList();
            tags.UnionWith((await db.Sections.Where(s => ids.Contains(s.Id)).Select(s => s.Slug).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Section));
        }
        if (change.UnitIds.Count > 0)
        {
            var ids = change.UnitIds.ToList();
            tags.UnionWith([ContentTags.Units, ContentTags.Home]);
            tags.UnionWith((await db.Units.Where(u => ids.Contains(u.Id)).Select(u => u.Slug).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Unit));
        }
        if (change.TagIds.Count > 0)
        {
            var ids = change.TagIds.ToList();
            tags.UnionWith((await db.Tags.Where(t => ids.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Tag));
        }
        if (change.ContributorIds.Count > 0)
        {
            var ids = change.ContributorIds.ToList();
            tags.UnionWith((await db.Contributors.Where(c => ids.Contains(c.Id)).Select(c => c.Slug).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Contributor));
        }
        if (change.FeatureIds.Count > 0)
        {
            var ids = change.FeatureIds.ToList();
            tags.Add(ContentTags.Home);
            tags.UnionWith((await db.Features.Where(f => ids.Contains(f.Id)).Select(f => f.Slug).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Feature));
            tags.UnionWith((await db.FeaturePhotos.Where(p => ids.Contains(p.FeatureId)).Select(p => p.MediaId)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(ContentTags.Media));
        }
        if (change.EditionPageIds.Count > 0)
        {
            var ids = change.EditionPageIds.ToList();
            change.EditionIds.UnionWith(await db.EditionPages.Where(p => ids.Contains(p.Id)).Select(p => p.EditionId)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }
        if (change.EditionIds.Count > 0)
        {
            var ids = change.EditionIds.ToList();
            tags.UnionWith([ContentTags.Epaper, ContentTags.Home]);
            tags.UnionWith((await db.Editions.Where(e => ids.Contains(e.Id)).Select(e => e.Date).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(ContentTags.Edition));
        }
    }
}
