using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>One example of every public page type, by name, as the demo paper seeds them.</summary>
public static class PublicPages
{
    public const string LeadTitle = "汇聚机关力量 擦亮文明底色";
    public const string FeaturePath = "/feature/2021-wenming-chuangjian";

    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["home"] = "/",
        ["article"] = "", // the roundup's lead story; its id comes from the database
        ["feature"] = FeaturePath,
        ["section"] = "/section/wenming",
        ["tag"] = "/tag/" + Uri.EscapeDataString("志愿服务"),
        ["contributor"] = "/contributor/guozhaohui",
        ["units"] = "/units",
        ["unit"] = "/unit/szgw",
        ["epaper-edition"] = "/epaper/2021-12-10",
        ["epaper-page"] = "/epaper/2021-12-10/5",
        ["archive"] = "/epaper/archive",
        ["search"] = "/search?q=" + Uri.EscapeDataString("志愿"),
        ["search-empty"] = "/search?q=" + Uri.EscapeDataString("量子计算机"),
        ["not-found"] = "/no/such/page",
    };

    public static TheoryData<string> Names => [.. Paths.Keys];

    public static int ExpectedStatus(string name) => name == "not-found" ? 404 : 200;

    public static async Task<string> PathAsync(PortalHost host, string name)
    {
        ArgumentNullException.ThrowIfNull(host);
        return name == "article" ? $"/article/{await LeadIdAsync(host)}" : Paths[name];
    }

    public static Task<int> LeadIdAsync(PortalHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());
    }
}
