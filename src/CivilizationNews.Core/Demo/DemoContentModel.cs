using System.Text.Json.Serialization;

namespace CivilizationNews.Core.Demo;

// The shape of the demo JSON files under Demo/Content (see docs/demo-content.md).
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

internal sealed record DemoCatalog(
    List<DemoSection> Sections,
    List<DemoUnit> Units,
    List<DemoContributor> Contributors,
    List<DemoEdition> Editions);

internal sealed record DemoSection(string Slug, string Name, int Order, string? Description);

internal sealed record DemoUnit(
    string Slug, string Name, string ShortName, string Kind, string? Industry, string? Address,
    string? Description, List<DemoHonour>? Honours);

internal sealed record DemoHonour(int Year, string Title);

internal sealed record DemoContributor(string Slug, string Name, string Role, string? Organisation);

internal sealed record DemoEdition(DateOnly Date, int Number, List<DemoPage> Pages);

internal sealed record DemoPage(int Number, string Name);

internal sealed record DemoBundle(List<DemoPhoto>? Photos, List<DemoArticle>? Articles, List<DemoFeature>? Features);

internal sealed record DemoPhoto(
    string Key, string Alt, string? Caption, string? Credit, string? Contributor,
    string CreditKind, string Scene, int Hue);

internal sealed record DemoArticle(
    string Key, string? Kicker, string Title, string? Subtitle, string? Summary, string? Dateline,
    string Body, string Section, List<string>? Units, List<DemoCredit>? Credits, List<string>? Photos,
    List<string>? Tags, DateTimeOffset PublishedAt, DemoPlacement? Placement, List<DemoFigure>? KeyFigures);

internal sealed record DemoCredit(string Contributor, string Role);

internal sealed record DemoPlacement(DateOnly Date, int Page, int Order);

internal sealed record DemoFigure(string Label, string Value, bool Approximate, [property: JsonPropertyName("unit")] string? Measure, string? Text);

internal sealed record DemoFeature(
    string Slug, string Title, string? Summary, string Lead, List<string> Sidebars, List<string>? Photos,
    List<DemoBylineRole>? Byline, DemoPlacement? Placement);

internal sealed record DemoBylineRole(string Role, List<string> Names);

#pragma warning restore CA1812
