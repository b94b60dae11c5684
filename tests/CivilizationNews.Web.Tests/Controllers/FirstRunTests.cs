using System.Net;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Controllers;

public sealed class FirstRunTests
{
    [Fact]
    public async Task An_empty_data_folder_is_created_migrated_and_seeded_at_start()
    {
        await using var factory = await PortalFactory.CreateAsync(seeded: false);
        using var seeding = factory.WithWebHostBuilder(b => b.UseSetting("Database:SeedDemoContent", "true"));

        var (response, doc) = await Html.GetAsync(seeding.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "civilization-news.db")));
        Assert.Equal("汇聚机关力量 擦亮文明底色", doc.QuerySelector(".home-feature-title").Text());
        Assert.True(await factory.QueryAsync(db => db.Articles.CountAsync()) >= 48);
    }
}
