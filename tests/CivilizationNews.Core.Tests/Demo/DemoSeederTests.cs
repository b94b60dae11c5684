using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Demo;
using CivilizationNews.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task Seeds_the_roundup_feature_and_enough_stories_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        await using (var db = await database.CreateMigratedAsync())
        {
            Assert.True(await new DemoSeeder(db, NullLogger<DemoSeeder>.Instance).SeedIfEmptyAsync(ct));
        }

        await using var read = database.CreateContext(tracking: false);
        var feature = await read.Features
            .Select(f => new
            {
                f.Title,
                Sidebars = f.Sidebars.Count,
                Photos = f.Photos.Count,
                Byline = f.Byline.Count,
                Sections = f.LeadArticle!.Body,
                Page = f.EditionPage!.Number,
                f.EditionPage.Edition!.Date,
            })
            .SingleAsync(ct);
        Assert.Equal(7, feature.Sidebars);
        Assert.Equal(3, feature.Photos);
        Assert.True(feature.Byline >= 2);
        Assert.Equal(3, feature.Sections.Split("\n## ").Length - 1 + (feature.Sections.StartsWith("## ", StringComparison.Ordinal) ? 1 : 0));
        Assert.Equal(new DateOnly(2021, 12, 10), feature.Date);

        var published = await read.Articles.CountAsync(a => a.Status == ArticleStatus.Published, ct);
        Assert.True(published >= 48, $"only {published} stories");
        Assert.True(await read.Editions.CountAsync(ct) >= 5);
        Assert.True(await read.Sections.CountAsync(ct) >= 4);
        // Every story has exactly one primary unit and every photo has its renditions.
        Assert.False(await read.Articles.AnyAsync(a => a.Units.Count(u => u.IsPrimary) != 1, ct));
        Assert.False(await read.Media.AnyAsync(m => m.Variants.Count < 3, ct));
        Assert.All(await read.MediaVariants.Where(v => v.Name == "w480.webp").Select(v => v.Data).ToListAsync(ct),
            data => Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(data, 8, 4)));

        // A second run finds content and adds nothing.
        await using var again = database.CreateContext();
        Assert.False(await new DemoSeeder(again, NullLogger<DemoSeeder>.Instance).SeedIfEmptyAsync(ct));
        await new DemoSeeder(again, NullLogger<DemoSeeder>.Instance).SeedAsync(ct);
        Assert.Equal(published, await read.Articles.CountAsync(ct));
    }
}
