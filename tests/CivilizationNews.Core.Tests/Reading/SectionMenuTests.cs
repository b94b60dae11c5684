using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Reading;

/// <summary>
/// The section row under the masthead is read again only when the read generation has moved: a request that has read a
/// story's document knows the generation from that command, and every save to a section moves it on.
/// </summary>
public sealed class SectionMenuTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The section names one request shows, after reading story <paramref name="storyId"/>'s page (or no page).</summary>
    private static async Task<IReadOnlyList<string>> MenuAsync(NewsroomFixture f, int? storyId)
    {
        await using var db = f.Context();
        var seen = new SeenGeneration();
        if (storyId is int id)
        {
            var documents = new StoryDocuments(db, new ArticleReader(db, f.Clock), new MarkdownRenderer(), f.Clock, f.Parsed, seen,
                NullLogger<StoryDocuments>.Instance);
            Assert.NotNull(await documents.GetAsync(id, Ct));
            Assert.NotNull(seen.Value);
        }
        return [.. (await new SectionMenu(db, f.Parsed, seen).SectionsAsync(Ct)).Select(s => s.Name)];
    }

    private static async Task RenameBehindTheSavePathAsync(NewsroomFixture f, string name)
    {
        await using var db = f.Context();
        // A bulk update does not pass through the save path: the read generation stays where it was.
        Assert.Equal(1, await db.Sections.Where(s => s.Id == f.SectionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, name), Ct));
    }

    [Fact]
    public async Task The_row_read_under_a_generation_is_served_again_until_a_save_to_a_section_moves_the_generation_on()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var story = await f.PublishedAsync("栏目导航测试稿");
        Assert.Equal(["文明创建"], await MenuAsync(f, story)); // the story's document is built, the row read and held
        Assert.Equal(["文明创建"], await MenuAsync(f, story)); // the document is read; the row comes from memory

        // Held: with the generation unchanged, the sections table is not read again...
        await RenameBehindTheSavePathAsync(f, "表里改的名字");
        Assert.Equal(["文明创建"], await MenuAsync(f, story));
        // ...while a request that read no document (the search page, an error page) reads the table.
        Assert.Equal(["表里改的名字"], await MenuAsync(f, null));

        // A save through the section desk moves the generation on: the next page shows the new row.
        await using (var db = f.Context())
        {
            var section = await db.Sections.SingleAsync(s => s.Id == f.SectionId, Ct);
            var input = SectionInput.From(section);
            input.Name = "文明实践";
            var saved = await new SectionDesk(db, new AuditLog(db, f.Clock)).UpdateAsync(f.SectionId, input, NewsroomFixture.Editor, Ct);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }
        Assert.Equal(["文明实践"], await MenuAsync(f, story));
        Assert.Equal(["文明实践"], await MenuAsync(f, story));

        // A new section reaches the row as well.
        await using (var db = f.Context())
        {
            var created = await new SectionDesk(db, new AuditLog(db, f.Clock)).CreateAsync(
                new SectionInput { Slug = "yaowen", Name = "要闻", SortOrder = 0 }, NewsroomFixture.Editor, Ct);
            Assert.Equal(SaveOutcome.Saved, created.Outcome);
        }
        Assert.Equal(["要闻", "文明实践"], await MenuAsync(f, story));
    }
}
