using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// Step 2 of the save path for read documents (<see cref="Saving.SavePipeline"/>): inside the saving transaction,
/// deletes every <see cref="StoryDocument"/> the change makes wrong, and moves the read generation on so that a
/// document built from what was read before the commit is not stored after it. What goes, for what changed:
/// <list type="bullet">
/// <item>a story (published now or before): its document, the documents that link to it as previous or next
/// (its old neighbours, and any whose link text is its title), the documents of its new neighbours, and the
/// documents of every story sharing one of its units or tags (their related stories may change);</item>
/// <item>a unit, tag, contributor or photo edited: the documents of the stories that show it;</item>
/// <item>a published feature, or an edition or page: the documents of the stories in it;</item>
/// <item>a section, or anything deleted that stories link to: every document.</item>
/// </list>
/// The stories of a unit or tag are found from its links (an index), so a publish deletes as many documents as
/// its units and tags have stories, as the output cache evicts their pages.
/// </summary>
internal static class ReadDocumentInvalidator
{
    public static async Task InvalidateAsync(NewsDbContext db, ContentChange change, CancellationToken cancellationToken)
    {
        // Whatever the clock says: a story published for later counts as a neighbour too (a document too many goes, never one too few).
        var now = DateTime.MaxValue;
        var documents = db.StoryDocuments;
        if (change.Tags.Contains(ContentTags.Site))
        {
            await ReadGenerations.AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
            await documents.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var stories = change.ArticleIds.Union(change.LinkedArticleIds).ToList();
        var work = new List<IQueryable<StoryDocument>>();
        // Related stories are stored with each page: a changed public story's units and tags (and those it left)
        // reach every story sharing them.
        var unitIds = new HashSet<int>(change.UnitIds);
        var tagIds = new HashSet<int>(change.TagIds);
        // No documents yet (a fresh import, the bench seed): nothing to find, but a reader may be building one.
        var any = await documents.AnyAsync(cancellationToken).ConfigureAwait(false);
        if (stories.Count > 0 && any)
        {
            // Public stories only: a draft's links are in nobody's related stories.
            var linked = change.LinkedArticleIds.ToList();
            var publicStories = change.ArticleIds.Union(await db.Articles.Where(a => linked.Contains(a.Id) && a.Status == Articles.ArticleStatus.Published)
                .Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (publicStories.Count > 0)
            {
                unitIds.UnionWith(change.LinkedUnitIds);
                tagIds.UnionWith(change.LinkedTagIds);
                unitIds.UnionWith(await db.ArticleUnits.Where(l => publicStories.Contains(l.ArticleId)).Select(l => l.UnitId)
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
                tagIds.UnionWith(await db.ArticleTags.Where(l => publicStories.Contains(l.ArticleId)).Select(l => l.TagId)
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        if (stories.Count > 0 && any)
        {
            var neighbours = new List<int>();
            var positions = await db.Articles.PublishedAt(now).Where(a => stories.Contains(a.Id))
                .Select(a => new { a.Id, a.SectionId, PublishedAt = a.PublishedAt!.Value })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var story in positions)
            {
                var (previous, next) = await ArticleReader.NeighboursAsync(db, story.Id, story.SectionId, story.PublishedAt, now, cancellationToken)
                    .ConfigureAwait(false);
                neighbours.AddRange(new[] { previous?.Id, next?.Id }.OfType<int>());
            }
            stories.AddRange(neighbours);
            work.Add(documents.Where(d => stories.Contains(d.ArticleId)
                || (d.PreviousId != null && stories.Contains(d.PreviousId.Value))
                || (d.NextId != null && stories.Contains(d.NextId.Value))));
        }
        // Each as "documents of the stories in these links", read from the links' indexes, not a scan of every document.
        if (unitIds.Count > 0)
        {
            var ids = unitIds.ToList();
            var shown = db.ArticleUnits.Where(l => ids.Contains(l.UnitId)).Select(l => l.ArticleId);
            work.Add(documents.Where(d => shown.Contains(d.ArticleId)));
        }
        if (tagIds.Count > 0)
        {
            var ids = tagIds.ToList();
            var shown = db.ArticleTags.Where(l => ids.Contains(l.TagId)).Select(l => l.ArticleId);
            work.Add(documents.Where(d => shown.Contains(d.ArticleId)));
        }
        if (change.ContributorIds.Count > 0)
        {
            var ids = change.ContributorIds.ToList();
            var shown = db.ArticleCredits.Where(l => ids.Contains(l.ContributorId)).Select(l => l.ArticleId);
            work.Add(documents.Where(d => shown.Contains(d.ArticleId)));
        }
        if (change.MediaIds.Count > 0)
        {
            var ids = change.MediaIds.ToList();
            var shown = db.ArticlePhotos.Where(l => ids.Contains(l.MediaId)).Select(l => l.ArticleId);
            work.Add(documents.Where(d => shown.Contains(d.ArticleId)));
        }
        var features = change.FeatureIds.Union(change.LinkedFeatureIds).ToList();
        if (features.Count > 0)
        {
            work.Add(documents.Where(d => db.Features.Any(f => features.Contains(f.Id)
                && (f.LeadArticleId == d.ArticleId || f.Sidebars.Any(s => s.ArticleId == d.ArticleId)))));
        }
        if (change.EditionIds.Count > 0 || change.EditionPageIds.Count > 0)
        {
            var editions = change.EditionIds.ToList();
            var pages = change.EditionPageIds.ToList();
            work.Add(documents.Where(d => db.Articles.Any(a => a.Id == d.ArticleId && a.EditionPageId != null
                && (pages.Contains(a.EditionPageId.Value) || editions.Contains(a.EditionPage!.EditionId)))));
        }
        if (!any && !change.IsEmpty)
        {
            await ReadGenerations.AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (work.Count == 0)
        {
            return;
        }
        // The generation row first: a reader storing a document holds it for a moment, so taking it before the
        // documents' rows means a save and a reader never wait on each other in opposite orders.
        await ReadGenerations.AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var query in work)
        {
            await query.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
