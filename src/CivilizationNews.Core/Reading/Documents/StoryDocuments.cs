using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Reading.Documents;

/// <summary>A story page ready for the view: the story (related stories included) and its sanitized body.</summary>
public sealed record StoryPage(ArticleDetail Article, SafeHtml Body);

/// <summary>
/// What a <see cref="StoryDocument"/> holds: the page, related stories included, and the units and tags that chose them. <paramref name="Format"/>
/// is <see cref="StoryDocuments.Format"/> when it was written: a document of another format (written before the page
/// gained or changed a field) is built again on its next read, so an upgrade never serves a page with a field missing.
/// </summary>
internal sealed record StoryDocumentData(int Format, ArticleDetail Article, string BodyHtml, IReadOnlyList<int> UnitIds, IReadOnlyList<int> TagIds);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoryDocumentData))]
internal sealed partial class ReadDocumentJson : JsonSerializerContext
{
    /// <summary>The document as stored: Chinese text and markup unescaped (<see cref="StoredJson"/>).</summary>
    public static ReadDocumentJson Stored { get; } = new(StoredJson.Options());
}

/// <summary>
/// Story pages for readers, read as one stored document (one command where building the page takes fifteen and a
/// Markdown render). The save path builds the documents of the stories it saved right after the commit
/// (<see cref="PrepareAsync"/>); a missing document — a story whose page changed with something it shows, or
/// never read since the documents began — is built from the tables by its first reader, rendered once, stored,
/// and served. See <see cref="StoryDocument"/> for how documents stay current.
/// </summary>
public sealed partial class StoryDocuments(NewsDbContext db, ArticleReader reader, MarkdownRenderer renderer, TimeProvider clock,
    ReadDocumentCache parsed, SeenGeneration seen, ILogger<StoryDocuments> logger)
{
    /// <param name="Current">The read generation now (<see cref="SeenGeneration"/>), read in the same command.</param>
    private sealed record Row(long Generation, DateTime BuiltAt, string? Json, long Current)
    {
        public DocumentStamp Stamp => new(Generation, BuiltAt);
    }

    // The JSON only when the row's stamp differs from the one this process holds parsed (ReadDocumentCache).
    private static readonly Func<NewsDbContext, int, long, DateTime, Task<Row?>> Lookup = EF.CompileAsyncQuery(
        (NewsDbContext context, int id, long heldGeneration, DateTime heldBuiltAt) => context.StoryDocuments.Where(d => d.ArticleId == id)
            .Select(d => new Row(d.Generation, d.BuiltAt, d.Generation == heldGeneration && d.BuiltAt == heldBuiltAt ? null : d.Json,
                context.ReadGenerations.Where(g => g.Id == ReadGenerations.Row).Select(g => g.Value).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>
    /// The shape of <see cref="StoryDocumentData"/>: raise it with any change to <see cref="ArticleDetail"/> or to what the
    /// document holds (2: corrections; 3: related stories stored with the page).
    /// </summary>
    public const int Format = 3;

    /// <summary>The public page of story <paramref name="id"/>, or null when it is not public now.</summary>
    public async Task<StoryPage?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = CacheKey(id);
        var held = parsed.StampOf(key);
        var row = await Lookup(db, id, held.Generation, held.BuiltAt).ConfigureAwait(false);
        if (row is not null)
        {
            seen.Saw(row.Current);
        }
        var data = row is null ? null : parsed.Resolve(key, row.Stamp, row.Json,
            json => JsonSerializer.Deserialize(json, ReadDocumentJson.Stored.StoryDocumentData), d => d.Format == Format);
        if (data is null || data.Format != Format)
        {
            data = await BuildAsync(id, now, replace: row is not null, cancellationToken).ConfigureAwait(false);
        }
        if (data is null || data.Article.PublishedAt > now)
        {
            return null;
        }
        return new StoryPage(data.Article, new SafeHtml(data.BodyHtml));
    }

    /// <summary>How many of a save's stories <see cref="PrepareAsync"/> builds; the rest are built by their first readers.</summary>
    public const int PreparedPerSave = 20;

    /// <summary>
    /// Builds and stores the documents of stories a save has just committed (the save path's step 3,
    /// <see cref="Saving.AfterCommit"/>), the first <see cref="PreparedPerSave"/> of <paramref name="ids"/>: those public
    /// now, whose documents the save deleted. A document a reader stored meanwhile, from the same generation, is kept.
    /// Returns how many were stored.
    /// </summary>
    public async Task<int> PrepareAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = 0;
        foreach (var id in ids.Take(PreparedPerSave))
        {
            if (await WriteAsync(id, now, replace: false, cancellationToken).ConfigureAwait(false))
            {
                stored++;
            }
        }
        return stored;
    }

    /// <summary>Reads story <paramref name="id"/> from the tables and stores its document, unless it is not public at <paramref name="now"/>.</summary>
    private async Task<bool> WriteAsync(int id, DateTime now, bool replace, CancellationToken cancellationToken)
    {
        var generation = await ReadGenerations.Current(db).ConfigureAwait(false);
        return await ReadAsync(id, now, cancellationToken).ConfigureAwait(false) is { } data
            && await TryStoreAsync(id, data, generation, replace, cancellationToken).ConfigureAwait(false);
    }

    private static string CacheKey(int id) => "story/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds and stores the document of every public story, newest first, in batches; for the <c>rerender</c> verb
    /// after a change to the renderer. Reports (done, total) after each batch. Returns how many were written.
    /// </summary>
    public async Task<int> RebuildAllAsync(IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Articles.PublishedAt(now).Newest().Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var batch in ids.Chunk(200))
        {
            foreach (var id in batch)
            {
                if (await WriteAsync(id, now, replace: true, cancellationToken).ConfigureAwait(false))
                {
                    written++;
                }
            }
            progress?.Report((written, ids.Count));
        }
        return written;
    }

    private async Task<StoryDocumentData?> BuildAsync(int id, DateTime now, bool replace, CancellationToken cancellationToken)
    {
        // The count first: if a save commits while the story is read, the count has moved and the document is not kept.
        var generation = await ReadGenerations.Current(db).ConfigureAwait(false);
        seen.Saw(generation);
        if (await ReadAsync(id, now, cancellationToken).ConfigureAwait(false) is not { } data)
        {
            return null;
        }
        await TryStoreAsync(id, data, generation, replace, cancellationToken).ConfigureAwait(false);
        return data;
    }

    private async Task<StoryDocumentData?> ReadAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        if (await reader.ReadStoryAsync(id, now, cancellationToken).ConfigureAwait(false) is not { } story)
        {
            return null;
        }
        var body = renderer.Render(story.Detail.Body, story.Detail.Dateline);
        var related = await reader.RelatedAsync(id, story.UnitIds, story.TagIds, now, cancellationToken).ConfigureAwait(false);
        // The Markdown is not kept: the page shows the rendered body.
        return new StoryDocumentData(Format, story.Detail with { Body = string.Empty, Related = related }, body.Value, story.UnitIds, story.TagIds);
    }

    /// <summary>
    /// Stores the document unless a save has invalidated documents since <paramref name="generation"/> was read.
    /// The check takes the generation row's write lock, which every invalidating save holds until it commits.
    /// A failure to store is logged and costs only the next reader a rebuild.
    /// </summary>
    private async Task<bool> TryStoreAsync(int id, StoryDocumentData data, long generation, bool replace, CancellationToken cancellationToken)
    {
        var document = new StoryDocument
        {
            ArticleId = id, PreviousId = data.Article.Previous?.Id, NextId = data.Article.Next?.Id,
            Json = JsonSerializer.Serialize(data, ReadDocumentJson.Stored.StoryDocumentData), BuiltAt = clock.GetUtcNow().UtcDateTime,
            Generation = generation,
        };
        try
        {
            return await ReadGenerations.StoreUnlessMovedAsync(db, generation, async token =>
            {
                var existing = await db.StoryDocuments.Where(d => d.ArticleId == id).ExecuteDeleteAsync(token).ConfigureAwait(false);
                if (existing > 0 && !replace)
                {
                    // Another reader stored it meanwhile, from the same generation: keep theirs.
                    return false;
                }
                db.StoryDocuments.Add(document);
                await db.SaveChangesAsync(token).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            LogNotStored(logger, exception, id);
            return false;
        }
        finally
        {
            db.Entry(document).State = EntityState.Detached;
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "The read document of story {ArticleId} was not stored; the next reader builds it again")]
    private static partial void LogNotStored(ILogger logger, Exception exception, int articleId);
}

/// <summary>
/// The read generation (one <see cref="ReadGeneration"/> row), shared by story and page documents: every save that
/// deletes documents moves it on inside its transaction, and a reader stores a document only while it still has the
/// value the reader saw before reading, so a page read before a save committed is never stored after it.
/// </summary>
public static class ReadGenerations
{
    /// <summary>The row's key.</summary>
    public const int Row = 1;

    /// <summary>The value now; a reader takes it before it reads what it will store.</summary>
    internal static readonly Func<NewsDbContext, Task<long>> Current = EF.CompileAsyncQuery(
        (NewsDbContext context) => context.ReadGenerations.Where(g => g.Id == Row).Select(g => g.Value).First());

    /// <summary>Moves it on; inside a saving transaction, before that transaction deletes any document.</summary>
    internal static Task<int> AdvanceAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        db.ReadGenerations.Where(g => g.Id == Row).ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value + 1), cancellationToken);

    /// <summary>
    /// Runs <paramref name="store"/> in a transaction that first takes the generation row's write lock — which every
    /// invalidating save holds until it commits — and only while the value is still <paramref name="seen"/>. The
    /// transaction commits when <paramref name="store"/> returns true and rolls back otherwise. True when it committed.
    /// </summary>
    internal static Task<bool> StoreUnlessMovedAsync(NewsDbContext db, long seen, Func<CancellationToken, Task<bool>> store,
        CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await db.ReadGenerations.Where(g => g.Id == Row && g.Value == seen)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.Value, g => g.Value), token).ConfigureAwait(false);
                if (current != 1 || !await store(token).ConfigureAwait(false))
                {
                    await transaction.RollbackAsync(token).ConfigureAwait(false);
                    return false;
                }
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
}
