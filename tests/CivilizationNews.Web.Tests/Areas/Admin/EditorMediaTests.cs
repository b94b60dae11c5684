using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Media;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Areas.Admin.Controllers;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// The story editor's picture endpoints (issue 15): a dropped or pasted file, and the pictures named in
/// pasted HTML, which the server fetches into the library — only from public addresses — and never hot-links.
/// </summary>
public sealed class EditorMediaTests
{
    private const string Page = "/admin/articles/create";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, bool token = true)
    {
        using var content = new MultipartFormDataContent();
        if (token)
        {
            content.Add(new StringContent(await AdminClient.TokenAsync(client, Page)), "__RequestVerificationToken");
        }
        content.Add(new ByteArrayContent(file), "file", "现场.png");
        return await client.PostAsync(new Uri("/admin/media/editor-upload", UriKind.Relative), content, Ct);
    }

    private static async Task<JsonElement[]> ImportAsync(HttpClient client, params string[] urls)
    {
        var pairs = urls.Select(u => new KeyValuePair<string, string>("url", u)).ToList();
        using var response = await AdminClient.PostPairsAsync(client, Page, "/admin/media/import-remote", pairs);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. json.GetProperty("images").EnumerateArray()];
    }

    [Fact]
    public async Task A_dropped_picture_enters_the_library_with_its_alt_text_pending()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = await AdminClient.SignInAsync(factory, NewsRoles.Correspondent);
        var before = await factory.QueryAsync(db => db.Media.CountAsync(Ct));

        using var response = await UploadAsync(client, TestImages.Encode(300, 200, SKEncodedImageFormat.Png));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        var alt = await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct));
        Assert.Equal(MediaController.PendingAltText, alt);
        Assert.Equal(before + 1, await factory.QueryAsync(db => db.Media.CountAsync(Ct)));
    }

    [Fact]
    public async Task Without_the_form_token_or_with_a_file_that_is_no_picture_nothing_is_stored()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var before = await factory.QueryAsync(db => db.Media.CountAsync(Ct));

        using var forged = await UploadAsync(client, TestImages.Encode(300, 200, SKEncodedImageFormat.Png), token: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var text = await UploadAsync(client, "不是图片"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Equal(ImageUploadValidator.WrongTypeMessage, (await text.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());

        using var anonymous = AdminClient.Anonymous(factory);
        using var refused = await anonymous.PostAsync(new Uri("/admin/media/import-remote", UriKind.Relative), new FormUrlEncodedContent([new("url", "https://example.com/a.jpg")]), Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(before, await factory.QueryAsync(db => db.Media.CountAsync(Ct)));
    }

    [Fact]
    public async Task Pictures_on_internal_addresses_are_refused_and_reported_not_fetched()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var before = await factory.QueryAsync(db => db.Media.CountAsync(Ct));

        var results = await ImportAsync(client,
            "http://127.0.0.1/admin/media/1/file/w480.jpg", "http://localhost:5080/x.png", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.8/a.jpg", "http://[::1]/a.jpg", "file:///etc/passwd", "ftp://example.com/a.jpg");

        Assert.Equal(7, results.Length);
        Assert.All(results.Take(5), r => Assert.Equal(RemoteImageFetcher.RefusedAddressMessage, r.GetProperty("error").GetString()));
        Assert.All(results.Skip(5), r => Assert.Equal(RemoteImageFetcher.BadAddressMessage, r.GetProperty("error").GetString()));
        Assert.All(results, r => Assert.False(r.TryGetProperty("id", out _)));
        Assert.Equal(before, await factory.QueryAsync(db => db.Media.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_picture_named_in_pasted_HTML_is_fetched_into_the_library()
    {
        var picture = TestImages.Encode(400, 300, SKEncodedImageFormat.Jpeg);
        using var site = new OneFileServer(picture);
        // The test's "public site" is on loopback: only here is loopback allowed.
        await using var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton(_ => new RemoteImageFetcher(IPAddress.IsLoopback)));
        var client = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var before = await factory.QueryAsync(db => db.Media.CountAsync(Ct));

        var results = await ImportAsync(client, site.Address + "mmbiz/photo.jpg", site.Address + "missing.jpg");

        var id = results[0].GetProperty("id").GetInt32();
        Assert.Equal(RemoteImageFetcher.UnreachableMessage, results[1].GetProperty("error").GetString());
        Assert.Equal(before + 1, await factory.QueryAsync(db => db.Media.CountAsync(Ct)));
        var stored = await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => new { m.Width, m.Height }).SingleAsync(Ct));
        Assert.Equal((400, 300), (stored.Width, stored.Height));
    }

    /// <summary>Serves one picture at /mmbiz/photo.jpg on a free loopback port; anything else is 404.</summary>
    private sealed class OneFileServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public OneFileServer(byte[] body)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var context = await _listener.GetContextAsync();
                        if (context.Request.Url?.AbsolutePath == "/mmbiz/photo.jpg")
                        {
                            context.Response.ContentType = "image/jpeg";
                            await context.Response.OutputStream.WriteAsync(body);
                        }
                        else
                        {
                            context.Response.StatusCode = 404;
                        }
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Address { get; }

        public void Dispose() => _listener.Close();
    }
}
