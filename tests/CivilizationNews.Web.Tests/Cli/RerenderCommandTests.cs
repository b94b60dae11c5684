using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Cli;

public sealed class RerenderCommandTests
{
    [Fact]
    public async Task Rerender_rebuilds_every_published_storys_page_with_progress_and_the_pages_read_from_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var published = await factory.QueryAsync(db => db.Articles.CountAsync(a => a.Status == Core.Articles.ArticleStatus.Published));

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(factory.DataDirectory, null, "rerender");

        Assert.True(code == 0, stderr);
        Assert.Matches(@"已重新生成 (\d+)/\1 篇（100%）", stderr);
        Assert.Matches($"^报道页面已重新生成：{published} 篇已发布报道", stdout);
        Assert.Equal(published, await factory.QueryAsync(db => db.StoryDocuments.CountAsync()));
        var id = await factory.QueryAsync(db => db.StoryDocuments.Select(d => d.ArticleId).FirstAsync());
        var (response, page) = await Html.GetAsync(factory.CreateClient(), $"/article/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("article .article-body p, article p"));
    }
}
