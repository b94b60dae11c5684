using CivilizationNews.Core.Search;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SqlServerMigration = CivilizationNews.Core.Data.Migrations.SqlServer.Search;

namespace CivilizationNews.Core.Tests.Search;

/// <summary>No SQL Server runs here: the T-SQL the search sends, and its migration's full-text DDL, are parsed with ScriptDom.</summary>
public sealed class SqlServerSearchSqlTests
{
    private static void AssertParses(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, sql + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.NotNull(fragment);
    }

    public static TheoryData<bool> Filtered => [false, true];

    [Theory]
    [MemberData(nameof(Filtered))]
    public void The_search_statements_parse(bool filtered)
    {
        var query = SearchQuery.Parse("河东书房 志愿", ChineseSegmenter.Shared);
        var plan = filtered
            ? new SearchPlan(query, 3, 7, new DateTime(2021, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2021, 12, 31, 0, 0, 0, DateTimeKind.Utc),
                new DateOnly(2021, 12, 10), DateTime.UtcNow, 10, 10)
            : new SearchPlan(query, null, null, null, null, null, DateTime.UtcNow, 0, 10);

        var (count, page) = SqlServerSearchStore.Sql(plan);

        AssertParses(count);
        AssertParses(page);
        Assert.Contains("CONTAINSTABLE(SearchDocuments, (Title, Kicker, Subtitle, Summary, Body, Captions, UnitNames), @match)", page, StringComparison.Ordinal);
        Assert.Contains("OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY", page, StringComparison.Ordinal);
        Assert.Equal(filtered, page.Contains("@unitId", StringComparison.Ordinal));
    }

    [Fact]
    public void The_document_writes_parse()
    {
        AssertParses(SearchStore.InsertDocumentSql);
        AssertParses(SearchStore.DeleteDocumentSql);
    }

    [Fact]
    public void The_full_text_migration_parses_and_uses_the_chinese_word_breaker()
    {
        AssertParses(SqlServerMigration.CreateCatalogSql);
        AssertParses(SqlServerMigration.CreateFullTextIndexSql);
        AssertParses(SqlServerMigration.DropFullTextIndexSql);
        AssertParses(SqlServerMigration.DropCatalogSql);
        Assert.Contains("Title LANGUAGE 2052", SqlServerMigration.CreateFullTextIndexSql, StringComparison.Ordinal);
        Assert.Contains("STOPLIST = OFF", SqlServerMigration.CreateFullTextIndexSql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("河东书房 志愿", "\"河东书房\" AND \"志愿\"")]
    [InlineData("\"书房\" OR NEAR(志愿*) ^:", "\"书房\" AND \"OR\" AND \"NEAR\" AND \"志愿\"")]
    public void The_contains_condition_quotes_every_piece(string input, string expected) =>
        Assert.Equal(expected, SearchQuery.Parse(input, ChineseSegmenter.Shared).ToSqlServerContains());
}
