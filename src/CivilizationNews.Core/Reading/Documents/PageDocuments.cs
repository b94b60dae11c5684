using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Reading.Documents;

/// <summary>The JSON shapes of the list pages kept as <see cref="PageDocument"/>s.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HomeView))]
[JsonSerializable(typeof(UnitProfile))]
[JsonSerializable(typeof(UnitProfileDocument))]
[JsonSerializable(typeof(SectionPage))]
[JsonSerializable(typeof(EditionPageView))]
[JsonSerializable(typeof(IReadOnlyList<UnitGroup>))]
public sealed partial class PageDocumentJson : JsonSerializerContext
{
    /// <summary>The shapes as stored: Chinese text and markup unescaped (<see cref="StoredJson"/>).</summary>
    public static PageDocumentJson Stored { get; } = new(StoredJson.Options());
}

/// <summary>What a unit profile's document holds: the profile, and its description rendered to sanitized HTML when the document was built.</summary>
public sealed record UnitProfileDocument(UnitProfile Unit, string DescriptionHtml);

/// <summary>A unit profile ready for the view: the profile and its sanitized description.</summary>
public sealed record UnitProfilePage(UnitProfile Unit, SafeHtml Description);

/// <summary>
/// List pages for readers read as one stored document: the home page (fourteen commands to build, about 60 ms
/// at 100,000 stories), the unit directory (a count over every story-unit link), each page of a unit profile and
/// each page of a section's list and each page of the digital edition.
/// A missing or expired document is built by the page's reader, stored with the page's output-cache tags, and
/// served.
/// <list type="bullet">
/// <item><b>Kept right by the save path.</b> Inside each saving transaction, <see cref="InvalidateAsync"/> deletes
/// every document carrying a tag of a page the save changes — the tags the output cache evicts after the commit
/// (<see cref="ContentTagResolver"/>), so a document is exactly as fresh as the cached page.</item>
/// <item><b>No stale page after a commit.</b> The save moves the read generation on (as for story documents); a
/// document is stored only under the generation its reader saw before reading.</item>
/// <item><b>Time.</b> A document older than <see cref="MaxAge"/> is built again, as the output cache's entries expire,
/// so a page that depends on the clock alone is never older than that.</item>
/// <item><b>Shape.</b> The key carries the shape's version (<c>home/1</c>): a release that changes a page's model
/// raises it, and documents of the old shape are never read.</item>
/// </list>
/// </summary>
public sealed partial class PageDocuments(NewsDbContext db, TimeProvider clock, ReadDocumentCache parsed, SeenGeneration seen,
    ILogger<PageDocuments> logger)
{
    /// <summary>How long a document is served without a save touching it; the output cache's default expiry.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>The lengths of <see cref="PageDocument.Key"/> and <see cref="PageDocumentTag.Tag"/> (Data/Configurations).</summary>
    internal const int MaxKeyLength = 200;
    internal const int MaxTagLength = 150;

    /// <param name="Current">The read generation now (<see cref="SeenGeneration"/>), read in the same command.</param>
    private sealed record Row(string? Json, long Generation, DateTime BuiltAt, long Current)
    {
        public DocumentStamp Stamp => new(Generation, BuiltAt);
    }

    // The JSON only when the row's stamp differs from the one this process holds parsed (ReadDocumentCache).
    private static readonly Func<NewsDbContext, string, long, DateTime, Task<Row?>> Lookup = EF.CompileAsyncQuery(
        (NewsDbContext context, string key, long heldGeneration, DateTime heldBuiltAt) => context.PageDocuments.Where(d => d.Key == key)
            .Select(d => new Row(d.Generation == heldGeneration && d.BuiltAt == heldBuiltAt ? null : d.Json, d.Generation, d.BuiltAt,
                context.ReadGenerations.Where(g => g.Id == ReadGenerations.Row).Select(g => g.Value).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>The home page (<c>/</c>).</summary>
    public Task<HomeView?> HomeAsync(HomeReader reader, CancellationToken cancellationToken = default) =>
        GetAsync("home/1", PageDocumentJson.Stored.HomeView, async token => await reader.GetAsync(token).ConfigureAwait(false),
            _ => [ContentTags.Home], cancellationToken);

    /// <summary>The unit directory (<c>/units</c>).</summary>
    public Task<IReadOnlyList<UnitGroup>?> UnitDirectoryAsync(UnitReader reader, CancellationToken cancellationToken = default) =>
        GetAsync("units/1", PageDocumentJson.Stored.IReadOnlyListUnitGroup, async token => await reader.DirectoryAsync(token).ConfigureAwait(false),
            _ => [ContentTags.Units], cancellationToken);

    /// <summary>
    /// Page <paramref name="page"/> of a unit's profile (<c>/unit/{slug}</c>), or null when there is no such unit or page.
    /// The description's Markdown is rendered by <paramref name="renderer"/> once, when the document is built (shape 2).
    /// </summary>
    public async Task<UnitProfilePage?> UnitProfileAsync(UnitReader reader, MarkdownRenderer renderer, string slug, int page,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(renderer);
        var document = await GetAsync(FormattableString.Invariant($"unit/2/{slug}/{page}"), PageDocumentJson.Stored.UnitProfileDocument,
            async token => await reader.ProfileAsync(slug, page, token).ConfigureAwait(false) is { } unit
                ? new UnitProfileDocument(unit, renderer.Render(unit.Description).Value)
                : null,
            d => UnitTags(d.Unit), cancellationToken).ConfigureAwait(false);
        return document is null ? null : new UnitProfilePage(document.Unit, new SafeHtml(document.DescriptionHtml));
    }

    /// <summary>Page <paramref name="page"/> of a section's list (<c>/section/{slug}</c>), or null when there is no such section or page.</summary>
    public Task<SectionPage?> SectionAsync(ListReader reader, string slug, int page, CancellationToken cancellationToken = default) =>
        GetAsync(FormattableString.Invariant($"section/1/{slug}/{page}"), PageDocumentJson.Stored.SectionPage,
            token => reader.SectionAsync(slug, page, token), s => [ContentTags.Section(s.Section.Slug)], cancellationToken);

    /// <summary>A page of the digital edition (<c>/epaper/{date}/{page}</c>), or null when the edition or page is not public.</summary>
    public Task<EditionPageView?> EditionPageAsync(EditionReader reader, DateOnly date, int page, CancellationToken cancellationToken = default) =>
        GetAsync(FormattableString.Invariant($"epaper/1/{date:yyyy-MM-dd}/{page}"), PageDocumentJson.Stored.EditionPageView,
            token => reader.PageAsync(date, page, token), EditionPageTags, cancellationToken);

    /// <summary>What an e-paper page shows: the edition (its page list, its facsimiles), its stories and their photos.</summary>
    public static IEnumerable<string> EditionPageTags(EditionPageView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [ContentTags.Epaper, ContentTags.Edition(view.Date), .. view.Stories.Select(s => ContentTags.Article(s.Id)),
            .. view.Stories.Where(s => s.Photo is not null).Select(s => ContentTags.Media(s.Photo!.MediaId))];
    }

    /// <summary>What a unit profile shows: the unit and its photos (the same tags the page is cached under).</summary>
    public static IEnumerable<string> UnitTags(UnitProfile unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return [ContentTags.Unit(unit.Slug), .. unit.Photos.Select(p => ContentTags.Media(p.MediaId))];
    }

    /// <summary>
    /// The page stored under <paramref name="key"/>, or built by <paramref name="build"/> (null: no such page, nothing
    /// stored) and stored with the tags <paramref name="tagsOf"/> gives for it.
    /// </summary>
    public async Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, Func<CancellationToken, Task<T?>> build,
        Func<T, IEnumerable<string>> tagsOf, CancellationToken cancellationToken = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(tagsOf);
        var now = clock.GetUtcNow().UtcDateTime;
        var held = parsed.StampOf(key);
        var row = await Lookup(db, key, held.Generation, held.BuiltAt).ConfigureAwait(false);
        if (row is not null)
        {
            seen.Saw(row.Current);
        }
        if (row is not null && now - row.BuiltAt < MaxAge && parsed.Resolve(key, row.Stamp, row.Json, json => Read(json, type)) is { } stored)
        {
            return stored;
        }
        // The count first: if a save commits while the page is read, the count has moved and the page is not kept.
        var generation = await ReadGenerations.Current(db).ConfigureAwait(false);
        seen.Saw(generation);
        var page = await build(cancellationToken).ConfigureAwait(false);
        if (page is not null)
        {
            await TryStoreAsync(key, JsonSerializer.Serialize(page, type), tagsOf(page), generation, now, cancellationToken).ConfigureAwait(false);
        }
        return page;
    }

    /// <summary>
    /// Step 2 of the save path (<see cref="Saving.SavePipeline"/>), inside the saving transaction: deletes the documents
    /// of every page tagged with one of <paramref name="tags"/> (all of them for <see cref="ContentTags.Site"/>) and
    /// moves the read generation on.
    /// </summary>
    internal static async Task InvalidateAsync(NewsDbContext db, IReadOnlySet<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }
        await ReadGenerations.AdvanceAsync(db, cancellationToken).ConfigureAwait(false);
        if (tags.Contains(ContentTags.Site))
        {
            await db.PageDocumentTags.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.PageDocuments.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var list = tags.ToList();
        var keys = db.PageDocumentTags.Where(t => list.Contains(t.Tag)).Select(t => t.Key);
        // The tags first, while the documents still say which keys to take; then the documents.
        var doomed = await keys.Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        if (doomed.Count == 0)
        {
            return;
        }
        await db.PageDocumentTags.Where(t => doomed.Contains(t.Key)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.PageDocuments.Where(d => doomed.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private T? Read<T>(string json, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException exception)
        {
            // A document this build cannot read is built again, not shown.
            LogUnreadable(logger, exception, typeof(T).Name);
            return null;
        }
    }

    /// <summary>
    /// Stores the document unless a save has invalidated documents since <paramref name="generation"/> was read (the
    /// check takes the generation row's write lock, which every invalidating save holds until it commits). A failure to
    /// store costs only the next reader a rebuild.
    /// </summary>
    private async Task TryStoreAsync(string key, string json, IEnumerable<string> tags, long generation, DateTime now, CancellationToken cancellationToken)
    {
        var tagList = tags.Append(ContentTags.Site).Distinct(StringComparer.Ordinal).ToList();
        if (key.Length > MaxKeyLength || tagList.Any(t => t.Length > MaxTagLength))
        {
            // Longer than the columns hold (a very long tag name): this page is simply built on every read.
            return;
        }
        var document = new PageDocument
        {
            Key = key, Json = json, BuiltAt = now, Generation = generation,
            Tags = [.. tagList.Select(t => new PageDocumentTag { Tag = t, Key = key })],
        };
        try
        {
            await ReadGenerations.StoreUnlessMovedAsync(db, generation, async token =>
            {
                await db.PageDocumentTags.Where(t => t.Key == key).ExecuteDeleteAsync(token).ConfigureAwait(false);
                await db.PageDocuments.Where(d => d.Key == key).ExecuteDeleteAsync(token).ConfigureAwait(false);
                db.PageDocuments.Add(document);
                await db.SaveChangesAsync(token).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            LogNotStored(logger, exception, key);
        }
        finally
        {
            db.Entry(document).State = EntityState.Detached;
            foreach (var tag in document.Tags)
            {
                db.Entry(tag).State = EntityState.Detached;
            }
        }
    }

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "The read document of page {Key} was not stored; the next reader builds it again")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "A stored {Page} document could not be read; it is built again")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string page);
}
