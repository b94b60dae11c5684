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
/// (its old neighbours, and any whose link text is its title), and the documents of its new neighbours;</item>
/// <item>a unit, tag, contributor or photo edited: the documents of the stories that show it;</item>
/// <item>a published feature, or an edition or page: the documents of the stories in it;</item>
/// <item>a section, or anything deleted that stories link to: every document.</item>
/// </list>
/// Related stories are not in documents (see <see cref="StoryDocumentData"/>), so publishing a story does not
/// reach every story sharing one of its units.
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
            await AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
            await documents.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var stories = change.ArticleIds.Union(change.LinkedArticleIds).ToList();
        var work = new List<IQueryable<StoryDocument>>();
        // No documents yet (a fresh import, the bench seed): nothing to find, but a reader may be building one.
        var any = await documents.AnyAsync(cancellationToken).ConfigureAwait(false);
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
        if (change.UnitIds.Count > 0)
        {
            var ids = change.UnitIds.ToList();
            work.Add(documents.Where(d => db.ArticleUnits.Any(l => l.ArticleId == d.ArticleId && ids.Contains(l.UnitId))));
        }
        if (change.TagIds.Count > 0)
        {
            var ids = change.TagIds.ToList();
            work.Add(documents.Where(d => db.ArticleTags.Any(l => l.ArticleId == d.ArticleId && ids.Contains(l.TagId))));
        }
        if (change.ContributorIds.Count > 0)
        {
            var ids = change.ContributorIds.ToList();
            work.Add(documents.Where(d => db.ArticleCredits.Any(l => l.ArticleId == d.ArticleId && ids.Contains(l.ContributorId))));
        }
        if (change.MediaIds.Count > 0)
        {
            var ids = change.MediaIds.ToList();
            work.Add(documents.Where(d => db.ArticlePhotos.Any(l => l.ArticleId == d.ArticleId && ids.Contains(l.MediaId))));
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
            await AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (work.Count == 0)
        {
            return;
        }
        // The generation row first: a reader storing a document holds it for a moment, so taking it before the
        // documents' rows means a save and a reader never wait on each other in opposite orders.
        await AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
        foreach (var query in work)
        {
            await query.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<int> AdvanceAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.ReadGenerations.Where(g => g.Id == ReadGenerations.Row)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value + 1), cancellationToken);
}
