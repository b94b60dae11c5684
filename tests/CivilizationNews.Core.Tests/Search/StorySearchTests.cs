using System.Data.Common;
using CivilizationNews.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Tests.Search;

public sealed class StorySearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("书房")]
    [InlineData("志愿")]
    [InlineData("志愿者")]
    [InlineData("河东书房")]
    [InlineData("图书馆")]
    [InlineData("市图书馆")]
    [InlineData("文明创建")]
    [InlineData("刘思远")]
    [InlineData("驿站")]
    [InlineData("志愿 服务")]
    [InlineData("书房 市民")]
    [InlineData("冬衣")]
    public async Task Finds_every_public_story_that_contains_the_words_and_no_other(string query)
    {
        using var corpus = await SearchCorpus.CreateAsync();
        var words = SearchQuery.Parse(query, ChineseSegmenter.Shared).Required;
        var expected = corpus.PublicText
            .Where(s => words.All(w => s.Value.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s.Key).Order().ToList();

        var found = await corpus.AllIdsAsync(new SearchRequest(query));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Order().ToList());
        Assert.Equal(found.Count, found.Distinct().Count());
    }

    [Fact]
    public async Task Never_finds_drafts_withdrawn_or_not_yet_due_stories()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        var found = await corpus.AllIdsAsync(new SearchRequest("河东书房"));
        Assert.DoesNotContain(corpus.Ids["draft"], found);
        Assert.DoesNotContain(corpus.Ids["withdrawn"], found);
        Assert.DoesNotContain(corpus.Ids["future"], found);
        Assert.DoesNotContain(corpus.Ids["near-miss"], await corpus.AllIdsAsync(new SearchRequest("志愿")));
        Assert.DoesNotContain(corpus.Ids["near-miss"], await corpus.AllIdsAsync(new SearchRequest("书房")));
    }

    [Fact]
    public async Task Headline_matches_rank_first_and_words_together_beat_words_apart()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();

        var shufang = await corpus.Search(db).SearchAsync(new SearchRequest("河东书房"), Ct);
        var order = shufang.Hits.Select(h => h.ArticleId).ToList();
        Assert.Equal(corpus.Ids["title-shufang"], order[0]);
        Assert.True(order.IndexOf(corpus.Ids["body-shufang"]) < order.IndexOf(corpus.Ids["apart"]),
            "a story with 河东书房 must rank above one with 河东 and 书房 apart");

        var volunteers = await corpus.Search(db).SearchAsync(new SearchRequest("志愿者"), Ct);
        Assert.Equal(corpus.Ids["volunteer-title"], volunteers.Hits[0].ArticleId);
    }

    [Fact]
    public async Task Marks_the_words_on_the_original_text_without_spaces_and_encodes_it()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();

        var results = await corpus.Search(db).SearchAsync(new SearchRequest("河东书房"), Ct);
        var top = results.Hits[0];
        Assert.Equal("<mark>河东书房</mark>飘出满城书香", top.Title.ToHtml());
        Assert.Equal("全市已建成<mark>河东书房</mark>32家，市民就近读书。", top.Snippet.ToHtml());
        Assert.Equal("全市已建成河东书房32家，市民就近读书。", top.Snippet.PlainText);

        var markup = await corpus.Search(db).SearchAsync(new SearchRequest("书房 孩子"), Ct);
        var hit = Assert.Single(markup.Hits);
        var html = hit.Snippet.ToHtml();
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<mark>书房</mark>里坐满了<mark>孩子</mark>", html, StringComparison.Ordinal);
        Assert.Equal("“A&amp;B”读书角揭牌", hit.Title.ToHtml());
    }

    [Fact]
    public async Task A_story_found_by_its_unit_or_caption_shows_where()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();

        var caption = await corpus.Search(db).SearchAsync(new SearchRequest("阅读"), Ct);
        var hit = caption.Hits.Single(h => h.ArticleId == corpus.Ids["caption-only"]);
        Assert.Equal("市民在城南驿站<mark>阅读</mark>", hit.Snippet.ToHtml());

        var unit = await corpus.Search(db).SearchAsync(new SearchRequest("志愿服务联合会"), Ct);
        Assert.Contains(unit.Hits, h => h.ArticleId == corpus.Ids["unit-only"] && h.Snippet.HasMatch);
        Assert.All(unit.Hits, h => Assert.Equal("volunteers", h.Unit?.Slug));
    }

    [Fact]
    public async Task Filters_by_section_unit_date_range_and_edition()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();
        var search = corpus.Search(db);

        var bySection = await search.SearchAsync(new SearchRequest("书房", SectionSlug: "minsheng"), Ct);
        Assert.Equal("minsheng", bySection.Filters.Section?.Slug);
        Assert.NotEmpty(bySection.Hits);
        Assert.All(bySection.Hits, h => Assert.Equal("minsheng", h.Section.Slug));
        Assert.DoesNotContain(bySection.Hits, h => h.ArticleId == corpus.Ids["title-shufang"]);

        var byUnit = await search.SearchAsync(new SearchRequest("书房", UnitSlug: "library"), Ct);
        Assert.Equal(new[] { corpus.Ids["body-shufang"], corpus.Ids["title-shufang"] }.Order(), byUnit.Hits.Select(h => h.ArticleId).Order());

        // China dates: the story published 20 days before "now" (2021-12-21 12:00 China time) is inside 12-21..12-21.
        var published = SearchCorpus.Now - TimeSpan.FromDays(20);
        var day = CivilizationNews.Core.Time.ChinaTime.Today(published);
        var byDate = await search.SearchAsync(new SearchRequest("书房", From: day, To: day), Ct);
        Assert.Equal([corpus.Ids["body-shufang"]], byDate.Hits.Select(h => h.ArticleId).ToArray());
        // A reversed range is read the right way round.
        var reversed = await search.SearchAsync(new SearchRequest("书房", From: day, To: day.AddDays(-1)), Ct);
        Assert.Equal([corpus.Ids["body-shufang"]], reversed.Hits.Select(h => h.ArticleId).ToArray());

        var byEdition = await search.SearchAsync(new SearchRequest("书房", EditionDate: new DateOnly(2021, 12, 10)), Ct);
        var printed = Assert.Single(byEdition.Hits);
        Assert.Equal(corpus.Ids["title-shufang"], printed.ArticleId);
        Assert.Equal(new DateOnly(2021, 12, 10), printed.EditionDate);
    }

    [Fact]
    public async Task Unknown_filter_values_are_ignored()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        var all = await corpus.AllIdsAsync(new SearchRequest("书房"));
        var unknown = await corpus.AllIdsAsync(new SearchRequest("书房", SectionSlug: "no-such-section", UnitSlug: "'; DROP TABLE Units; --"));
        Assert.Equal(all.Order(), unknown.Order());
    }

    [Fact]
    public async Task Pages_hold_ten_results_each_without_overlap()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();
        var search = corpus.Search(db);

        var first = await search.SearchAsync(new SearchRequest("文明创建", Page: 1), Ct);
        var second = await search.SearchAsync(new SearchRequest("文明创建", Page: 2), Ct);
        var beyond = await search.SearchAsync(new SearchRequest("文明创建", Page: 3), Ct);

        Assert.Equal(12, first.TotalCount);
        Assert.Equal(2, first.PageCount);
        Assert.Equal(10, first.Hits.Count);
        Assert.Equal(2, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.ArticleId).Intersect(second.Hits.Select(h => h.ArticleId)));
        Assert.Empty(beyond.Hits);
        Assert.Equal(12, beyond.TotalCount);
    }

    public static TheoryData<string> BadQueries() =>
    [
        "", "   ", "\"", "\"\"\"", "*", "书房*", "NEAR", "NEAR(书房 志愿, 2)", "书房 OR 志愿", "书房 AND", "NOT 书房",
        "(", ")))", "^书房", "title:书房", "{title}: 书房", "书房 - 志愿", "'; DROP TABLE SearchDocuments; --", "%_\\",
        new string('书', 500) + "房", new string('"', 600), "🙂🙂", "\u0000书房", "河东书房" + new string(' ', 400) + "志愿",
    ];

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_answered_without_error(string query)
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();

        var results = await corpus.Search(db).SearchAsync(new SearchRequest(query), Ct);

        Assert.False(results.Unavailable);
        Assert.True(results.Query.Text.Length <= SearchQuery.MaxLength);
        Assert.All(results.Hits, h => Assert.True(corpus.PublicText.ContainsKey(h.ArticleId)));
    }

    [Fact]
    public async Task A_database_error_says_search_is_unavailable_and_is_logged_with_its_exception()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();
        // A broken index stands for any fault in the SQL: the reader sees "unavailable", the log says why.
        await db.Database.ExecuteSqlRawAsync("DROP TABLE SearchIndex", Ct);
        var logger = new ListLogger<StorySearch>();

        var results = await corpus.Search(db, logger).SearchAsync(new SearchRequest("书房"), Ct);

        Assert.True(results.Unavailable);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Error, 3101), (entry.Level, entry.EventId.Id));
        Assert.IsAssignableFrom<DbException>(entry.Exception);
        Assert.Contains("书房", entry.Message, StringComparison.Ordinal);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception), exception));
    }

    [Fact]
    public async Task Syntax_in_a_query_is_read_as_words()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        var plain = await corpus.AllIdsAsync(new SearchRequest("书房 市民"));
        var decorated = await corpus.AllIdsAsync(new SearchRequest("\"书房\" AND (市民*) ^:"));
        Assert.NotEmpty(plain);
        // AND is a word of its own here (found in no story), so the decorated query finds nothing rather than failing.
        Assert.Empty(decorated);
        Assert.Equal(plain.Order(), (await corpus.AllIdsAsync(new SearchRequest("\"书房\" (市民*) ^:"))).Order());
    }

    [Fact]
    public async Task Long_queries_are_cut_and_say_so()
    {
        using var corpus = await SearchCorpus.CreateAsync();
        await using var db = corpus.Context();
        var results = await corpus.Search(db).SearchAsync(new SearchRequest("书房" + new string('啊', 600)), Ct);
        Assert.True(results.Query.Truncated);
        Assert.Equal(SearchQuery.MaxLength, results.Query.Text.Length);
    }
}
