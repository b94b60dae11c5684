using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Reading;

public sealed class ArticleReaderTests
{
    [Fact]
    public async Task A_story_is_public_once_published_and_its_time_has_come()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fixture = await NewsroomFixture.CreateAsync();
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var draft = await fixture.DraftAsync(NewsroomFixture.Reporter, "草稿");
        var published = await fixture.DraftAsync(NewsroomFixture.Reporter, "已发布");
        var ahead = await fixture.DraftAsync(NewsroomFixture.Reporter, "发布时间未到");
        await using (var db = fixture.Context())
        {
            await db.Articles.Where(a => a.Id == published || a.Id == ahead).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ArticleStatus.Published)
                .SetProperty(a => a.PublishedAt, a => a.Id == published ? now.AddMinutes(-1) : now.AddHours(1)), ct);
        }
        await using var context = fixture.Context();
        var reader = new ArticleReader(context, fixture.Clock);

        Assert.False(await reader.IsPublishedAsync(draft, ct));
        Assert.True(await reader.IsPublishedAsync(published, ct));
        Assert.False(await reader.IsPublishedAsync(ahead, ct));
        Assert.False(await reader.IsPublishedAsync(999_999, ct));
    }
}
