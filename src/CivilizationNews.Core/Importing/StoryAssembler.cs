using System.Diagnostics.CodeAnalysis;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// Reads the units in page order and opens a story at each header. A header is a kicker line and a
/// headline (or both on one line), a headline with a —— subtitle, or a headline above 本报讯; a lone
/// short line inside a feature is a subhead. Text that no header claims is kept as an orphan run for
/// the later steps to place, never added to whatever story happens to precede it.
/// </summary>
internal static class StoryAssembler
{
    /// <param name="isUnitName">Whether a word is a unit's name: one the newsroom knows, or one that reads as an organisation's.</param>
    public static DraftPage Assemble(IReadOnlyList<Unit> units, IEnumerable<ImportWarning> earlierWarnings, Func<string, bool> isUnitName)
    {
        var page = new DraftPage();
        page.Warnings.AddRange(earlierWarnings);
        DraftStory? current = null;
        var run = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (unit.Kind is not (UnitKind.Paragraph or UnitKind.Subtitle))
            {
                run++;
            }

            switch (unit.Kind)
            {
                case UnitKind.Photo:
                    // Photos sit anywhere on the page; the story around them goes on.
                    page.Photos.Add(unit.Photo!);
                    break;
                case UnitKind.Byline:
                    AddByline(page, unit);
                    current = null;
                    break;
                case UnitKind.JumpOut:
                    if (current is { IsOrphan: false, ContinuesOn: null })
                    {
                        current.ContinuesOn = unit.JumpPage;
                        current.HeaderLines.AddRange(unit.Lines);
                    }
                    else
                    {
                        page.Warnings.Add(new ImportWarning(ImportWarningKind.Unattached, unit.Text, null) { Lines = unit.Lines });
                    }

                    current = null;
                    break;
                case UnitKind.JumpIn:
                    var headsStory = current is { IsOrphan: false, HasParagraphs: false };
                    // The marker is quoted in one form whatever brackets and spaces it was printed
                    // with, so that the same page reads the same; as printed when its wording differs.
                    var marker = Markers.JumpInMarker(unit.JumpPage!);
                    var quoted = PrintText.SameWording(marker, unit.Text) ? marker : unit.Text;
                    var note = headsStory ? $"{quoted} 本稿续自{unit.JumpPage}，请与该版稿件核对。" : $"{quoted} 以下文字续自{unit.JumpPage}的稿件，请核对归属。";
                    page.Warnings.Add(new ImportWarning(ImportWarningKind.ContinuedFrom, note, headsStory ? current!.Title : null) { Lines = unit.Lines });
                    if (headsStory)
                    {
                        current!.HeaderLines.AddRange(unit.Lines);
                    }

                    if (!headsStory)
                    {
                        current = null;
                    }

                    break;
                case UnitKind.Credit when current is { IsOrphan: false, LeadRead: false, PendingCredit: null }:
                    current.PendingCredit = unit;
                    break;
                case UnitKind.Credit when current is { IsOrphan: false, LeadRead: true, Dateline: null, Credit: null }:
                    // （记者 王磊） at the end of a story without 本报讯. In a 本报讯 story it stays a
                    // paragraph: the credit field sits between 本报讯 and the lead, where it was not printed.
                    current.Credit = LineClassifier.CreditText(unit.Text);
                    current.HeaderLines.AddRange(unit.Lines);
                    break;
                case UnitKind.Short:
                    if (TryReadHeader(units, i, current, page, isUnitName, out var story, out var last))
                    {
                        page.Stories.Add(story);
                        current = story;
                        i = last;
                    }
                    else
                    {
                        current!.StartSection(unit.Text, unit.Lines);
                    }

                    break;
                default:
                    if (unit.Detached || unit.NewFrame)
                    {
                        // Text that opens mid-paragraph, or below a rule, without a header of its own is not
                        // the story printed before it: an orphan run for the later steps to place.
                        current = null;
                    }

                    current = AddParagraph(page, current, unit, run, i);
                    break;
            }
        }

        foreach (var story in page.Stories)
        {
            ResolvePendingCredit(page, story, hasDateline: false);
        }

        return page;
    }

    private static DraftStory AddParagraph(DraftPage page, DraftStory? current, Unit unit, int run, int position)
    {
        if (current is null)
        {
            current = new DraftStory(position);
            page.Stories.Add(current);
        }

        var paragraph = new DraftParagraph([.. unit.Pieces], run) { Detached = unit.Detached };
        if (!current.IsOrphan && !current.LeadRead)
        {
            current.LeadRead = true;
            var lead = Markers.ReadDateline(paragraph.Text);
            ResolvePendingCredit(page, current, hasDateline: lead is not null);
            if (lead is { } found)
            {
                current.Dateline = found.Dateline;
                current.Credit = found.Credit;
                paragraph.DropPrefix(found.BodyStart);
                if (paragraph.Text.Trim().Length == 0)
                {
                    // 本报讯（…） printed alone on its line: the lead is the next paragraph.
                    return current;
                }
            }
        }

        current.Add(paragraph);
        return current;
    }

    /// <summary>
    /// A byline under the headline is the story's credit, unless the lead opens with 本报讯: then the
    /// credit field belongs to 本报讯's brackets, and the line goes to the editor instead.
    /// </summary>
    private static void ResolvePendingCredit(DraftPage page, DraftStory story, bool hasDateline)
    {
        if (story.PendingCredit is not { } credit)
        {
            return;
        }

        story.PendingCredit = null;
        if (hasDateline)
        {
            page.Warnings.Add(new ImportWarning(ImportWarningKind.Unattached, credit.Text, story.Title) { Lines = credit.Lines });
        }
        else
        {
            story.Credit = LineClassifier.CreditText(credit.Text);
            story.HeaderLines.AddRange(credit.Lines);
        }
    }

    private static bool TryReadHeader(
        IReadOnlyList<Unit> units, int start, DraftStory? current, DraftPage page, Func<string, bool> isUnitName,
        [NotNullWhen(true)] out DraftStory? story, out int last)
    {
        var shorts = new List<Unit>();
        var j = start;
        while (j < units.Count && units[j].Kind == UnitKind.Short)
        {
            shorts.Add(units[j++]);
        }

        if (shorts.Any(u => u.Hint == LineHint.Headline))
        {
            return ReadHintedHeader(units, start, shorts, current, page, out story, out last);
        }

        if (current is { IsOrphan: false } && shorts.All(u => u.Hint == LineHint.Subhead))
        {
            // The geometry saw section headings inside the story, not a new story's header.
            story = null;
            last = start;
            return false;
        }

        // A —— line under a headline is its subtitle, unless more —— lines follow: then it is a list.
        // Under a numbered subhead inside a story (一、…) it is the section's first line: a subtitle
        // stands only under a headline.
        var inStory = current is { IsOrphan: false };
        var underSubhead = inStory && shorts.Count == 1 && PrintText.IsNumberedHeading(shorts[0].Text);
        Unit? subtitle = null;
        if (j < units.Count && units[j].Kind == UnitKind.Subtitle && !underSubhead
            && !(j + 1 < units.Count && PrintText.IsBulleted(units[j + 1].Text)))
        {
            subtitle = units[j++];
        }

        // Photos and a story credit can stand between a headline and its lead.
        var after = units.Skip(j).FirstOrDefault(u => u.Kind != UnitKind.Photo);
        var lead = units.Skip(j).FirstOrDefault(u => u.Kind is not (UnitKind.Photo or UnitKind.Credit));
        var datelineNext = lead is { IsDateline: true };

        Unit? kickerUnit = null;
        Unit titleUnit;
        List<Unit> before = [];
        List<Unit> headings = [];
        if (shorts.Count >= 2)
        {
            // Nothing comes between a headline and 本报讯, and a subtitle sits right under its
            // headline; otherwise a third short line is the feature's first subhead.
            if (subtitle is not null || datelineNext)
            {
                before = shorts[..^2];
                (kickerUnit, titleUnit) = (shorts[^2], shorts[^1]);
            }
            else
            {
                (kickerUnit, titleUnit) = (shorts[0], shorts[1]);
                headings = shorts[2..];
            }
        }
        else
        {
            titleUnit = shorts[0];
            if (subtitle is null && inStory && !datelineNext && !OpensStory(titleUnit.Text, current!, after, isUnitName))
            {
                story = null;
                last = start;
                return false;
            }
        }

        PlaceStrays(before, current, page);

        var (kicker, title) = kickerUnit is not null
            ? (kickerUnit.Text, titleUnit.Text)
            : subtitle is null ? SplitKicker(titleUnit.Text, isUnitName) : (null, titleUnit.Text);
        story = NewStory(start, kicker, title, kickerUnit, titleUnit, subtitle, headings);
        last = j - 1;
        return true;
    }

    /// <summary>
    /// A header whose lines the page's geometry named (a PDF): the headline is the line printed as one,
    /// the kicker the line right above it, a subtitle the line under it. Short lines before the kicker
    /// are the current story's headings (or go to the editor); those after the headline are the new
    /// story's first headings.
    /// </summary>
    private static bool ReadHintedHeader(
        IReadOnlyList<Unit> units, int start, List<Unit> shorts, DraftStory? current, DraftPage page,
        [NotNullWhen(true)] out DraftStory? story, out int last)
    {
        var j = start + shorts.Count;
        var titleAt = shorts.FindIndex(u => u.Hint == LineHint.Headline);
        var kickerAt = titleAt > 0 && shorts[titleAt - 1].Hint == LineHint.Kicker ? titleAt - 1 : -1;
        var before = shorts[..(kickerAt >= 0 ? kickerAt : titleAt)];
        var headings = shorts[(titleAt + 1)..];
        Unit? subtitle = null;
        if (headings.Count == 0 && j < units.Count && units[j].Kind == UnitKind.Subtitle)
        {
            subtitle = units[j++];
        }

        PlaceStrays(before, current, page);

        var kickerUnit = kickerAt >= 0 ? shorts[kickerAt] : null;
        story = NewStory(start + titleAt, kickerUnit?.Text, shorts[titleAt].Text, kickerUnit, shorts[titleAt], subtitle, headings);
        last = j - 1;
        return true;
    }

    /// <summary>Short lines before a header that is not theirs: headings of the story before, or the editor's.</summary>
    private static void PlaceStrays(List<Unit> strays, DraftStory? current, DraftPage page)
    {
        foreach (var stray in strays)
        {
            if (current is { IsOrphan: false })
            {
                current.StartSection(stray.Text, stray.Lines);
            }
            else
            {
                page.Warnings.Add(new ImportWarning(ImportWarningKind.Unattached, stray.Text, null) { Lines = stray.Lines });
            }
        }
    }

    private static DraftStory NewStory(int position, string? kicker, string title, Unit? kickerUnit, Unit titleUnit, Unit? subtitle, List<Unit> headings)
    {
        var story = new DraftStory(position)
        {
            Kicker = kicker,
            Title = title,
            Subtitle = subtitle is null ? null : PrintText.WithoutDash(subtitle.Text),
        };
        story.HeaderLines.AddRange(new[] { kickerUnit, titleUnit, subtitle }.OfType<Unit>().SelectMany(u => u.Lines));
        foreach (var heading in headings)
        {
            story.StartSection(heading.Text, heading.Lines);
        }

        return story;
    }

    /// <summary>
    /// A single short line inside a story (no 本报讯 below it): a subhead, unless the story is a
    /// 本报讯 news item (those have no subheads), or the line carries a unit's name before the headline
    /// in a story that has no subheads (in one that has, "扎根社区 服务群众" is one more subhead).
    /// </summary>
    private static bool OpensStory(string line, DraftStory current, Unit? after, Func<string, bool> isUnitName)
    {
        if (PrintText.IsNumberedHeading(line) || current.HasHeadings)
        {
            return false;
        }

        var words = PrintText.Words(line);
        return (words.Length >= 2 && isUnitName(words[0]))
            || (current.Dateline is not null && after is { Kind: UnitKind.Paragraph });
    }

    /// <summary>
    /// "市供水公司 “水润书香”进班组": kicker and headline on one line, split at the first space, but only
    /// when the first word is a unit's name. A paired headline (文明实践进社区 志愿服务暖人心) has a
    /// space in the same place, even above 本报讯, and its first half would become a kicker that the
    /// draft creator offers as a new unit.
    /// </summary>
    private static (string? Kicker, string Title) SplitKicker(string line, Func<string, bool> isUnitName)
    {
        var words = PrintText.Words(line);
        if (words.Length >= 2 && isUnitName(words[0]))
        {
            var rest = line.Trim()[words[0].Length..].Trim();
            return (words[0], rest);
        }

        return (null, line);
    }

    private static void AddByline(DraftPage page, Unit unit)
    {
        if (page.BylineLabel is null || page.BylineLabel == unit.BylineLabel)
        {
            page.BylineLabel = unit.BylineLabel;
            page.BylineMembers.AddRange(unit.BylineMembers);
            page.BylineRaw.AddRange(unit.Pieces.Select(p => p.Text));
            page.BylineLines.AddRange(unit.Lines);
        }
        else
        {
            // The contract has one page byline; a second, different block goes to the editor whole.
            page.Warnings.Add(new ImportWarning(ImportWarningKind.Unattached, string.Join("\n", unit.Pieces.Select(p => p.Text)), null) { Lines = unit.Lines });
        }
    }
}
