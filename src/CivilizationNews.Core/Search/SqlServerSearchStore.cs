using System.Data.Common;

namespace CivilizationNews.Core.Search;

/// <summary>
/// SQL Server: a full-text index (Chinese word breaker, LCID 2052) over the text columns of
/// SearchDocuments, created by the Search migration (docs/database.md). Queries use CONTAINSTABLE;
/// the headline's own match is added three times over so that headline hits rank first.
/// The full-text index is filled by the server in the background (change tracking AUTO), a few
/// seconds after the document row commits.
/// </summary>
public sealed class SqlServerSearchStore : SearchStore
{
    public static SqlServerSearchStore Instance { get; } = new();

    private const string Columns = "(Title, Kicker, Subtitle, Summary, Body, Captions, UnitNames)";

    private const string From =
        " FROM CONTAINSTABLE(SearchDocuments, " + Columns + ", @match) AS k" +
        " JOIN SearchDocuments AS d ON d.ArticleId = k.[KEY]" +
        " LEFT JOIN CONTAINSTABLE(SearchDocuments, Title, @match) AS t ON t.[KEY] = k.[KEY]" +
        " WHERE 1 = 1";

    private SqlServerSearchStore()
    {
    }

    public override bool NeedsSegmentedText => false;

    public override Task<SearchMatches> FindAsync(DbConnection connection, SearchPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (count, page) = Sql(plan);
        return RunAsync(connection, count, page, plan, plan.Query.ToSqlServerContains(), cancellationToken);
    }

    /// <summary>The count and page statements for a plan (a test parses them with ScriptDom).</summary>
    public static (string Count, string Page) Sql(SearchPlan plan)
    {
        var where = From + FilterClauses(plan);
        return ("SELECT COUNT(*)" + where + ";",
                "SELECT d.ArticleId" + where +
                " ORDER BY k.[RANK] + 3 * ISNULL(t.[RANK], 0) DESC, d.PublishedAt DESC" +
                " OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY;");
    }
}
