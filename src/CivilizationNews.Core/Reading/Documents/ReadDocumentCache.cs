using Microsoft.Extensions.Caching.Memory;

namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// Read documents this process has already deserialised, each under the stamp of the row it came from: the read
/// generation it was stored under and its <c>BuiltAt</c> (<see cref="DocumentStamp"/>).
/// A reader still asks the database for the document on every request, passing the stamp it holds: the row comes back
/// without its JSON when the stamps match, and the object here is served instead of parsing the same JSON again
/// (a quarter of the home page's CPU, docs/performance.md). The database stays the only authority: a document that a
/// save deleted or a reader rebuilt has another stamp (or no row) and is read afresh, so an instance never serves what
/// the database no longer holds, and nothing here is needed by any other instance. Two rows with one stamp hold the
/// same page: a save that changes a page deletes its document and moves the generation on before a new one can be
/// stored, and within one generation only the time a page was built (<c>BuiltAt</c>) can change what it shows.
/// </summary>
/// <remarks>
/// The objects are shared by concurrent requests and must never be changed: the read models are records of read-only
/// lists, and pages only read them. Bounded by <see cref="Options.Entries"/> (least recently used entries go first);
/// 0 turns it off.
/// </remarks>
public sealed class ReadDocumentCache : IDisposable
{
    /// <summary><c>Performance:ReadDocumentCacheEntries</c>.</summary>
    public sealed class Options
    {
        public const string Key = "Performance:ReadDocumentCacheEntries";

        /// <summary>How many documents are kept; a parsed document takes about twice its JSON's length (the home page's 35 KB).</summary>
        public int Entries { get; set; } = 1000;
    }

    private sealed record Entry(DocumentStamp Stamp, object Document);

    /// <summary>The stamp to send when nothing is held: no row has it (generations start at 0), so the JSON always comes back.</summary>
    public static readonly DocumentStamp None = new(-1, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));

    private readonly MemoryCache? _cache;

    public ReadDocumentCache(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Entries > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Entries, CompactionPercentage = 0.2 });
        }
    }

    /// <summary>The stamp of the document held under <paramref name="key"/>, or <see cref="None"/>.</summary>
    public DocumentStamp StampOf(string key) =>
        _cache is not null && _cache.TryGetValue(key, out Entry? entry) && entry is not null ? entry.Stamp : None;

    /// <summary>The document held under <paramref name="key"/> when it has the stamp <paramref name="stamp"/>.</summary>
    public T? Get<T>(string key, DocumentStamp stamp) where T : class =>
        _cache is not null && _cache.TryGetValue(key, out Entry? entry) && entry is not null && entry.Stamp == stamp
            ? entry.Document as T
            : null;

    /// <summary>
    /// The document of the row stamped <paramref name="stamp"/> that came back with <paramref name="json"/>: the one held
    /// when the row came without its JSON (null if it is no longer held), else the JSON parsed by <paramref name="parse"/>,
    /// and held when <paramref name="keep"/> accepts it.
    /// </summary>
    public T? Resolve<T>(string key, DocumentStamp stamp, string? json, Func<string, T?> parse, Func<T, bool>? keep = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (json is null)
        {
            return Get<T>(key, stamp);
        }
        var document = parse(json);
        if (document is not null && (keep is null || keep(document)))
        {
            Set(key, stamp, document);
        }
        return document;
    }

    /// <summary>Holds <paramref name="document"/>, read from the row stamped <paramref name="stamp"/>.</summary>
    public void Set(string key, DocumentStamp stamp, object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _cache?.Set(key, new Entry(stamp, document), new MemoryCacheEntryOptions { Size = 1 });
    }

    public void Dispose() => _cache?.Dispose();
}

/// <summary>Which stored row a document was read from: the read generation it was stored under and when it was built.</summary>
public readonly record struct DocumentStamp(long Generation, DateTime BuiltAt);
