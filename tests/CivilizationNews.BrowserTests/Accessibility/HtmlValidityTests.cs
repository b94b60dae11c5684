using CivilizationNews.BrowserTests.Infrastructure;

namespace CivilizationNews.BrowserTests.Accessibility;

/// <summary>
/// Every public page type's HTML, as the server sends it, passes the Nu HTML Checker with no errors
/// and no warnings.
/// The pages are fetched once and checked in one Java start; each page type reports on its own.
/// </summary>
public sealed class HtmlValidityTests(HtmlValidityTests.Checked results) : IClassFixture<HtmlValidityTests.Checked>
{
    public static TheoryData<string> PageTypes => PublicPages.Names;

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task Page_passes_the_Nu_HTML_Checker(string pageType)
    {
        var messages = await results.ForAsync(pageType);
        var errors = messages.Where(m => m.IsError).ToList();
        var warnings = messages.Where(m => !m.IsError && m.SubType == "warning").ToList();
        Assert.True(errors.Count == 0, $"vnu on {pageType}:\n" + string.Join('\n', errors));
        Assert.True(warnings.Count == 0, $"vnu warnings on {pageType}:\n" + string.Join('\n', warnings));
    }

    /// <summary>Saves every page type's served HTML and runs the checker over all of them once.</summary>
    public sealed class Checked : IAsyncLifetime
    {
        private readonly PortalHost _host = new(withBrowser: false);
        private Task<IReadOnlyList<VnuChecker.Message>>? _messages;
        private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

        public async ValueTask InitializeAsync()
        {
            await _host.InitializeAsync();
            using var client = _host.CreateHttpClient();
            foreach (var name in PublicPages.Names)
            {
                var path = await PublicPages.PathAsync(_host, name);
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                Assert.Equal(PublicPages.ExpectedStatus(name), (int)response.StatusCode);
                var file = Path.Combine(Artifacts.Pages, name + ".html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                _files[name] = file;
            }
            Assert.Empty(_host.ServerLog.Problems);
            _messages = VnuChecker.CheckAsync(_files.Values, CancellationToken.None);
        }

        public async Task<IReadOnlyList<VnuChecker.Message>> ForAsync(string name)
        {
            var all = await (_messages ?? throw new InvalidOperationException("Not initialized"));
            var file = Path.GetFullPath(_files[name]);
            return [.. all.Where(m => Path.GetFullPath(m.File) == file)];
        }

        public async ValueTask DisposeAsync() => await _host.DisposeAsync();
    }
}
