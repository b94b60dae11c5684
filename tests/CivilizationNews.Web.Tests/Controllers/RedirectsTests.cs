using System.Net;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Support.DiscoveryKit;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>Older story URL forms answer a permanent redirect to the short canonical URL, which answers 200.</summary>
public sealed class RedirectsTests
{
    [Theory]
    [InlineData("/article/{0}/hui-ju-ji-guan-li-liang")]
    [InlineData("/article/{0}/%E6%B1%87%E8%81%9A")]
    [InlineData("/a/{0}")]
    [InlineData("/news/{0}.html")]
    public async Task Older_story_urls_redirect_permanently_to_the_short_url(string form)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, id);
        var manual = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var redirect = await manual.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var (landed, doc) = await Html.GetAsync(factory.CreateClient(), url);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/article/{id}", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal($"http://localhost/article/{id}", landed.RequestMessage!.RequestUri!.AbsoluteUri);
        Assert.Equal(LeadTitle, doc.QuerySelector("h1").Text());
    }

    [Theory]
    [InlineData("/a/abc")]
    [InlineData("/a/0")]
    [InlineData("/news/abc.html")]
    [InlineData("/news/12")]
    [InlineData("/article/abc/slug")]
    public async Task Malformed_old_urls_answer_404(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var manual = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await manual.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
