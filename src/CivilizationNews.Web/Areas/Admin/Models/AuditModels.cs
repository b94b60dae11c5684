using System.Globalization;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Web.Areas.Admin.Controllers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The audit log page: one page of entries under a filter, with the filter's links.</summary>
public sealed record AuditPage(AuditListing Listing)
{
    /// <summary>The query-string names of the filter (the log's addresses: /admin/audit?action=article.&amp;user=…).</summary>
    public const string ActionKey = "action";
    public const string UserKey = "user";

    /// <summary>The common action families, offered as one-click filters.</summary>
    public static IReadOnlyList<(string Prefix, string Label)> Families { get; } =
    [
        ("article.", "稿件"), ("feature.", "专题"), ("edition.", "版面"), ("unit.", "单位"), ("section.", "栏目"),
        ("tag.", "标签"), ("contributor.", "作者"), ("media.", "图片"), ("user.", "账号管理"), ("account.", "登录"),
        ("sensitive-word.", "敏感词"),
    ];

    public string? Action => Listing.Action;

    public string? User => Listing.User;

    /// <summary>
    /// The log's address with this filter at <paramref name="page"/>, or with another action prefix
    /// (<paramref name="keepAction"/> false; null for all). "action" cannot go through route values, where it names the action.
    /// </summary>
    public string Url(IUrlHelper url, int page, string? action = null, bool keepAction = true)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = new Dictionary<string, string?>();
        if ((keepAction ? Action : action) is { } a)
        {
            query[ActionKey] = a;
        }
        if (User is not null)
        {
            query[UserKey] = User;
        }
        if (page > 1)
        {
            query["page"] = page.ToString(CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString(url.Action(nameof(AuditController.Index), "Audit")!, query);
    }

    /// <summary>The admin page of an entry's subject, when there is one.</summary>
    public static string? Link(IUrlHelper url, AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(row);
        if (row.EntityId is not { } id)
        {
            return null;
        }
        return row.EntityType switch
        {
            "Article" => url.Action(nameof(ArticlesController.Edit), "Articles", new { id }),
            "Unit" => url.Action(nameof(UnitsController.Edit), "Units", new { id }),
            "Section" => url.Action(nameof(SectionsController.Edit), "Sections", new { id }),
            "Contributor" => url.Action(nameof(ContributorsController.Edit), "Contributors", new { id }),
            "Edition" => url.Action(nameof(EditionsController.Edit), "Editions", new { id }),
            "Feature" => url.Action(nameof(FeaturesController.Compose), "Features", new { id }),
            "Media" => url.Action(nameof(MediaController.Edit), "Media", new { id }),
            "User" => url.Action(nameof(UsersController.Edit), "Users", new { id }),
            _ => null,
        };
    }
}
