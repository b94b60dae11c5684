using System.Data.Common;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using Markdig;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivilizationNews.Core.Search;

/// <summary>Progress of a rebuild: stories indexed so far out of the published total.</summary>
public sealed record SearchRebuildProgress(int Done, int Total);

/// <summary>
/// Writes search documents. <see cref="SyncAsync"/> brings the documents of some stories in line
/// with the stories (a published story gets its document, any other loses it) inside the caller's
/// transaction: NewsDbContext calls it from SaveChanges, so the index changes in the same
/// transaction as the publish, edit, withdrawal or deletion. <see cref="RebuildAsync"/> rebuilds
/// everything in batches (the reindex verb, the benchmark).
/// </summary>
public sealed class SearchIndexer(NewsDbContext db)
{
    public const int BatchSize = 500;

    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().DisableHtml().UseCjkFriendlyEmphasis().UsePipeTables().Build();

    /// <summary>Brings the documents of <paramref name="articleIds"/> in line with the stories, on the current transaction.</summary>
    public async Task SyncAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        if (articleIds.Count == 0)
        {
            return;
        }
        var store = SearchStore.For(db.Database);
        var stories = new List<IndexedStory>();
        foreach (var chunk in articleIds.Distinct().Chunk(BatchSize))
        {
            var rows = await LoadAsync(chunk, publishedOnly: true, cancellationToken).ConfigureAwait(false);
            stories.AddRange(rows.Select(r => Build(r, store.NeedsSegmentedText)));
        }
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.WriteAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                articleIds, stories, indexIsEmpty: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rebuilds every document, a batch per transaction so that the newsroom can keep saving
    /// meanwhile; documents of stories no longer published are removed at the end. Segmentation
    /// runs on every core; writing is sequential. Returns the number of documents written.
    /// </summary>
    public async Task<int> RebuildAsync(IProgress<SearchRebuildProgress>? progress = null, bool clearFirst = false, CancellationToken cancellationToken = default)
    {
        var store = SearchStore.For(db.Database);
        var total = await db.Articles.AsNoTracking().CountAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt != null, cancellationToken).ConfigureAwait(false);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (clearFirst)
            {
                await store.ClearAsync(connection, null, cancellationToken).ConfigureAwait(false);
            }
            var empty = !await db.Set<SearchDocument>().AsNoTracking().AnyAsync(cancellationToken).ConfigureAwait(false);
            var done = 0;
            var last = 0;
            progress?.Report(new SearchRebuildProgress(0, total));
            while (true)
            {
                var ids = await db.Articles.AsNoTracking()
                    .Where(a => a.Id > last && a.Status == ArticleStatus.Published && a.PublishedAt != null)
                    .OrderBy(a => a.Id).Select(a => a.Id).Take(BatchSize)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    break;
                }
                last = ids[^1];
                var rows = await LoadAsync(ids, publishedOnly: true, cancellationToken).ConfigureAwait(false);
                var stories = new IndexedStory[rows.Count];
                Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken },
                    i => stories[i] = Build(rows[i], store.NeedsSegmentedText));
                await InTransactionAsync(transaction => store.WriteAsync(connection, transaction, [], stories, empty, cancellationToken), cancellationToken).ConfigureAwait(false);
                done += stories.Length;
                progress?.Report(new SearchRebuildProgress(done, total));
            }

            // Documents whose story is no longer published (or gone) go.
            var stale = await db.Set<SearchDocument>().AsNoTracking()
                .Where(d => !db.Articles.Any(a => a.Id == d.ArticleId && a.Status == ArticleStatus.Published && a.PublishedAt != null))
                .Select(d => d.ArticleId).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (stale.Count > 0)
            {
                await InTransactionAsync(transaction => store.WriteAsync(connection, transaction, stale, [], false, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            await store.OptimizeAsync(connection, cancellationToken).ConfigureAwait(false);
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs a write in its own transaction, through the execution strategy (SQL Server retries transient failures).</summary>
    private Task InTransactionAsync(Func<DbTransaction, Task> write, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
            await write(transaction.GetDbTransaction()).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The document (and for SQLite the segmented columns) of one story.</summary>
    public static IndexedStory Build(StoryText story, bool segment)
    {
        ArgumentNullException.ThrowIfNull(story);
        var body = ToPlainText(story.Body);
        if (!string.IsNullOrWhiteSpace(story.Dateline))
        {
            body = story.Dateline.Trim() + "\n" + body;
        }
        var captions = story.Captions.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToList();
        var units = story.UnitNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        var document = new SearchDocument
        {
            ArticleId = story.Id,
            PublishedAt = story.PublishedAt,
            SectionId = story.SectionId,
            EditionDate = story.EditionDate,
            Title = story.Title,
            Kicker = Blank(story.Kicker),
            Subtitle = Blank(story.Subtitle),
            Summary = Blank(story.Summary),
            Body = body,
            Captions = captions.Count == 0 ? null : string.Join('\n', captions),
            UnitNames = units.Count == 0 ? null : string.Join('\n', units),
        };
        string[]? segmented = null;
        if (segment)
        {
            var s = ChineseSegmenter.Shared;
            segmented =
            [
                s.ForIndex(document.Title), s.ForIndex(document.Kicker), s.ForIndex(document.Subtitle), s.ForIndex(document.Summary),
                s.ForIndex(document.Body), s.ForIndex(document.Captions), s.ForIndex(document.UnitNames),
            ];
        }
        return new IndexedStory(document, segmented);
    }

    /// <summary>Markdown reduced to its text, one paragraph a line.</summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }
        var text = Markdown.ToPlainText(markdown, PlainText);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<List<StoryText>> LoadAsync(IReadOnlyCollection<int> ids, bool publishedOnly, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var rows = await db.Articles.AsNoTracking()
            .Where(a => list.Contains(a.Id) && (!publishedOnly || (a.Status == ArticleStatus.Published && a.PublishedAt != null)))
            .Select(a => new
            {
                a.Id, a.PublishedAt, a.SectionId,
                EditionDate = a.EditionPage != null ? (DateOnly?)a.EditionPage.Edition!.Date : null,
                a.Title, a.Kicker, a.Subtitle, a.Summary, a.Dateline, a.Body,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var captions = await db.ArticlePhotos.AsNoTracking()
            .Where(p => list.Contains(p.ArticleId))
            .OrderBy(p => p.ArticleId).ThenBy(p => p.SortOrder)
            .Select(p => new { p.ArticleId, p.Media!.Caption })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.ArticleUnits.AsNoTracking()
            .Where(u => list.Contains(u.ArticleId))
            .OrderBy(u => u.ArticleId).ThenBy(u => u.SortOrder)
            .Select(u => new { u.ArticleId, u.Unit!.Name, u.Unit.ShortName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var captionsBy = captions.ToLookup(c => c.ArticleId, c => c.Caption);
        var unitsBy = units.ToLookup(u => u.ArticleId);
        return rows.Select(r => new StoryText(
            r.Id, r.PublishedAt!.Value, r.SectionId, r.EditionDate, r.Title, r.Kicker, r.Subtitle, r.Summary, r.Dateline, r.Body,
            captionsBy[r.Id].ToList(),
            unitsBy[r.Id].SelectMany(u => u.Name == u.ShortName ? new[] { u.Name } : [u.Name, u.ShortName]).ToList())).ToList();
    }
}

/// <summary>What a story contributes to its search document.</summary>
public sealed record StoryText(
    int Id, DateTime PublishedAt, int SectionId, DateOnly? EditionDate, string Title, string? Kicker, string? Subtitle,
    string? Summary, string? Dateline, string Body, IReadOnlyList<string?> Captions, IReadOnlyList<string> UnitNames);
