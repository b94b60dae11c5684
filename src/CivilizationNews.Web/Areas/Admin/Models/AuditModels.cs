namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed record AuditRowView(long Id, DateTime At, string UserName, string Action, string? EntityType, string? EntityId, string? Details, string? IpAddress)
{
    /// <summary>The admin page of the entry's subject, when there is one.</summary>
    public string? Link => EntityId is null ? null : EntityType switch
    {
        "Article" => $"/admin/articles/{EntityId}/edit",
        "Unit" => $"/admin/units/{EntityId}/edit",
        "Section" => $"/admin/catalog/sections/{EntityId}/edit",
        "Contributor" => $"/admin/catalog/contributors/{EntityId}/edit",
        "Edition" => $"/admin/editions/{EntityId}",
        "Feature" => $"/admin/features/{EntityId}",
        "Media" => $"/admin/media/{EntityId}",
        "User" => $"/admin/users/{EntityId}",
        _ => null,
    };

    /// <summary>The subject as an editor reads it: 稿件 #12, 账号 87d890bd….</summary>
    public string? Subject => EntityType is null ? null : (EntityType switch
    {
        "Article" => "稿件",
        "Unit" => "单位",
        "Section" => "栏目",
        "Tag" => "标签",
        "Contributor" => "作者",
        "Edition" => "期",
        "Feature" => "专题",
        "Media" => "图片",
        "User" => "账号",
        _ => EntityType,
    }) + (EntityId is null ? string.Empty : EntityId.Length > 12 ? $" {EntityId[..8]}…" : $" #{EntityId}");
}

public sealed record AuditUserOption(string Id, string Label);

public sealed record AuditPage(
    IReadOnlyList<AuditRowView> Rows, string? Action, string? User, IReadOnlyList<AuditUserOption> Users, int Page, int PageCount, int Total)
{
    /// <summary>The common action families, offered as one-click filters.</summary>
    public static IReadOnlyList<(string Prefix, string Label)> Families { get; } =
    [
        ("article.", "稿件"), ("feature.", "专题"), ("edition.", "版面"), ("unit.", "单位"), ("section.", "栏目"),
        ("tag.", "标签"), ("contributor.", "作者"), ("media.", "图片"), ("user.", "账号管理"), ("account.", "登录"),
    ];

    /// <summary>The query string of this filter at <paramref name="page"/> ("?action=…&amp;page=2"), or empty for the unfiltered first page.</summary>
    public string Query(int page, string? action = null, bool keepAction = true)
    {
        var parts = new[]
        {
            keepAction ? (Action is null ? null : "action=" + Uri.EscapeDataString(Action)) : (action is null ? null : "action=" + Uri.EscapeDataString(action)),
            User is null ? null : "user=" + Uri.EscapeDataString(User),
            page > 1 ? "page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }
}
