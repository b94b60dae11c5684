namespace CivilizationNews.Core.Importing;

/// <summary>
/// A story's tail can be printed before its headline. The story then ends with the first words of
/// that tail, often cut mid-word, and the tail repeats them: <c>…广受欢迎。员</c> at the story's end,
/// <c>…广受欢迎。员工们…</c> elsewhere. The overlap, not the position, says where a tail belongs.
/// </summary>
internal static class JumpStitcher
{
    /// <summary>Shorter repeats happen by chance ("的工作。"); six characters in a row do not.</summary>
    public const int MinOverlap = 6;

    private sealed record Candidate(DraftStory Story, DraftParagraph Paragraph, int PieceIndex, int Offset);

    public static void Stitch(DraftPage page)
    {
        // Each stitch can expose a new story end (a stitched tail may itself have been cut), so look again.
        for (var round = 0; round <= page.Stories.Count; round++)
        {
            var starts = IndexPieceStarts(page);
            var stitched = false;
            foreach (var story in page.Stories.Where(s => !s.IsOrphan && s.ContinuesOn is null))
            {
                if (story.LastParagraph is { } end && FindTail(story, end, starts) is { } tail)
                {
                    Join(page, story, end, tail.Candidate, tail.Overlap);
                    stitched = true;
                    break;
                }
            }

            if (!stitched)
            {
                return;
            }
        }
    }

    /// <summary>Every place a tail could start: each paragraph, and each source line inside one (a tail may have been glued on).</summary>
    private static Dictionary<string, List<Candidate>> IndexPieceStarts(DraftPage page)
    {
        var starts = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var story in page.Stories)
        {
            var first = story.Paragraphs.FirstOrDefault();
            foreach (var paragraph in story.Paragraphs)
            {
                var text = paragraph.Text;
                var offset = 0;
                for (var i = 0; i < paragraph.Pieces.Count; offset += paragraph.Pieces[i].Text.Length, i++)
                {
                    // A headed story's lead is its own beginning, never someone else's tail.
                    if (text.Length - offset < MinOverlap || (i == 0 && paragraph == first && !story.IsOrphan))
                    {
                        continue;
                    }

                    var key = text.Substring(offset, MinOverlap);
                    if (!starts.TryGetValue(key, out var list))
                    {
                        starts[key] = list = [];
                    }

                    list.Add(new Candidate(story, paragraph, i, offset));
                }
            }
        }

        return starts;
    }

    private static (Candidate Candidate, int Overlap)? FindTail(DraftStory story, DraftParagraph end, Dictionary<string, List<Candidate>> starts)
    {
        var text = end.Text;

        // The earliest matching position gives the longest overlap.
        for (var p = 0; p + MinOverlap <= text.Length; p++)
        {
            if (!starts.TryGetValue(text.Substring(p, MinOverlap), out var candidates))
            {
                continue;
            }

            var overlap = text.Length - p;
            foreach (var candidate in candidates)
            {
                if (candidate.Story == story)
                {
                    continue;
                }

                var tail = candidate.Paragraph.Text.AsSpan(candidate.Offset);
                if (tail.Length >= overlap && tail[..overlap].SequenceEqual(text.AsSpan(p)))
                {
                    return (candidate, overlap);
                }
            }
        }

        return null;
    }

    private static void Join(DraftPage page, DraftStory story, DraftParagraph end, Candidate tail, int overlap)
    {
        var host = tail.Story;
        var source = tail.Paragraph;
        var overlapText = end.Text[^overlap..];

        // The rest of the tail's run follows it: the paragraphs printed right after it, up to the next
        // headline, caption or marker.
        var hostParagraphs = host.Paragraphs.ToList();
        var following = hostParagraphs
            .Skip(hostParagraphs.IndexOf(source) + 1)
            .TakeWhile(p => p.Run == source.Run)
            .ToList();

        var tailPieces = source.Pieces.GetRange(tail.PieceIndex, source.Pieces.Count - tail.PieceIndex);
        source.Pieces.RemoveRange(tail.PieceIndex, tailPieces.Count);
        if (source.Pieces.Count == 0)
        {
            host.Remove(source);
        }

        var moved = new DraftParagraph(tailPieces, source.Run);
        moved.DropPrefix(overlap);
        end.Pieces.AddRange(moved.Pieces);
        foreach (var paragraph in following)
        {
            host.Remove(paragraph);
            story.Add(paragraph);
        }

        var lines = moved.Lines.Concat(following.SelectMany(p => p.Lines)).Distinct().ToList();
        var more = following.Count > 0 ? $"，其后{following.Count}段一并接上" : "";
        page.Warnings.Add(new ImportWarning(
            ImportWarningKind.Stitched,
            $"《{story.Title}》印在别处的转版文字已接回文末，重叠的“{PrintText.Excerpt(overlapText)}”只保留一次{more}。",
            story.Title)
        { Lines = lines });
    }
}
