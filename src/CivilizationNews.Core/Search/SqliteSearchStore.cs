using System.Data.Common;

namespace CivilizationNews.Core.Search;

/// <summary>
/// SQLite: the FTS5 table SearchIndex (created by the Search migration) holds the jieba-segmented
/// text of each document under rowid = ArticleId. It is contentless (the original text is in
/// SearchDocuments, where snippets are cut), with contentless_delete so rows can be replaced.
/// Ranking is bm25 with the headline weighted highest.
/// </summary>
public sealed class SqliteSearchStore : SearchStore
{
    public static SqliteSearchStore Instance { get; } = new();

    /// <summary>bm25 column weights: title, kicker, subtitle, summary, body, captions, units.</summary>
    public const string Rank = "bm25(SearchIndex, 10.0, 3.0, 4.0, 3.0, 1.0, 1.5, 3.0)";

    // Only filters need the documents table. CROSS JOIN then pins the full-text match as the outer loop
    // (left to itself SQLite may scan every document and probe the index once per row), and the narrow
    // filter index answers each probe without reading the document's long text.
    private const string FromIndex = " FROM SearchIndex WHERE SearchIndex MATCH @match";
    private const string FromJoined = " FROM SearchIndex CROSS JOIN SearchDocuments AS d INDEXED BY IX_SearchDocuments_Filters" +
        " ON d.ArticleId = SearchIndex.rowid WHERE SearchIndex MATCH @match";

    private SqliteSearchStore()
    {
    }

    public override bool NeedsSegmentedText => true;

    public override async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> removeIds,
        IReadOnlyList<IndexedStory> stories, bool indexIsEmpty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removeIds);
        ArgumentNullException.ThrowIfNull(stories);
        await base.WriteAsync(connection, transaction, removeIds, stories, indexIsEmpty, cancellationToken).ConfigureAwait(false);
        if (!indexIsEmpty)
        {
            await using var delete = Command(connection, transaction, "DELETE FROM SearchIndex WHERE rowid = @id", "@id");
            foreach (var id in removeIds.Concat(stories.Select(s => s.Document.ArticleId)).Distinct())
            {
                delete.Parameters[0].Value = id;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        if (stories.Count == 0)
        {
            return;
        }
        await using var insert = Command(connection, transaction,
            "INSERT INTO SearchIndex (rowid, title, kicker, subtitle, summary, body, captions, units) VALUES (@id, @c0, @c1, @c2, @c3, @c4, @c5, @c6)",
            "@id", "@c0", "@c1", "@c2", "@c3", "@c4", "@c5", "@c6");
        foreach (var story in stories)
        {
            var columns = story.Segmented ?? throw new InvalidOperationException("SQLite documents need their segmented text.");
            insert.Parameters[0].Value = story.Document.ArticleId;
            for (var i = 0; i < 7; i++)
            {
                insert.Parameters[i + 1].Value = columns[i];
            }
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task ClearAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await base.ClearAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, transaction, "INSERT INTO SearchIndex (SearchIndex) VALUES ('delete-all')");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task OptimizeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Merges the index's segments into one b-tree: fewer pages to read per query.
        await using var command = Command(connection, null, "INSERT INTO SearchIndex (SearchIndex) VALUES ('optimize')");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// bm25 is computed for at most this many matches: the newest ones. A common word matches tens of
    /// thousands of stories, and ranking all of them costs far more than a reader's page is worth.
    /// </summary>
    public const int RankWindow = 1000;

    /// <summary>
    /// Three bounded statements: how many match (counted only up to what the pages can show), the rowid
    /// where the newest <see cref="RankWindow"/> matches begin (doclists are read in rowid order, no
    /// ranking), then bm25 over just those, best first. Fewer matches than the window are all ranked.
    /// </summary>
    public override async Task<SearchMatches> FindAsync(DbConnection connection, SearchPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var match = plan.Query.ToFts5();
        var sql = Sql(plan);
        int total;
        await using (var count = Command(connection, null, sql.Count))
        {
            AddParameters(count, plan, match);
            Add(count, "@cap", StorySearch.MaxPage * plan.Take + 1);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (total <= plan.Skip)
        {
            return new SearchMatches([], total);
        }
        long threshold = 0;
        await using (var window = Command(connection, null, sql.Window))
        {
            AddParameters(window, plan, match);
            Add(window, "@window", RankWindow - 1);
            if (await window.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long rowid)
            {
                threshold = rowid;
            }
        }
        // The first pages of a query with typed-together words are re-ordered: stories holding a
        // piece exactly as typed (in the headline first) before those with its words apart.
        var rerank = plan.Query.Phrases.Count > 0 && plan.Skip + plan.Take <= PhraseDepth;
        var ids = new List<int>(rerank ? PhraseDepth : plan.Take);
        await using (var page = Command(connection, null, sql.Page))
        {
            AddParameters(page, plan, match);
            Add(page, "@threshold", threshold);
            Add(page, "@skip", rerank ? 0 : plan.Skip);
            Add(page, "@take", rerank ? PhraseDepth : plan.Take);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetInt32(0));
            }
        }
        if (rerank && ids.Count > 1)
        {
            ids = await ByPhraseAsync(connection, ids, plan.Query.Phrases, cancellationToken).ConfigureAwait(false);
        }
        return new SearchMatches(rerank ? ids.Skip(plan.Skip).Take(plan.Take).ToList() : ids, total);
    }

    /// <summary>How many of the best matches are re-ordered by exact phrase (the first five pages).</summary>
    public const int PhraseDepth = 50;

    /// <summary>A stable re-order of bm25's best: the phrase in the headline, then anywhere, then bm25's order.</summary>
    private static async Task<List<int>> ByPhraseAsync(DbConnection connection, List<int> ids, IReadOnlyList<string> phrases, CancellationToken cancellationToken)
    {
        var inTitle = string.Join(" + ", phrases.Select((_, i) => $"(instr(lower(Title), @p{i}) > 0)"));
        var anywhere = string.Join(" + ", phrases.Select((_, i) =>
            $"(instr(lower(Title), @p{i}) > 0 OR instr(lower(COALESCE(Kicker, '') || ' ' || COALESCE(Subtitle, '') || ' ' || COALESCE(Summary, '')), @p{i}) > 0 " +
            $"OR instr(lower(Body), @p{i}) > 0 OR instr(lower(COALESCE(Captions, '') || ' ' || COALESCE(UnitNames, '')), @p{i}) > 0)"));
        var keys = string.Join(", ", ids.Select((_, i) => $"@id{i}"));
        await using var command = Command(connection, null, $"SELECT ArticleId, {inTitle}, {anywhere} FROM SearchDocuments WHERE ArticleId IN ({keys})");
        for (var i = 0; i < phrases.Count; i++)
        {
            Add(command, $"@p{i}", phrases[i]);
        }
        for (var i = 0; i < ids.Count; i++)
        {
            Add(command, $"@id{i}", ids[i]);
        }
        var scores = new Dictionary<int, (long Title, long Anywhere)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                scores[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }
        return ids.Select((id, rank) => (id, rank, score: scores.GetValueOrDefault(id)))
            .OrderByDescending(x => x.score.Title).ThenByDescending(x => x.score.Anywhere).ThenBy(x => x.rank)
            .Select(x => x.id).ToList();
    }

    /// <summary>The count, window and page statements for a plan.</summary>
    public static (string Count, string Window, string Page) Sql(SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var filters = FilterClauses(plan);
        var where = (filters.Length == 0 ? FromIndex : FromJoined) + filters;
        return ("SELECT count(*) FROM (SELECT 1" + where + " LIMIT @cap)",
                "SELECT SearchIndex.rowid" + where + " ORDER BY SearchIndex.rowid DESC LIMIT 1 OFFSET @window",
                "SELECT SearchIndex.rowid" + where + " AND SearchIndex.rowid >= @threshold ORDER BY " + Rank + ", SearchIndex.rowid DESC LIMIT @take OFFSET @skip");
    }
}
