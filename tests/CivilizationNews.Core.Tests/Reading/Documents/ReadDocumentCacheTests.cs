using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Reading.Documents;

/// <summary>
/// A read document is parsed once per process and served again while its row keeps the same stamp (generation and
/// build time); the database decides on every read, so a rebuilt or deleted document is never served from memory.
/// </summary>
public sealed class ReadDocumentCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string?> TitleAsync(NewsroomFixture f, int id, ReadDocumentCache? parsed = null)
    {
        await using var db = f.Context();
        var documents = new StoryDocuments(db, new ArticleReader(db, f.Clock), new MarkdownRenderer(), f.Clock, parsed ?? f.Parsed, new SeenGeneration(),
            NullLogger<StoryDocuments>.Instance);
        return (await documents.GetAsync(id, Ct))?.Article.Title;
    }

    /// <summary>Changes the stored JSON in place, keeping or moving the row's stamp.</summary>
    private static async Task RewriteStoredTitleAsync(NewsroomFixture f, int id, string from, string to, bool newStamp)
    {
        await using var db = f.Context();
        var step = newStamp ? 1 : 0;
        var rewritten = await db.StoryDocuments.Where(d => d.ArticleId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Json, d => d.Json.Replace(from, to))
                .SetProperty(d => d.Generation, d => d.Generation + step), Ct);
        Assert.Equal(1, rewritten);
    }

    [Fact]
    public async Task A_document_is_parsed_once_and_read_again_only_when_its_row_has_another_stamp()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("原来的标题");
        Assert.Equal("原来的标题", await TitleAsync(f, id)); // built and stored
        Assert.Equal("原来的标题", await TitleAsync(f, id)); // parsed and held

        // The same row: the JSON is not fetched or parsed again.
        await RewriteStoredTitleAsync(f, id, "原来的标题", "同一行的标题", newStamp: false);
        Assert.Equal("原来的标题", await TitleAsync(f, id));

        // Another row (another instance rebuilt it): read from the database.
        await RewriteStoredTitleAsync(f, id, "同一行的标题", "新一行的标题", newStamp: true);
        Assert.Equal("新一行的标题", await TitleAsync(f, id));

        // Turned off, every read parses what the row holds.
        using var off = new ReadDocumentCache(new() { Entries = 0 });
        Assert.Equal("新一行的标题", await TitleAsync(f, id, off));
        await RewriteStoredTitleAsync(f, id, "新一行的标题", "不缓存的标题", newStamp: false);
        Assert.Equal("不缓存的标题", await TitleAsync(f, id, off));
    }

    [Fact]
    public async Task An_edit_at_the_same_instant_as_the_last_build_is_read_even_though_the_build_time_is_unchanged()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await f.PublishedAsync("编辑前的标题");
        Assert.Equal("编辑前的标题", await TitleAsync(f, id));
        Assert.Equal("编辑前的标题", await TitleAsync(f, id));

        // The clock does not move: the rebuilt document has the same BuiltAt, and only its generation tells it apart.
        await using (var db = f.Context())
        {
            var form = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Version, a.Body, a.Dateline }).SingleAsync(Ct);
            var saved = await f.Desk(db).UpdateAsync(id, f.Input("编辑后的标题", form.Body) with { Dateline = form.Dateline }, form.Version, NewsroomFixture.Editor, cancellationToken: Ct);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }
        Assert.Equal("编辑后的标题", await TitleAsync(f, id));
        Assert.Equal("编辑后的标题", await TitleAsync(f, id));
    }
}
