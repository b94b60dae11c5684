using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Cli;

public sealed class ReindexCommandTests
{
    [Fact]
    public async Task Reindex_rebuilds_the_index_with_progress_and_the_demo_stays_searchable()
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(factory.DataDirectory, null, "reindex", "--clear");

        Assert.True(code == 0, stderr);
        Assert.Contains("已索引 0/", stderr, StringComparison.Ordinal);
        Assert.Matches(@"已索引 (\d+)/\1 篇（100%）", stderr);
        Assert.Matches(@"^搜索索引已重建：\d+ 篇已发布报道", stdout);
        var (_, doc) = await Html.GetAsync(factory.CreateClient(), "/search?q=" + Uri.EscapeDataString("河东书房"));
        Assert.Equal("河东书房飘出满城书香", doc.QuerySelector(".search-result-title").Text());
        var documents = await factory.QueryAsync(db => db.SearchDocuments.CountAsync());
        var published = await factory.QueryAsync(db => db.Articles.CountAsync(a => a.Status == Core.Articles.ArticleStatus.Published));
        Assert.Equal(published, documents);
    }
}
