using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>Shared steps for the discovery tests: configured hosts, XML fetches and stories added at test time.</summary>
internal static class DiscoveryKit
{
    public const string Origin = "https://news.example.cn";
    public const string LeadTitle = "汇聚机关力量 擦亮文明底色";
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The app with Site:PublicBaseUrl set (and any other settings).</summary>
    public static WebApplicationFactory<Program> WithSettings(this PortalFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Site:PublicBaseUrl", Origin);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    public static async Task<(HttpResponseMessage Response, string Body)> GetTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task<SyndicationFeed> GetFeedAsync(HttpClient client, string url)
    {
        var (response, body) = await GetTextAsync(client, url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        return ParseFeed(body);
    }

    public static SyndicationFeed ParseFeed(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    public static async Task<XDocument> GetXmlAsync(HttpClient client, string url)
    {
        var (response, body) = await GetTextAsync(client, url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(body);
    }

    /// <summary>The path part of an absolute URL on <see cref="Origin"/>, for the test client.</summary>
    public static string PathOf(string absoluteUrl)
    {
        Assert.StartsWith(Origin + "/", absoluteUrl, StringComparison.Ordinal);
        return absoluteUrl[Origin.Length..];
    }

    /// <summary>Adds a published story in 文明创建 (there is no admin to publish through yet).</summary>
    public static async Task<int> AddStoryAsync(IServiceProvider services, string title, DateTime publishedAt, Action<Article>? configure = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var section = await db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        var article = new Article
        {
            Title = title,
            Summary = "测试稿件摘要",
            Body = "测试稿件正文。",
            Dateline = "本报讯",
            Status = ArticleStatus.Published,
            PublishedAt = publishedAt,
            CreatedAt = publishedAt,
            UpdatedAt = publishedAt,
            SectionId = section,
        };
        configure?.Invoke(article);
        db.Articles.Add(article);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return article.Id;
    }
}
