namespace CivilizationNews.Core.Articles;

/// <summary>Editorial workflow state: 草稿 → 待审 → 已通过 → 已排期 / 已发布 → 已撤回 / 已归档.</summary>
public enum ArticleStatus
{
    Draft = 0,
    Submitted = 1,
    Approved = 2,
    Scheduled = 3,
    Published = 4,
    Withdrawn = 5,
    Archived = 6,
}

public static class ArticleStatuses
{
    public static string Label(this ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "草稿",
        ArticleStatus.Submitted => "待审",
        ArticleStatus.Approved => "已通过",
        ArticleStatus.Scheduled => "已排期",
        ArticleStatus.Published => "已发布",
        ArticleStatus.Withdrawn => "已撤回",
        ArticleStatus.Archived => "已归档",
        _ => status.ToString(),
    };
}
