using CivilizationNews.BrowserTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace CivilizationNews.BrowserTests.Accessibility;

/// <summary>Every public page type, at phone and desktop width: axe finds nothing, of any impact.</summary>
public sealed class AxeTests(PortalHost host) : IClassFixture<PortalHost>
{
    /// <summary>Every rule axe runs by default; only violations come back (passes are large and unread).</summary>
    private static readonly AxeRunOptions AxeOptions = new() { ResultTypes = [ResultType.Violations] };

    public static TheoryData<string> PageTypes => PublicPages.Names;

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task Axe_finds_no_violations(string pageType)
    {
        var path = await PublicPages.PathAsync(host, pageType);
        var report = new List<string>();
        foreach (var screen in Screen.Both)
        {
            await using var reader = await host.OpenAsync(screen, "axe-" + pageType, bypassCsp: true);
            await reader.GotoAsync(path, PublicPages.ExpectedStatus(pageType));
            var result = await reader.Page.RunAxe(AxeOptions);
            report.AddRange(result.Violations.Select(v => Describe(screen, v)));
            reader.AssertClean(NotFoundConsoleNoise(pageType));
        }
        Assert.True(report.Count == 0, $"axe on {pageType} ({path}):\n" + string.Join('\n', report));
    }

    /// <summary>The 404 page's own status shows up as a console error in Chromium; nothing else may.</summary>
    internal static string[] NotFoundConsoleNoise(string pageType) =>
        pageType == "not-found" ? ["the server responded with a status of 404"] : [];

    private static string Describe(Screen screen, AxeResultItem violation) =>
        $"[{screen}] {violation.Id} ({violation.Impact}): {violation.Help}\n" + string.Join('\n', violation.Nodes.Take(5).Select(n =>
            $"    {n.Target} {n.Html}\n      " + string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))));
}
