using CivilizationNews.Core.Articles;

namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed record ArticleRow(int Id, string Title, ArticleStatus Status, string Section, DateTime UpdatedAt, DateTime? ScheduledAt, DateTime? PublishedAt, string? AuthorId);
