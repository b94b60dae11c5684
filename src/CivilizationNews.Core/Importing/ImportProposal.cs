using System.Text.Json;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// The proposal an editor posts back from the review screen is not trusted: it is JSON in the shape of
/// IMPORT-FORMAT.md, edited in the browser. <see cref="ImportProposal.Parse"/> reads it back into an
/// <see cref="ImportResult"/> and checks it against what the database can hold; <see cref="Exception.Message"/>
/// says in Chinese what is wrong.
/// </summary>
public sealed class ImportProposalException : Exception
{
    public ImportProposalException(string message)
        : base(message)
    {
    }

    public ImportProposalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Reads and validates the review screen's JSON (the IMPORT-FORMAT.md shape; unknown keys are ignored).</summary>
public static class ImportProposal
{
    public const int MaxArticles = 200;
    public const int TitleMaxLength = 200;
    public const int KickerMaxLength = 200;
    public const int SubtitleMaxLength = 300;
    public const int DatelineMaxLength = 200;
    public const int HeadingMaxLength = 200;
    public const int CaptionMaxLength = 1000;
    public const int CreditMaxLength = 100;

    private const string Broken = "导入数据已损坏，请重新导入这一版。";

    /// <exception cref="ImportProposalException">The JSON is not a proposal, or a field does not fit.</exception>
    public static ImportResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ImportProposalException(Broken);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new ImportProposalException(Broken, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("articles", out var articlesElement) || articlesElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImportProposalException(Broken);
            }

            // A page read from a PDF carries its size; regions are read (and checked against it) only then.
            var page = root.TryGetProperty("page", out var pageElement) && pageElement.ValueKind == JsonValueKind.Object ? ReadPage(pageElement) : null;
            var articles = new List<ImportedArticle>();
            foreach (var element in articlesElement.EnumerateArray())
            {
                var article = ReadArticle(element, articles.Count + 1);
                articles.Add(page is null ? article : article with { Regions = Regions(element, page) });
            }

            if (articles.Count == 0)
            {
                throw new ImportProposalException("没有可创建的稿件：至少要保留一篇稿件。");
            }

            if (articles.Count > MaxArticles)
            {
                throw new ImportProposalException($"一版最多导入 {MaxArticles} 篇稿件。");
            }

            var photos = Array(root, "photos").Select((p, i) => ReadPhoto(p, i + 1))
                .Zip(Array(root, "photos"), (photo, element) => page is null ? photo : photo with { Region = Region(element, "region", page) })
                .ToList();
            var byline = root.TryGetProperty("byline", out var b) && b.ValueKind == JsonValueKind.Object ? ReadByline(b) : null;
            if (byline is not null && page is not null)
            {
                byline = byline with { Region = Region(b, "region", page) };
            }

            var warnings = Array(root, "warnings").Select(ReadWarning).ToList();
            return new ImportResult(articles, photos, byline, warnings) { Page = page };
        }
    }

    private static ImportedArticle ReadArticle(JsonElement element, int number)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ImportProposalException(Broken);
        }

        var label = $"第 {number} 篇稿件";
        var title = Text(element, "title");
        if (title is null)
        {
            throw new ImportProposalException($"{label}还没有标题，请填写标题。");
        }

        Fit(title, TitleMaxLength, $"{label}的标题");
        var kicker = Text(element, "kicker");
        Fit(kicker, KickerMaxLength, $"《{title}》的引题");
        var subtitle = Text(element, "subtitle");
        Fit(subtitle, SubtitleMaxLength, $"《{title}》的副题");
        var dateline = Text(element, "dateline");
        var credit = Text(element, "credit");
        // The story's dateline field holds both, as 本报讯（记者 刘思远）.
        Fit(dateline is null ? null : dateline + credit + "（）", DatelineMaxLength, $"《{title}》的电头和署名");
        var continuesOn = Text(element, "continues_on");
        Fit(continuesOn, 50, $"《{title}》的转版");

        var sections = new List<ImportedSection>();
        foreach (var s in Array(element, "sections"))
        {
            if (s.ValueKind != JsonValueKind.Object)
            {
                throw new ImportProposalException(Broken);
            }

            var heading = Text(s, "heading");
            Fit(heading, HeadingMaxLength, $"《{title}》的小标题");
            var paragraphs = Array(s, "paragraphs").Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()!.Trim() : throw new ImportProposalException(Broken))
                .Where(p => p.Length > 0).ToList();
            if (heading is null && paragraphs.Count == 0)
            {
                continue;
            }

            sections.Add(new ImportedSection(heading, paragraphs));
        }

        if (!sections.Any(s => s.Paragraphs.Count > 0))
        {
            throw new ImportProposalException($"《{title}》没有正文，请把它并入其他稿件或补上段落。");
        }

        return new ImportedArticle(kicker, title, subtitle, dateline, credit, continuesOn, sections);
    }

    private static ImportedPhoto ReadPhoto(JsonElement element, int number)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ImportProposalException(Broken);
        }

        var caption = Text(element, "caption") ?? throw new ImportProposalException($"第 {number} 条图片说明是空的。");
        Fit(caption, CaptionMaxLength, $"第 {number} 条图片说明");
        var credit = Text(element, "credit") ?? string.Empty;
        Fit(credit, CreditMaxLength, $"第 {number} 条图片说明的作者");
        var kind = Text(element, "credit_kind") == "供图" ? "供图" : "摄";
        return new ImportedPhoto(caption, credit, Text(element, "credit_role"), kind);
    }

    private static ImportedByline ReadByline(JsonElement element)
    {
        var roles = Array(element, "roles").Select(r => new BylineRole(
                Text(r, "role") ?? throw new ImportProposalException("本版署名中有一行缺少身份（如本报记者）。"),
                Array(r, "names").Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!.Trim()).Where(n => n.Length is > 0 and <= 100).ToList()))
            .ToList();
        return new ImportedByline(Text(element, "label") ?? "本版撰文", roles, Text(element, "raw") ?? string.Empty);
    }

    private static ImportWarning ReadWarning(JsonElement element)
    {
        var kindName = Text(element, "kind");
        var kind = Enum.GetValues<ImportWarningKind>().Where(k => ImportJson.KindName(k) == kindName).Cast<ImportWarningKind?>().FirstOrDefault()
            ?? throw new ImportProposalException(Broken);
        return new ImportWarning(kind, Text(element, "text") ?? string.Empty, Text(element, "article"));
    }

    /// <summary>A story is printed in a few blocks; more rectangles than this are not a region.</summary>
    public const int MaxRegionsPerArticle = 50;

    /// <summary>PDF pages are at most 200 inches (14,400 points) on a side.</summary>
    private const double MaxPageSide = 14400;

    private static ImportedPage ReadPage(JsonElement element)
    {
        var width = Number(element, "width");
        var height = Number(element, "height");
        if (width is not (> 0 and <= MaxPageSide) || height is not (> 0 and <= MaxPageSide))
        {
            throw new ImportProposalException(Broken);
        }

        int? number = element.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var value) && value is >= 1 and <= 999 ? value : null;
        var name = Text(element, "name");
        Fit(name, 50, "版名");
        DateOnly? date = Text(element, "date") is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed) ? parsed : null;
        return new ImportedPage(width.Value, height.Value) { Number = number, Name = name, Date = date };
    }

    private static List<PageRegion> Regions(JsonElement element, ImportedPage page)
    {
        var regions = Array(element, "regions");
        if (regions.Length > MaxRegionsPerArticle)
        {
            throw new ImportProposalException(Broken);
        }

        return regions.Select(r => ToRegion(r, page) ?? throw new ImportProposalException(Broken)).ToList();
    }

    private static PageRegion? Region(JsonElement parent, string name, ImportedPage page) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ToRegion(value, page) ?? throw new ImportProposalException(Broken)
            : null;

    /// <summary>[x, y, width, height]: four finite numbers, a positive size, on the page (a point of slack).</summary>
    private static PageRegion? ToRegion(JsonElement element, ImportedPage page)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 4
            || element.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble())))
        {
            return null;
        }

        var v = element.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var region = new PageRegion(v[0], v[1], v[2], v[3]);
        return region.Width > 0 && region.Height > 0 && region.X >= -1 && region.Y >= -1
            && region.Right <= page.Width + 1 && region.Bottom <= page.Height + 1 ? region : null;
    }

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    private static JsonElement[] Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Array => value.EnumerateArray().ToArray(),
                JsonValueKind.Null => [],
                _ => throw new ImportProposalException(Broken),
            }
            : [];

    /// <summary>A trimmed string, or null when absent, null or blank.</summary>
    private static string? Text(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ImportProposalException(Broken);
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private static void Fit(string? value, int max, string what)
    {
        if (value is not null && value.Length > max)
        {
            throw new ImportProposalException($"{what}太长（不超过 {max} 字）。");
        }
    }
}
