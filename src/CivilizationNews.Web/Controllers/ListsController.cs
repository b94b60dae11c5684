using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

/// <summary>Paged story lists by section, tag and contributor, and the list of corrections.</summary>
public sealed class ListsController(ListReader lists, PageDocuments documents) : PortalController
{
    [HttpGet("/section/{slug}")]
    public async Task<IActionResult> Section(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || await documents.SectionAsync(lists, slug, number, cancellationToken) is not { } result)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Section(result.Section.Slug));
        var path = PublicPaths.Section(result.Section.Slug);
        SetMeta(new PageMeta(Titled(result.Section.Name, number), result.Description, Paged(path, number)));
        return View("CardList", new CardListModel(result.Section.Name, result.Description, result.Articles, path, result.Section.Slug));
    }

    [HttpGet("/tag/{name}")]
    public async Task<IActionResult> Tag(string name, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || await lists.TagAsync(name, number, cancellationToken) is not { } result)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Tag(result.Name));
        var path = PublicPaths.Tag(result.Name);
        SetMeta(new PageMeta(Titled($"标签：{result.Name}", number), $"与“{result.Name}”相关的报道", Paged(path, number)));
        return View("CardList", new CardListModel($"标签：{result.Name}", null, result.Articles, path));
    }

    [HttpGet("/contributor/{slug}")]
    public async Task<IActionResult> Contributor(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || await lists.ContributorAsync(slug, number, cancellationToken) is not { } result)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Contributor(result.Slug));
        var path = PublicPaths.Contributor(result.Slug);
        var intro = result.Organisation is { Length: > 0 } org && org != "本报" ? $"{result.Role}（{org}）" : result.Role;
        SetMeta(new PageMeta(Titled(result.Name, number), $"{intro} {result.Name} 的报道", Paged(path, number)));
        return View("CardList", new CardListModel(result.Name, intro, result.Articles, path));
    }

    /// <summary>更正: every correction to a public story, newest first, paged.</summary>
    [HttpGet("/corrections")]
    public async Task<IActionResult> Corrections([FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || await lists.CorrectionsAsync(number, cancellationToken) is not { } result)
        {
            return NotFoundPage();
        }
        CacheTags(ContentTags.Corrections);
        SetMeta(new PageMeta(Titled("更正", number), "本报对已发布稿件的更正，按时间倒序排列。", Paged(PublicPaths.Corrections, number)));
        return View(new CorrectionsPageModel(result));
    }

    private static string Titled(string name, int page) => page > 1 ? $"{name}（第{page}页）" : name;

    private static string Paged(string path, int page) => page > 1 ? $"{path}?page={page}" : path;
}
