using System.Net;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CivilizationNews.Web.Tests.Infrastructure;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_and_ready_answer_healthy_on_a_migrated_database()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task With_the_database_gone_readers_get_the_Chinese_503_page_and_the_site_recovers_when_it_returns()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        using (var warm = await client.GetAsync(new Uri("/units", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var file = Path.Combine(factory.DataDirectory, DatabaseSetup.SqliteFileName);
        var away = file + ".away";
        SqliteConnection.ClearAllPools();
        File.Move(file, away);
        try
        {
            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            // A page not in the output cache needs the database.
            var (page, doc) = await Html.GetAsync(client, "/epaper/archive");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("服务暂时不可用", doc.QuerySelector("h1")?.TextContent);
            Assert.NotNull(page.Headers.RetryAfter);
            Assert.DoesNotContain("Exception", doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
            Assert.False(File.Exists(file), "the app created an empty database in place of the missing one");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Move(away, file);
        }

        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        var (again, _) = await Html.GetAsync(client, "/epaper/archive");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
