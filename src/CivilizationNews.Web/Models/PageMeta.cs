namespace CivilizationNews.Web.Models;

/// <summary>What a page tells the &lt;head&gt;: its title, description, canonical path and share image.</summary>
public sealed record PageMeta(string Title, string? Description = null, string? CanonicalPath = null, string? ImagePath = null, string Type = "website")
{
    public const string Key = "PageMeta";
}
