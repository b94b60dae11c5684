namespace CivilizationNews.Core.Importing;

/// <summary>
/// Turns the assembled page into the result. Nothing is dropped silently: a second copy of a
/// paragraph and any text no story could take are handed to the editor as warnings, whole.
/// </summary>
internal static class ResultBuilder
{
    public static ImportResult Build(DraftPage page)
    {
        var warnings = new List<ImportWarning>(page.Warnings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stories = page.Stories.Where(s => !s.IsOrphan).ToList();

        foreach (var story in stories)
        {
            foreach (var section in story.Sections)
            {
                // One pass in order (removing copies one by one cost the square of their number).
                section.Paragraphs.RemoveAll(paragraph =>
                {
                    var key = PrintText.Compact(paragraph.Text);
                    if (key.Length == 0)
                    {
                        return true;
                    }

                    if (!seen.Add(key))
                    {
                        warnings.Add(new ImportWarning(ImportWarningKind.Duplicate, paragraph.Text, story.Title) { Lines = paragraph.Lines });
                        return true;
                    }

                    return false;
                });
            }
        }

        var leftovers = page.Stories.Where(s => s.IsOrphan).SelectMany(s => s.Paragraphs)
            .Concat(page.Unattached)
            .OrderBy(p => p.Lines.Count > 0 ? p.Lines[0] : 0);
        foreach (var paragraph in leftovers)
        {
            var key = PrintText.Compact(paragraph.Text);
            if (key.Length > 0)
            {
                var kind = seen.Add(key) ? ImportWarningKind.Unattached : ImportWarningKind.Duplicate;
                warnings.Add(new ImportWarning(kind, paragraph.Text, null) { Lines = paragraph.Lines });
            }
        }

        var byline = page.BylineLabel is null
            ? null
            // Roles are read from the block's first lines; the raw text keeps every line.
            : new ImportedByline(page.BylineLabel, BylineParser.ReadRoles(page.BylineMembers.Take(ImportLimits.MaxBylineLines)), string.Join("\n", page.BylineRaw))
            {
                Lines = page.BylineLines.ToList(),
            };

        return new ImportResult(stories.Select(ToArticle).ToList(), page.Photos.ToList(), byline, warnings);
    }

    private static ImportedArticle ToArticle(DraftStory story)
    {
        var sections = story.Sections
            .Where(s => s.Heading is not null || s.Paragraphs.Count > 0)
            .Select(s => new ImportedSection(s.Heading, s.Paragraphs.Select(p => p.Text).ToList())
            {
                ParagraphLines = s.Paragraphs.Select(p => p.Lines).ToList(),
            })
            .ToList();
        return new ImportedArticle(story.Kicker, story.Title!, story.Subtitle, story.Dateline, story.Credit, story.ContinuesOn, sections)
        {
            SourceLines = story.AllLines.Order().ToList(),
        };
    }
}
