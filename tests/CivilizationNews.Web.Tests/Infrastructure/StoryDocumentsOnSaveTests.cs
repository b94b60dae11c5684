using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// The save path builds a saved story's read document right after the commit (Core/Saving/AfterCommit), so the
/// first reader of a new or edited story, on any instance, reads one stored document instead of building the page.
/// </summary>
public sealed class StoryDocumentsOnSaveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string?> DocumentAsync(PortalFactory factory, int id) =>
        factory.QueryAsync(db => db.StoryDocuments.Where(d => d.ArticleId == id).Select(d => d.Json).SingleOrDefaultAsync(Ct));

    [Fact]
    public async Task Publishing_and_editing_store_the_storys_document_before_anyone_reads_it_and_withdrawing_removes_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var section = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync(Ct));
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var id = await AdminClient.CreateStoryAsync(editor, section, "社区食堂开进老街巷");

        // A draft has no public page, so no document.
        Assert.Null(await DocumentAsync(factory, id));

        await AdminClient.TransitionAsync(editor, id, "submitted");
        await AdminClient.TransitionAsync(editor, id, "approved");
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.TransitionAsync(editor, id, "published")).StatusCode);
        var published = await DocumentAsync(factory, id);
        Assert.NotNull(published);
        Assert.Contains("\"Title\":\"社区食堂开进老街巷\"", published, StringComparison.Ordinal);

        // An edit of the published story: the document is the edited page, still before any reader.
        await factory.QueryAsync(async db =>
        {
            var tracked = await db.Articles.AsTracking().SingleAsync(a => a.Id == id, Ct);
            tracked.Title = "社区食堂走进老街巷";
            return await db.SaveChangesAsync(Ct);
        });
        var edited = await DocumentAsync(factory, id);
        Assert.NotNull(edited);
        Assert.Contains("\"Title\":\"社区食堂走进老街巷\"", edited, StringComparison.Ordinal);
        Assert.DoesNotContain("社区食堂开进老街巷", edited, StringComparison.Ordinal);

        // The reader is served the stored page.
        using (var page = await AdminClient.Anonymous(factory).GetAsync(new Uri($"/article/{id}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("社区食堂走进老街巷", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Withdrawn: no document is built for a page readers can no longer see.
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.TransitionAsync(editor, id, "withdrawn", new() { ["reason"] = "信息需要核实" })).StatusCode);
        Assert.Equal(ArticleStatus.Withdrawn, await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct)));
        Assert.Null(await DocumentAsync(factory, id));
    }
}
