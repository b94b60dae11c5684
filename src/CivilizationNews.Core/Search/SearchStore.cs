using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CivilizationNews.Core.Search;

/// <summary>A search document with, for SQLite, its segmented columns (title, kicker, subtitle, summary, body, captions, units).</summary>
public sealed record IndexedStory(SearchDocument Document, string[]? Segmented);

/// <summary>One search as the store runs it: the parsed query, resolved filters, the instant that counts as now, and the page.</summary>
public sealed record SearchPlan(
    SearchQuery Query, int? SectionId, int? UnitId, DateTime? FromUtc, DateTime? ToUtc, DateOnly? EditionDate,
    DateTime NowUtc, int Skip, int Take);

/// <summary>The ids of one page of matches, best first, and how many stories match in all.</summary>
public sealed record SearchMatches(IReadOnlyList<int> ArticleIds, int TotalCount);

/// <summary>
/// The provider-specific part of search: how documents are written and how matches are found and
/// ranked. Everything else (which stories, their text, snippets) is shared.
/// </summary>
public abstract class SearchStore
{
    public const string InsertDocumentSql =
        "INSERT INTO SearchDocuments (ArticleId, PublishedAt, SectionId, EditionDate, Title, Kicker, Subtitle, Summary, UnitNames, Captions, Body) " +
        "VALUES (@id, @publishedAt, @sectionId, @editionDate, @title, @kicker, @subtitle, @summary, @unitNames, @captions, @body)";

    public const string DeleteDocumentSql = "DELETE FROM SearchDocuments WHERE ArticleId = @id";

    public static SearchStore For(DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.IsSqlServer() ? SqlServerSearchStore.Instance : SqliteSearchStore.Instance;
    }

    /// <summary>Whether documents need their jieba-segmented text (SQLite's FTS5 does; SQL Server breaks words itself).</summary>
    public abstract bool NeedsSegmentedText { get; }

    /// <summary>
    /// Removes the documents of <paramref name="removeIds"/> and writes <paramref name="stories"/> (replacing
    /// any earlier version) on the caller's connection and transaction.
    /// </summary>
    public virtual async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> removeIds,
        IReadOnlyList<IndexedStory> stories, bool indexIsEmpty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(removeIds);
        ArgumentNullException.ThrowIfNull(stories);
        if (!indexIsEmpty)
        {
            await using var delete = Command(connection, transaction, DeleteDocumentSql, "@id");
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
        await using var insert = Command(connection, transaction, InsertDocumentSql,
            "@id", "@publishedAt", "@sectionId", "@editionDate", "@title", "@kicker", "@subtitle", "@summary", "@unitNames", "@captions", "@body");
        foreach (var story in stories)
        {
            var d = story.Document;
            object?[] values = [d.ArticleId, d.PublishedAt, d.SectionId, d.EditionDate, d.Title, d.Kicker, d.Subtitle, d.Summary, d.UnitNames, d.Captions, d.Body];
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every document (the reindex verb's clean start).</summary>
    public virtual async Task ClearAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "DELETE FROM SearchDocuments");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compacts the index after a rebuild, where the engine has such a step.</summary>
    public virtual Task OptimizeAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One page of matches for the plan, best first, with the total count.</summary>
    public abstract Task<SearchMatches> FindAsync(DbConnection connection, SearchPlan plan, CancellationToken cancellationToken);

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants and fixed clauses; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var name in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>
    /// The WHERE clauses that the filters add (after the full-text condition), on alias d = SearchDocuments.
    /// Publication time is not among them: documents exist only for published stories, and a story published
    /// with a time still ahead (none of the newsroom's paths does that) is dropped when its page is read.
    /// </summary>
    protected static string FilterClauses(SearchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sql = new System.Text.StringBuilder();
        if (plan.SectionId is not null)
        {
            sql.Append(" AND d.SectionId = @sectionId");
        }
        if (plan.FromUtc is not null)
        {
            sql.Append(" AND d.PublishedAt >= @from");
        }
        if (plan.ToUtc is not null)
        {
            sql.Append(" AND d.PublishedAt < @to");
        }
        if (plan.EditionDate is not null)
        {
            sql.Append(" AND d.EditionDate = @editionDate");
        }
        if (plan.UnitId is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM ArticleUnits AS au WHERE au.ArticleId = d.ArticleId AND au.UnitId = @unitId)");
        }
        return sql.ToString();
    }

    /// <summary>Adds the parameters that <see cref="FilterClauses"/> and the match use.</summary>
    protected static void AddParameters(DbCommand command, SearchPlan plan, string match)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(plan);
        Add(command, "@match", match);
        if (plan.SectionId is { } section)
        {
            Add(command, "@sectionId", section);
        }
        if (plan.FromUtc is { } from)
        {
            Add(command, "@from", from);
        }
        if (plan.ToUtc is { } to)
        {
            Add(command, "@to", to);
        }
        if (plan.EditionDate is { } edition)
        {
            Add(command, "@editionDate", edition);
        }
        if (plan.UnitId is { } unit)
        {
            Add(command, "@unitId", unit);
        }
    }

    protected static void Add(DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    protected static async Task<SearchMatches> RunAsync(DbConnection connection, string countSql, string pageSql, SearchPlan plan,
        string match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int total;
        await using (var count = Command(connection, null, countSql))
        {
            AddParameters(count, plan, match);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        var ids = new List<int>(plan.Take);
        if (total > plan.Skip)
        {
            await using var page = Command(connection, null, pageSql);
            AddParameters(page, plan, match);
            Add(page, "@skip", plan.Skip);
            Add(page, "@take", plan.Take);
            await using var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return new SearchMatches(ids, total);
    }
}
